using Waharoa.Grants;

namespace Waharoa.Storage;

/// <summary>Changes to grants and their tokens once issued: renewal and revocation.</summary>
public interface IGrantStore
{
    /// <summary>
    /// Stores <paramref name="tokens"/> for the grant of the token <paramref name="presentedJti"/>, atomically, when that
    /// token is active at <paramref name="now"/> (neither it nor its grant revoked, not expired); with
    /// <paramref name="spend"/> the presented token is used up (revoked) in the same step, so that of concurrent
    /// renewals with one single-use token exactly one succeeds. False, storing and spending nothing, when it was not active.
    /// </summary>
    Task<bool> RenewAsync(string presentedJti, DateTimeOffset now, IReadOnlyList<IssuedToken> tokens, bool spend, CancellationToken cancellationToken);

    /// <summary>Revokes one token; false when it is unknown or already revoked.</summary>
    Task<bool> RevokeTokenAsync(string jti, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Revokes a grant and with it every token it holds; false when it is unknown or already revoked.</summary>
    Task<bool> RevokeGrantAsync(string grantId, DateTimeOffset at, CancellationToken cancellationToken);
}
