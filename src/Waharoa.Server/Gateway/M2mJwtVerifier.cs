using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Waharoa.Certificates;
using Waharoa.Clients;

namespace Waharoa.Server.Gateway;

/// <summary>
/// Verifies organisational (M2M) JWTs as IR's M2M how-to describes them: signed by one of the DSP's enrolled signing
/// certificates (or its TLS client certificate when it enrolled none) (RS256/384/512 or ES256/384/512), header <c>typ</c> <c>JWT</c> and <c>kid</c> <c>M2M</c> (build pack §2.4),
/// <c>sub</c> the certificate's SHA-256 thumbprint, an <c>iss</c>, <c>exp</c> at most 8 hours after <c>iat</c>, <c>iat</c> not
/// before the certificate's start; <c>startLogon</c> names the myIR user to act as.
/// </summary>
internal sealed class M2mJwtVerifier(TimeProvider time)
{
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromHours(8);

    /// <summary>How far in the future an <c>iat</c> may lie (clocks differ); beyond it the 8-hour limit could be dodged.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private static readonly string[] Algorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    private readonly JsonWebTokenHandler _handler = new();

    // Enrolled signing certificates, parsed once each (a client has a handful; a removed one's entry is harmless).
    private readonly ConcurrentDictionary<string, X509Certificate2?> _parsed = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether <paramref name="token"/> is valid for <paramref name="client"/>: signed by the enrolled signing certificate
    /// its <c>sub</c> names, or, when the client has none enrolled, by <paramref name="tlsCertificate"/>.
    /// </summary>
    public Task<(bool Valid, string? StartLogon)> VerifyAsync(string token, DspClient client, X509Certificate2 tlsCertificate)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (client.SigningCertificates.Count == 0)
        {
            return VerifyAsync(token, tlsCertificate);
        }

        string? subject;
        try
        {
            subject = token.Length > 16 * 1024 ? null : new JsonWebToken(token).Subject;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or System.Text.Json.JsonException)
        {
            subject = null;
        }

        var signer = subject is null ? null : client.SigningCertificates
            .Select(pem => _parsed.GetOrAdd(pem, Parse))
            .FirstOrDefault(c => c is not null && string.Equals(CertificateFiles.Sha256Thumbprint(c), subject, StringComparison.OrdinalIgnoreCase));
        return signer is null ? Task.FromResult<(bool, string?)>((false, null)) : VerifyAsync(token, signer);
    }

    private static X509Certificate2? Parse(string pem)
    {
        try
        {
            return X509Certificate2.CreateFromPem(pem);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>Whether <paramref name="token"/> is valid for <paramref name="certificate"/>, and the <c>startLogon</c> it names (null for none).</summary>
    public async Task<(bool Valid, string? StartLogon)> VerifyAsync(string token, X509Certificate2 certificate)
    {
        SecurityKey? key = certificate.GetRSAPublicKey() is { } rsa ? new RsaSecurityKey(rsa)
            : certificate.GetECDsaPublicKey() is { } ecdsa ? new ECDsaSecurityKey(ecdsa)
            : null;
        if (key is null || token.Length > 16 * 1024)
        {
            return (false, null);
        }

        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKey = key,
            ValidAlgorithms = Algorithms,
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
            RequireExpirationTime = false,
            RequireSignedTokens = true,
            TryAllIssuerSigningKeys = true,
        });
        if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt)
        {
            return (false, null);
        }

        // IR's header is fixed: typ JWT, kid M2M, exactly as the build pack's table gives them; iss is required too.
        if (jwt.Typ != "JWT" || jwt.Kid != "M2M" || string.IsNullOrEmpty(jwt.Issuer)
            || !string.Equals(jwt.Subject, CertificateFiles.Sha256Thumbprint(certificate), StringComparison.OrdinalIgnoreCase)
            || !jwt.TryGetPayloadValue<long>("iat", out var iat) || !jwt.TryGetPayloadValue<long>("exp", out var exp))
        {
            return (false, null);
        }

        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(iat);
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(exp);
        var now = time.GetUtcNow();
        if (expiresAt <= now || expiresAt - issuedAt > MaxLifetime || expiresAt <= issuedAt || issuedAt > now + ClockSkew
            || issuedAt < new DateTimeOffset(certificate.NotBefore.ToUniversalTime()).AddSeconds(-1))
        {
            return (false, null);
        }

        var startLogon = jwt.TryGetPayloadValue<string>("startLogon", out var logon) && !string.IsNullOrWhiteSpace(logon) ? logon : null;
        return (true, startLogon);
    }
}
