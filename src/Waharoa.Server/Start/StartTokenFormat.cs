using Microsoft.IdentityModel.JsonWebTokens;
using Waharoa.Grants;
using Waharoa.OAuth;

namespace Waharoa.Server.Start;

/// <summary>START's tokens: <c>at-JWT</c> access tokens recorded by <c>jti</c>; opaque 50-character refresh tokens recorded by hash.</summary>
internal sealed class StartTokenFormat : ITokenFormat
{
    public string Dialect => StartDialect.DialectName;

    public TokenHandle NewToken(TokenKind kind)
    {
        if (kind == TokenKind.Access)
        {
            return new TokenHandle(Guid.NewGuid().ToString(), null);
        }

        var value = StartOpaque.NewRefreshToken();
        return new TokenHandle(StartOpaque.Hash(value), value);
    }

    public RecognisedToken? Recognise(string value, JsonWebToken? jwt) =>
        jwt is null
            ? StartOpaque.HasShape(value, StartOpaque.RefreshTokenLength) ? new RecognisedToken(TokenKind.Refresh, StartOpaque.Hash(value)) : null
            : StartTokenFactory.IsStartHeader(jwt.Typ) && !string.IsNullOrEmpty(jwt.Id) ? new RecognisedToken(TokenKind.Access, jwt.Id) : null;
}
