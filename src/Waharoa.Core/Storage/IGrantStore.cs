using Waharoa.Grants;

namespace Waharoa.Storage;

/// <summary>More tokens for a grant once it is issued (revocations are <see cref="IRevocationStore"/>'s).</summary>
public interface IGrantStore
{
    /// <summary>
    /// Stores <paramref name="tokens"/> for the grant of the token <paramref name="presentedJti"/>, atomically, when that
    /// token is active at <paramref name="now"/> (neither it nor its grant revoked, not expired); with
    /// <paramref name="spend"/> the presented token is used up (revoked) in the same step, so that of concurrent
    /// renewals with one single-use token exactly one succeeds. False, storing and spending nothing, when it was not active.
    /// A revocation of the token or its grant by any instance either comes before the check (false) or waits for the new
    /// tokens to be committed, never between.
    /// </summary>
    Task<bool> RenewAsync(string presentedJti, DateTimeOffset now, IReadOnlyList<IssuedToken> tokens, bool spend, CancellationToken cancellationToken);
}
