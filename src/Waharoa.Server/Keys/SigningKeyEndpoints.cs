using System.Text.Json;
using System.Security.Cryptography.X509Certificates;
using Microsoft.IdentityModel.Tokens;
using Waharoa.Tokens;

namespace Waharoa.Server.Keys;

/// <summary>
/// The token-signing keys every instance on the store shares: kept up to date after rotations, and published as a
/// JWKS so resource servers can verify tokens offline.
/// </summary>
internal static class SigningKeyEndpoints
{
    public const string Path = "/.well-known/jwks.json";

    /// <summary>Registers <paramref name="ring"/>, loaded from the store, and keeps it up to date with rotations anywhere.</summary>
    public static IServiceCollection AddSigningKeys(this IServiceCollection services, SigningKeyRing ring)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(ring);
        services.AddSingleton(ring);
        services.AddSingleton<SigningKeyRefresh>();
        services.AddHostedService(sp => sp.GetRequiredService<SigningKeyRefresh>());
        return services;
    }

    public static IEndpointRouteBuilder MapJwks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, (SigningKeyRing ring) =>
        {
            using var buffer = new MemoryStream();
            using (var w = new Utf8JsonWriter(buffer))
            {
                w.WriteStartObject();
                w.WriteStartArray("keys");

                // Every key that still verifies: after a rotation, the new key and the old one until its last token expires.
                foreach (var key in ring.Verifying())
                {
                    var rsa = key.Certificate.GetRSAPublicKey()!.ExportParameters(false);
                    w.WriteStartObject();
                    w.WriteString("kty", "RSA");
                    w.WriteString("use", "sig");
                    w.WriteString("alg", SecurityAlgorithms.RsaSha512);
                    // START tokens name the key by kid, xIAMS tokens (kid "orakey") by x5t: both are published.
                    w.WriteString("kid", key.KeyId);
                    w.WriteString("x5t", key.X5t);
                    w.WriteString("n", Base64UrlEncoder.Encode(rsa.Modulus));
                    w.WriteString("e", Base64UrlEncoder.Encode(rsa.Exponent));
                    w.WriteStartArray("x5c");
                    w.WriteStringValue(Convert.ToBase64String(key.Certificate.RawData));
                    w.WriteEndArray();
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            return Results.Bytes(buffer.ToArray(), "application/json");
        });
        return endpoints;
    }
}
