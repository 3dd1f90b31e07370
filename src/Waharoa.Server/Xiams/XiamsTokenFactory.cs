using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Waharoa.Grants;
using Waharoa.Tokens;

namespace Waharoa.Server.Xiams;

/// <summary>
/// Mints xIAMS codes, access tokens and refresh tokens: RS512 JWTs with the header of IR's xIAMS samples, byte for
/// byte (<c>{"alg":"RS512","typ":"JWT","x5t":…,"kid":"orakey"}</c>), and their claim set in the same order.
/// </summary>
internal sealed class XiamsTokenFactory(JwtSigner signer, XiamsOptions options)
{
    public const string CodeContext = "azc";
    public const string AccessContext = "resource_access_tk";
    public const string RefreshContext = "refresh_token";
    public const string TokenContextClaim = "oracle.oauth.tk_context";
    public const string ClientClaim = "oracle.oauth.client_origin_id";
    public const string UserClaim = "oracle.oauth.user_origin_id";

    /// <summary>The <c>kid</c> of every xIAMS token, whatever key signs it: the key is named by <c>x5t</c>.</summary>
    public const string KeyId = "orakey";

    private const string IdentityDomainId = "12345678-1234-1234-1234-123456789012";

    public string CreateCode(AuthorizationCode code) =>
        signer.Sign(Header, w =>
        {
            w.WriteString("oracle.oauth.redirect-uri", code.RedirectUri);
            w.WriteNull("sub");
            WriteUserOrigin(w, code.Logon);
            w.WriteString("iss", options.Issuer);
            w.WriteString("oracle.oauth.svc_p_n", "OAuthServiceProfile");
            w.WriteNumber("iat", code.IssuedAt.ToUnixTimeSeconds());
            w.WriteString(TokenContextClaim, CodeContext);
            WriteUnnamedTail(w, code.CodeId, code.ClientId, code.Scope, code.ExpiresAt);
        });

    public string CreateAccessToken(string jti, string clientId, string logon, string scope, DateTimeOffset issuedAt, DateTimeOffset expiresAt) =>
        signer.Sign(Header, w =>
        {
            w.WriteString("sub", logon);
            WriteUserOrigin(w, logon);
            w.WriteString("iss", options.Issuer);
            w.WriteString("oracle.oauth.svc_p_n", "OAuthServiceProfile");
            w.WriteNumber("iat", issuedAt.ToUnixTimeSeconds());
            w.WriteString("oracle.oauth.prn.id_type", "LDAP_UID");
            w.WriteString(TokenContextClaim, AccessContext);
            w.WriteNumber("exp", expiresAt.ToUnixTimeSeconds());
            w.WriteString("prn", logon);
            w.WriteString("jti", jti);
            w.WriteString(ClientClaim, clientId);
            w.WriteString("oracle.oauth.scope", scope);
            WriteDomain(w);
        });

    public string CreateRefreshToken(string jti, string clientId, string logon, string scope, DateTimeOffset issuedAt, DateTimeOffset expiresAt) =>
        signer.Sign(Header, w =>
        {
            w.WriteNull("sub");
            WriteUserOrigin(w, logon);
            w.WriteString("iss", options.Issuer);
            w.WriteString("oracle.oauth.rt.ttc", AccessContext);
            w.WriteString("oracle.oauth.svc_p_n", "OAuthServiceProfile");
            w.WriteNumber("iat", issuedAt.ToUnixTimeSeconds());
            w.WriteString(TokenContextClaim, RefreshContext);
            WriteUnnamedTail(w, jti, clientId, scope, expiresAt);
        });

    /// <summary>The <c>oracle.oauth.tk_context</c> of <paramref name="jwt"/> (<c>azc</c>, <c>resource_access_tk</c>, <c>refresh_token</c>), or null.</summary>
    public static string? ContextOf(JsonWebToken jwt) =>
        jwt.TryGetPayloadValue<string>(TokenContextClaim, out var value) ? value : null;

    /// <summary>
    /// The samples' header: <c>x5t</c> the signing certificate's SHA-1 thumbprint (base64url, so nothing in it needs
    /// escaping), then the constant <c>kid</c>, in this member order.
    /// </summary>
    private static byte[] Header(SigningKey key) =>
        Encoding.UTF8.GetBytes($$"""{"alg":"RS512","typ":"JWT","x5t":"{{key.X5t}}","kid":"{{KeyId}}"}""");

    /// <summary>The claims after <c>oracle.oauth.tk_context</c> of a code or refresh token, whose <c>prn</c> is null, in the samples' order.</summary>
    private static void WriteUnnamedTail(Utf8JsonWriter w, string jti, string clientId, string scope, DateTimeOffset expiresAt)
    {
        w.WriteNumber("exp", expiresAt.ToUnixTimeSeconds());
        w.WriteNull("prn");
        w.WriteString("jti", jti);
        w.WriteString("oracle.oauth.scope", scope);
        w.WriteString(ClientClaim, clientId);
        WriteDomain(w);
    }

    private static void WriteUserOrigin(Utf8JsonWriter w, string logon)
    {
        w.WriteString("oracle.oauth.user_origin_id_type", "LDAP_UID");
        w.WriteString(UserClaim, logon);
    }

    private static void WriteDomain(Utf8JsonWriter w)
    {
        w.WriteString("user.tenant.name", "DefaultDomain");
        w.WriteString("oracle.oauth.id_d_id", IdentityDomainId);
    }
}
