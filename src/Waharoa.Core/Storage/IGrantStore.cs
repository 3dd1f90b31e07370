using Waharoa.Grants;

namespace Waharoa.Storage;

/// <summary>Authorisation codes, grants and the records of issued tokens.</summary>
public interface IGrantStore
{
    /// <summary>Stores a newly issued authorisation code.</summary>
    Task AddCodeAsync(AuthorizationCode code, CancellationToken cancellationToken);

    /// <summary>
    /// Redeems a code at most once, atomically: when it is unused and unexpired, <paramref name="issue"/>
    /// checks its binding and makes the grant and token records, which are stored as the code is marked
    /// used (a null from <paramref name="issue"/> leaves the code unused); when it was used before, the
    /// grant it produced is revoked. <paramref name="issue"/> runs inside the store's write transaction: it must be
    /// quick and must not call the store.
    /// </summary>
    Task<(CodeRedemption Outcome, AuthorizationCode? Code)> RedeemCodeAsync(
        string codeId, DateTimeOffset now, Func<AuthorizationCode, (Grant Grant, IReadOnlyList<IssuedToken> Tokens)?> issue, CancellationToken cancellationToken);

    /// <summary>Stores more tokens for an existing grant (a refresh).</summary>
    Task AddTokensAsync(IReadOnlyList<IssuedToken> tokens, CancellationToken cancellationToken);

    /// <summary>The status of the token with <paramref name="jti"/>, or null when no such token was issued.</summary>
    Task<TokenStatus?> FindTokenAsync(string jti, CancellationToken cancellationToken);

    /// <summary>Revokes one token; false when it is unknown or already revoked.</summary>
    Task<bool> RevokeTokenAsync(string jti, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Uses a single-use refresh token, atomically: when <paramref name="usedJti"/> is still active it is marked used
    /// (revoked) and <paramref name="tokens"/> are stored; false, storing nothing, when it was not active.
    /// </summary>
    Task<bool> RotateRefreshTokenAsync(string usedJti, DateTimeOffset now, IReadOnlyList<IssuedToken> tokens, CancellationToken cancellationToken);

    /// <summary>Revokes a grant and with it every token it holds; false when it is unknown or already revoked.</summary>
    Task<bool> RevokeGrantAsync(string grantId, DateTimeOffset at, CancellationToken cancellationToken);
}
