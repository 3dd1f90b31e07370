using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Waharoa.Tokens;

/// <summary>Signs Waharoa's JWTs with the ring's current key and verifies them with any key of the ring not yet retired.</summary>
public sealed class JwtSigner
{
    private readonly SigningKeyRing _keys;
    private readonly JsonWebTokenHandler _handler = new();
    private readonly TokenValidationParameters _validation;
    private long _lastUnknownKeyRefresh;

    /// <summary>Creates a signer over <paramref name="keys"/>.</summary>
    public JwtSigner(SigningKeyRing keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        _keys = keys;
        _validation = new TokenValidationParameters
        {
            // Only a key of the ring that has not retired verifies, the one the header names by kid or else by x5t;
            // a token that names none of them verifies with none.
            IssuerSigningKeyResolver = (_, token, kid, _) => _keys.FindVerifying(kid, (token as JsonWebToken)?.X5t) is { } key ? [key.SecurityKey] : [],
            ValidAlgorithms = [SecurityAlgorithms.RsaSha512],
            ValidateIssuer = false,
            ValidateAudience = false,
            // Expiry is checked against the injected TimeProvider (the virtual clock), not the wall clock.
            ValidateLifetime = false,
            RequireExpirationTime = false,
            RequireSignedTokens = true,
            TryAllIssuerSigningKeys = false,
        };
    }

    /// <summary>
    /// Signs with RS512 the header <paramref name="header"/> makes for the signing key and a payload written by
    /// <paramref name="writePayload"/> (claim order is kept as written).
    /// </summary>
    public string Sign(Func<SigningKey, byte[]> header, Action<Utf8JsonWriter> writePayload)
    {
        ArgumentNullException.ThrowIfNull(writePayload);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writePayload(writer);
            writer.WriteEndObject();
        }

        return SignExact(header, buffer.ToArray());
    }

    /// <summary>
    /// Signs exactly the given header and payload bytes with RS512, for tokens whose bytes are fixed by IR's samples
    /// (header member order, <c>\/</c> escapes) and so cannot be left to a serializer. <paramref name="header"/> is
    /// given the signing key, to name it by its <c>kid</c> or <c>x5t</c> as the token's format does.
    /// </summary>
    public string SignExact(Func<SigningKey, byte[]> header, byte[] payload)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(payload);
        var key = _keys.Current;
        var signingInput = Base64UrlEncoder.Encode(header(key)) + "." + Base64UrlEncoder.Encode(payload);
        var signature = key.PrivateKey.SignData(
            System.Text.Encoding.ASCII.GetBytes(signingInput), System.Security.Cryptography.HashAlgorithmName.SHA512, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64UrlEncoder.Encode(signature);
    }

    /// <summary>The longest value read as a JWT.</summary>
    public const int MaxTokenLength = 16 * 1024;

    /// <summary>The token when its RS512 signature is by a key of the ring that has not retired; null for anything else.</summary>
    public async ValueTask<JsonWebToken?> VerifyAsync(string? token) =>
        Read(token) is { } jwt && await VerifyAsync(jwt).ConfigureAwait(false) ? jwt : null;

    /// <summary>
    /// <paramref name="token"/> read as a compact JWS (header, payload, signature), unverified; null when it is not one or
    /// longer than <see cref="MaxTokenLength"/>.
    /// </summary>
    public static JsonWebToken? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength || token.AsSpan().Count('.') != 2)
        {
            return null;
        }

        try
        {
            return new JsonWebToken(token);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or JsonException)
        {
            return null;
        }
    }

    /// <summary>True when <paramref name="token"/>'s RS512 signature is by a key of the ring that has not retired.</summary>
    public async ValueTask<bool> VerifyAsync(JsonWebToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var result = await _handler.ValidateTokenAsync(token, _validation).ConfigureAwait(false);
        if (!result.IsValid && result.Exception is SecurityTokenSignatureKeyNotFoundException && ShouldRefreshForUnknownKey())
        {
            // Another instance may have rotated: look at the store once, then try again.
            await _keys.RefreshAsync(CancellationToken.None).ConfigureAwait(false);
            result = await _handler.ValidateTokenAsync(token, _validation).ConfigureAwait(false);
        }

        return result.IsValid;
    }

    /// <summary>
    /// The key of the ring <paramref name="token"/>'s header names, when it verifies now (the key a successful
    /// <see cref="VerifyAsync(JsonWebToken)"/> used); null otherwise.
    /// </summary>
    public SigningKey? VerifyingKeyOf(JsonWebToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return _keys.FindVerifying(token.Kid, token.X5t);
    }

    /// <summary>
    /// True while <paramref name="key"/> still verifies: it is in the ring, unchanged, and not retired now. A signature
    /// checked with it once stays good for as long as this holds.
    /// </summary>
    public bool StillVerifies(SigningKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return ReferenceEquals(_keys.FindVerifying(key.KeyId), key);
    }

    /// <summary>The decoded payload of <paramref name="token"/> as JSON, for reading claims exactly as issued.</summary>
    public static JsonDocument Payload(JsonWebToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(token.EncodedPayload));
    }

    /// <summary>At most one store read a second for tokens naming a key the ring does not hold (forged kids are cheap).</summary>
    private bool ShouldRefreshForUnknownKey()
    {
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastUnknownKeyRefresh);
        return now - last >= 1000 && Interlocked.CompareExchange(ref _lastUnknownKeyRefresh, now, last) == last;
    }
}
