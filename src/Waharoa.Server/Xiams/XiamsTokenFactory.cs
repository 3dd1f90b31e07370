using System.Text.Json;
using Waharoa.Tokens;

namespace Waharoa.Server.Xiams;

/// <summary>
/// Mints xIAMS codes, access tokens and refresh tokens: RS512 JWTs with the header and the claim
/// set (in the same order) of IR's xIAMS samples.
/// </summary>
internal sealed class XiamsTokenFactory(JwtSigner signer, Hosting.WaharoaOptions options)
{
    public const string CodeContext = "azc";
    public const string AccessContext = "resource_access_tk";
    public const string RefreshContext = "refresh_token";
    public const string TokenContextClaim = "oracle.oauth.tk_context";
    public const string ClientClaim = "oracle.oauth.client_origin_id";
    public const string UserClaim = "oracle.oauth.user_origin_id";

    private const string IdentityDomainId = "12345678-1234-1234-1234-123456789012";

    public string CreateCode(string jti, string clientId, string logon, string redirectUri, string scope, DateTimeOffset issuedAt, DateTimeOffset expiresAt) =>
        signer.Sign(w =>
        {
            w.WriteString("oracle.oauth.redirect-uri", redirectUri);
            w.WriteNull("sub");
            WriteUserOrigin(w, logon);
            w.WriteString("iss", options.XiamsIssuer);
            w.WriteString("oracle.oauth.svc_p_n", "OAuthServiceProfile");
            w.WriteNumber("iat", issuedAt.ToUnixTimeSeconds());
            w.WriteString(TokenContextClaim, CodeContext);
            w.WriteNumber("exp", expiresAt.ToUnixTimeSeconds());
            w.WriteNull("prn");
            w.WriteString("jti", jti);
            w.WriteString("oracle.oauth.scope", scope);
            w.WriteString(ClientClaim, clientId);
            WriteDomain(w);
        });

    public string CreateAccessToken(string jti, string clientId, string logon, string scope, DateTimeOffset issuedAt, DateTimeOffset expiresAt) =>
        signer.Sign(w =>
        {
            w.WriteString("sub", logon);
            WriteUserOrigin(w, logon);
            w.WriteString("iss", options.XiamsIssuer);
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
        signer.Sign(w =>
        {
            w.WriteNull("sub");
            WriteUserOrigin(w, logon);
            w.WriteString("iss", options.XiamsIssuer);
            w.WriteString("oracle.oauth.rt.ttc", AccessContext);
            w.WriteString("oracle.oauth.svc_p_n", "OAuthServiceProfile");
            w.WriteNumber("iat", issuedAt.ToUnixTimeSeconds());
            w.WriteString(TokenContextClaim, RefreshContext);
            w.WriteNumber("exp", expiresAt.ToUnixTimeSeconds());
            w.WriteNull("prn");
            w.WriteString("jti", jti);
            w.WriteString("oracle.oauth.scope", scope);
            w.WriteString(ClientClaim, clientId);
            WriteDomain(w);
        });

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
