using Waharoa.Grants;
using Waharoa.Storage;

namespace Waharoa.Server.Coordination;

/// <summary>
/// Confirms a token's status with the store itself, past the token-status cache (kept only with Redis): for
/// decisions that issue new tokens, which must never rest on a status another instance revoked a moment ago.
/// </summary>
/// <param name="store">The store itself, not the cache in front of it.</param>
/// <param name="cached">Whether token statuses are cached; without a cache, what the caller read is the store's word.</param>
internal sealed class UncachedTokenStatus(IGrantStore store, bool cached)
{
    /// <summary>True when the store holds <paramref name="status"/>'s token as still active at <paramref name="now"/>.</summary>
    public async Task<bool> IsStillActiveAsync(TokenStatus status, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (!cached)
        {
            return status.IsActive(now);
        }

        return await store.FindTokenAsync(status.Token.Jti, cancellationToken).ConfigureAwait(false) is { } current && current.IsActive(now);
    }
}
