using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Waharoa.Tokens;

namespace Waharoa.Server.Xiams;

/// <summary>The token endpoint's answers, as IR's xIAMS samples write them: compact JSON, members in the samples' order.</summary>
internal static class XiamsResponses
{
    /// <summary>Writes <paramref name="result"/>: an <see cref="XiamsError"/> or one of the response records below.</summary>
    public static async Task WriteAsync(HttpContext context, object result)
    {
        var response = context.Response;
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
        response.ContentType = "application/json";
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            switch (result)
            {
                case XiamsError error:
                    response.StatusCode = error.Status;
                    w.WriteString("error", error.Error);
                    w.WriteString("error_description", error.Description);
                    break;
                case TokenSet tokens:
                    w.WriteNumber("expires_in", tokens.ExpiresIn);
                    w.WriteString("token_type", "Bearer");
                    w.WriteString("access_token", tokens.AccessToken);
                    if (tokens.RefreshToken is not null)
                    {
                        w.WriteString("refresh_token", tokens.RefreshToken);
                    }

                    break;
                case Validated validated:
                    w.WriteBoolean("successful", true);
                    w.WritePropertyName("oracle_token_attrs_retrieval");
                    validated.WriteAttributes(w);
                    break;
                case Successful:
                    w.WriteBoolean("successful", true);
                    break;
            }

            w.WriteEndObject();
        }

        response.ContentLength = buffer.Length;
        await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted);
    }

    /// <summary>A token response.</summary>
    public sealed record TokenSet(long ExpiresIn, string AccessToken, string? RefreshToken);

    /// <summary><c>{"successful":true}</c>.</summary>
    public sealed class Successful
    {
        public static readonly Successful Instance = new();
    }

    /// <summary>
    /// A validated token with the attributes asked for in <c>oracle_token_attrs_retrieval</c>: each claim by its
    /// lower-cased name, in name order as IR's samples show them; <c>startLogon</c> is the user's logon.
    /// </summary>
    public sealed record Validated(JsonWebToken Token, string Attributes)
    {
        public void WriteAttributes(Utf8JsonWriter w)
        {
            using var payload = JwtSigner.Payload(Token);
            var names = Attributes.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(a => a.ToLowerInvariant())
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal);
            w.WriteStartObject();
            foreach (var name in names)
            {
                // startLogon is the user's logon: xIAMS carries it as oracle.oauth.user_origin_id, START as startLogon
                // (which START tokens also stand in for prn with).
                var claims = name switch
                {
                    "startlogon" => new[] { XiamsTokenFactory.UserClaim, "startLogon" },
                    "prn" => ["prn", "startLogon"],
                    _ => [name],
                };
                var property = claims
                    .Select(claim => payload.RootElement.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, claim, StringComparison.OrdinalIgnoreCase)))
                    .FirstOrDefault(p => p.Value.ValueKind != JsonValueKind.Undefined);
                w.WritePropertyName(name);
                if (property.Value.ValueKind == JsonValueKind.Undefined)
                {
                    w.WriteNullValue();
                }
                else
                {
                    property.Value.WriteTo(w);
                }
            }

            w.WriteEndObject();
        }
    }
}
