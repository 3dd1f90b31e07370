using Microsoft.IdentityModel.JsonWebTokens;
using Waharoa.Grants;
using Waharoa.OAuth;

namespace Waharoa.Server.Xiams;

/// <summary>xIAMS access and refresh tokens: RS512 JWTs told apart by <c>oracle.oauth.tk_context</c>, recorded by <c>jti</c>.</summary>
internal sealed class XiamsTokenFormat : ITokenFormat
{
    public string Dialect => XiamsDialect.DialectName;

    public TokenHandle NewToken(TokenKind kind) => new(Guid.NewGuid().ToString(), null);

    public RecognisedToken? Recognise(string value, JsonWebToken? jwt) =>
        jwt is null || string.IsNullOrEmpty(jwt.Id) ? null
        : XiamsTokenFactory.ContextOf(jwt) switch
        {
            XiamsTokenFactory.AccessContext => new RecognisedToken(TokenKind.Access, jwt.Id),
            XiamsTokenFactory.RefreshContext => new RecognisedToken(TokenKind.Refresh, jwt.Id),
            _ => null,
        };
}
