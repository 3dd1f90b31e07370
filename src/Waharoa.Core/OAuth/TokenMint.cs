using Waharoa.Grants;

namespace Waharoa.OAuth;

/// <summary>Names the tokens of a new set, in the format of the dialect issuing them, with the dialect's lifetimes.</summary>
public sealed class TokenMint(IEnumerable<ITokenFormat> formats)
{
    private readonly Dictionary<string, ITokenFormat> _formats = formats.ToDictionary(f => f.Dialect, StringComparer.Ordinal);

    /// <summary>An access token and, with <paramref name="withRefresh"/>, a refresh token, issued into <paramref name="grant"/> at <paramref name="now"/>.</summary>
    public MintedTokens Mint(Grant grant, DialectPolicy policy, bool withRefresh, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(grant);
        ArgumentNullException.ThrowIfNull(policy);
        var format = _formats[policy.Dialect];
        return new MintedTokens(
            grant,
            New(format, grant.GrantId, TokenKind.Access, now, policy.AccessTokenLifetime),
            withRefresh ? New(format, grant.GrantId, TokenKind.Refresh, now, policy.RefreshTokenLifetime) : null);
    }

    private static MintedToken New(ITokenFormat format, string grantId, TokenKind kind, DateTimeOffset now, TimeSpan lifetime)
    {
        var handle = format.NewToken(kind);
        return new MintedToken(new IssuedToken(handle.Key, grantId, kind, now, now + lifetime), handle.Value);
    }
}
