using Microsoft.IdentityModel.JsonWebTokens;
using Waharoa.Grants;
using Waharoa.OAuth;

namespace Waharoa.Tests.OAuth;

/// <summary>
/// A dialect of the tests' own for the OAuth core, so that instances can issue, refresh and revoke without either
/// IR dialect: opaque tokens whose value is their store key (<c>access-…</c>, <c>refresh-…</c>), single-use refresh tokens.
/// </summary>
internal sealed class OpaqueTestTokens : ITokenFormat
{
    public const string Name = "opaque-test";

    public static readonly DialectPolicy Policy = new(Name, TimeSpan.FromMinutes(5), TimeSpan.FromHours(8), TimeSpan.FromDays(30))
    {
        SingleUseRefreshTokens = true,
        RevokingARefreshTokenRevokesItsGrant = true,
    };

    public string Dialect => Name;

    public TokenHandle NewToken(TokenKind kind)
    {
        var value = (kind == TokenKind.Access ? "access-" : "refresh-") + Guid.NewGuid().ToString("N");
        return new TokenHandle(value, value);
    }

    public RecognisedToken? Recognise(string value, JsonWebToken? jwt) =>
        jwt is not null ? null
        : value.StartsWith("access-", StringComparison.Ordinal) ? new RecognisedToken(TokenKind.Access, value)
        : value.StartsWith("refresh-", StringComparison.Ordinal) ? new RecognisedToken(TokenKind.Refresh, value)
        : null;
}
