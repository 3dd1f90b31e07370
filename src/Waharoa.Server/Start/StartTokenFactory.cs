using Waharoa.Tokens;

namespace Waharoa.Server.Start;

/// <summary>
/// Mints START access tokens: RS512 JWTs whose bytes have the shape of IR's samples: header
/// <c>{"alg":"RS512","typ":"at-JWT","kid":…}</c>, claims <c>nbf jti iss iat sub startLogon scope clientid aud grant exp</c>
/// in that order, compact, with <c>\/</c>.
/// </summary>
internal sealed class StartTokenFactory(JwtSigner signer, StartOptions options, string issuer)
{
    public const string HeaderType = "at-JWT";
    public const string AuthorizationCodeGrant = "AUTHORIZATION_CODE";
    public const string RefreshTokenGrant = "REFRESH_TOKEN";

    /// <summary>The issuer (and audience) of access tokens under the current environment profile.</summary>
    public string Issuer => issuer;

    public string CreateAccessToken(
        string jti, string subject, string logon, string scope, string clientId, string grant, DateTimeOffset issuedAt, DateTimeOffset expiresAt)
    {
        byte[] Header(SigningKey key) => StartJson.Object(w =>
        {
            w.WriteString("alg", "RS512");
            w.WriteString("typ", HeaderType);
            w.WriteString("kid", key.KeyId);
        });
        var payload = StartJson.Object(w =>
        {
            w.WriteNumber("nbf", (issuedAt - options.NotBeforeSkew).ToUnixTimeSeconds());
            w.WriteString("jti", jti);
            w.WriteString("iss", Issuer);
            w.WriteNumber("iat", issuedAt.ToUnixTimeSeconds());
            w.WriteString("sub", subject);
            w.WriteString("startLogon", logon);
            w.WriteString("scope", scope);
            w.WriteString("clientid", clientId);
            w.WriteString("aud", Issuer);
            w.WriteString("grant", grant);
            w.WriteNumber("exp", expiresAt.ToUnixTimeSeconds());
        });
        return signer.SignExact(Header, payload);
    }

    /// <summary>True when a JWT header's <c>typ</c> is a START access token's.</summary>
    public static bool IsStartHeader(string? typ) => string.Equals(typ, HeaderType, StringComparison.Ordinal);
}
