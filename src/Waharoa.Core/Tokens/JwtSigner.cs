using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Waharoa.Tokens;

/// <summary>Signs and verifies Waharoa's JWTs with the <see cref="SigningKey"/>.</summary>
public sealed class JwtSigner
{
    private readonly SigningKey _key;
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly TokenValidationParameters _validation;

    /// <summary>Creates a signer over <paramref name="key"/>.</summary>
    public JwtSigner(SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        _key = key;
        _validation = new TokenValidationParameters
        {
            IssuerSigningKey = key.SecurityKey,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha512],
            ValidateIssuer = false,
            ValidateAudience = false,
            // Expiry is checked against the injected TimeProvider (the virtual clock), not the wall clock.
            ValidateLifetime = false,
            RequireExpirationTime = false,
            RequireSignedTokens = true,
        };
    }

    /// <summary>Signs a payload written by <paramref name="writePayload"/> (claim order is kept as written) with RS512.</summary>
    public string Sign(Action<Utf8JsonWriter> writePayload, IDictionary<string, object>? extraHeader = null)
    {
        ArgumentNullException.ThrowIfNull(writePayload);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writePayload(writer);
            writer.WriteEndObject();
        }

        var payload = System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        return extraHeader is null
            ? _handler.CreateToken(payload, _key.Credentials)
            : _handler.CreateToken(payload, _key.Credentials, extraHeader);
    }

    /// <summary>The SHA-1 thumbprint (40 upper-case hex digits) of the signing certificate, as START's <c>kid</c>.</summary>
    public string CertificateThumbprint => _key.Certificate.Thumbprint;

    /// <summary>
    /// Signs exactly the given header and payload bytes with RS512, for tokens whose bytes are fixed by IR's samples
    /// (header member order, <c>\/</c> escapes) and so cannot be left to a serializer.
    /// </summary>
    public string SignExact(byte[] header, byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(payload);
        var signingInput = Base64UrlEncoder.Encode(header) + "." + Base64UrlEncoder.Encode(payload);
        using var rsa = _key.Certificate.GetRSAPrivateKey() ?? throw new InvalidOperationException("The signing certificate has no RSA private key.");
        var signature = rsa.SignData(System.Text.Encoding.ASCII.GetBytes(signingInput), System.Security.Cryptography.HashAlgorithmName.SHA512, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64UrlEncoder.Encode(signature);
    }

    /// <summary>The token when its RS512 signature is ours; null for anything else (malformed, other key, other algorithm).</summary>
    public async ValueTask<JsonWebToken?> VerifyAsync(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 16 * 1024)
        {
            return null;
        }

        var result = await _handler.ValidateTokenAsync(token, _validation).ConfigureAwait(false);
        return result.IsValid ? result.SecurityToken as JsonWebToken : null;
    }

    /// <summary>The decoded payload of <paramref name="token"/> as JSON, for reading claims exactly as issued.</summary>
    public static JsonDocument Payload(JsonWebToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(token.EncodedPayload));
    }
}
