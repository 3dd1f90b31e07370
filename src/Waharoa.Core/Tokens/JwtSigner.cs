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
