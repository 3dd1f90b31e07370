using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Waharoa.Certificates;
using Waharoa.Clients;
using Waharoa.Tokens;

namespace Waharoa.Server.Gateway;

/// <summary>
/// Verifies organisational (M2M) JWTs as IR's M2M how-to describes them: signed by one of the DSP's enrolled signing
/// certificates (or its TLS client certificate when it enrolled none) (RS256/384/512 or ES256/384/512), header <c>typ</c> <c>JWT</c> and <c>kid</c> <c>M2M</c> (build pack §2.4),
/// <c>sub</c> the certificate's SHA-256 thumbprint, an <c>iss</c>, <c>exp</c> at most 8 hours after <c>iat</c>, <c>iat</c> not
/// before the certificate's start, and the certificate not expired; <c>startLogon</c> names the myIR user to act as.
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

    // What verifying against a certificate needs, worked out once per certificate: enrolled signing certificates by
    // their PEM (a client has a handful; a removed one's entry is harmless), TLS certificates per connection's object.
    private readonly ConcurrentDictionary<string, Signer?> _enrolled = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<X509Certificate2, Signer?> _tls = [];

    /// <summary>How many verified M2M JWTs are remembered; when full, all are forgotten.</summary>
    public const int VerifiedCapacity = 1024;

    // A JWT that verified once is not parsed nor its signature checked again while the same signer would be chosen for
    // it (the certificate is still enrolled for the client, or the connection is the same); its times are checked anew.
    private readonly ConcurrentDictionary<string, Verified> _verified = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether <paramref name="token"/> is valid for <paramref name="client"/>: signed by the enrolled signing certificate
    /// its <c>sub</c> names, or, when the client has none enrolled, by <paramref name="tlsCertificate"/>; and the
    /// <c>startLogon</c> it names (null for none).
    /// </summary>
    public async Task<(bool Valid, string? StartLogon)> VerifyAsync(string token, DspClient client, X509Certificate2 tlsCertificate)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(tlsCertificate);
        if (_verified.TryGetValue(token, out var known) && ReferenceEquals(SignerFor(client, tlsCertificate, known.Signer.Thumbprint), known.Signer))
        {
            return Timely(known) ? (true, known.StartLogon) : (false, null);
        }

        if (JwtSigner.Read(token) is not { } jwt || SignerFor(client, tlsCertificate, jwt.Subject) is not { } signer)
        {
            return (false, null);
        }

        var result = await _handler.ValidateTokenAsync(jwt, signer.Validation).ConfigureAwait(false);
        if (!result.IsValid)
        {
            return (false, null);
        }

        // IR's header is fixed: typ JWT, kid M2M, exactly as the build pack's table gives them; iss is required too.
        if (jwt.Typ != "JWT" || jwt.Kid != "M2M" || string.IsNullOrEmpty(jwt.Issuer)
            || !string.Equals(jwt.Subject, signer.Thumbprint, StringComparison.OrdinalIgnoreCase)
            || !jwt.TryGetPayloadValue<long>("iat", out var iat) || !jwt.TryGetPayloadValue<long>("exp", out var exp))
        {
            return (false, null);
        }

        var startLogon = jwt.TryGetPayloadValue<string>("startLogon", out var logon) && !string.IsNullOrWhiteSpace(logon) ? logon : null;
        var verified = new Verified(signer, DateTimeOffset.FromUnixTimeSeconds(iat), DateTimeOffset.FromUnixTimeSeconds(exp), startLogon);
        if (!Timely(verified))
        {
            return (false, null);
        }

        if (_verified.Count >= VerifiedCapacity)
        {
            _verified.Clear();
        }

        _verified[token] = verified;
        return (true, startLogon);
    }

    /// <summary>
    /// The certificate whose key must have signed a JWT with <paramref name="subject"/> for <paramref name="client"/>: the
    /// enrolled signing certificate of that thumbprint, or the connection's when the client enrolled none.
    /// </summary>
    private Signer? SignerFor(DspClient client, X509Certificate2 tlsCertificate, string? subject) =>
        client.SigningCertificates.Count == 0
            ? _tls.GetValue(tlsCertificate, static c => Signer.Of(c))
            : client.SigningCertificates
                .Select(pem => _enrolled.GetOrAdd(pem, static p => Parse(p) is { } c ? Signer.Of(c) : null))
                .FirstOrDefault(s => s is not null && string.Equals(s.Thumbprint, subject, StringComparison.OrdinalIgnoreCase));

    /// <summary>The JWT's times as IR requires them, now: exp at most 8 hours after iat and not past, iat not ahead, the certificate valid.</summary>
    private bool Timely(Verified token)
    {
        var (signer, issuedAt, expiresAt) = (token.Signer, token.IssuedAt, token.ExpiresAt);
        var now = time.GetUtcNow();
        return !(expiresAt <= now || expiresAt - issuedAt > MaxLifetime || expiresAt <= issuedAt || issuedAt > now + ClockSkew
            || issuedAt < signer.NotBefore.AddSeconds(-1) || now >= signer.NotAfter);
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

    /// <summary>An M2M JWT that verified: the certificate that signed it, its times, and the <c>startLogon</c> it names.</summary>
    private sealed record Verified(Signer Signer, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, string? StartLogon);

    /// <summary>A certificate that may sign M2M JWTs: its thumbprint (what <c>sub</c> names), start, and the parameters that verify with its key.</summary>
    private sealed record Signer(string Thumbprint, DateTimeOffset NotBefore, DateTimeOffset NotAfter, TokenValidationParameters Validation)
    {
        public static Signer? Of(X509Certificate2 certificate)
        {
            SecurityKey? key = certificate.GetRSAPublicKey() is { } rsa ? new RsaSecurityKey(rsa)
                : certificate.GetECDsaPublicKey() is { } ecdsa ? new ECDsaSecurityKey(ecdsa)
                : null;
            return key is null ? null : new Signer(
                CertificateIdentity.Of(certificate).Sha256Thumbprint,
                new DateTimeOffset(certificate.NotBefore.ToUniversalTime()),
                new DateTimeOffset(certificate.NotAfter.ToUniversalTime()),
                new TokenValidationParameters
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
        }
    }
}
