using System.Text.Json;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.IdentityModel.Tokens;
using Waharoa.Tokens;

namespace Waharoa.Server.Keys;

/// <summary>Publishes the token-signing public keys as a JWKS, so resource servers can verify tokens offline.</summary>
internal static class JwksEndpoint
{
    public const string Path = "/.well-known/jwks.json";

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
                    w.WriteString("kid", key.KeyId);
                    w.WriteString("x5t", Base64UrlEncoder.Encode(key.Certificate.GetCertHash()));
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
