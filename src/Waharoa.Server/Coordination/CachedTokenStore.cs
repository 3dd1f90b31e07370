using Waharoa.Grants;
using Waharoa.Storage;

namespace Waharoa.Server.Coordination;

/// <summary>
/// The record of issued tokens as an instance reads it with a Redis, or alone on its store: through <see cref="TokenStatusCache"/>,
/// which revocations announced on <see cref="CoordinationTopics.Revocations"/> evict here and on every other instance.
/// </summary>
internal sealed class CachedTokenStore(ITokenStore inner, TokenStatusCache cache) : ITokenStore
{
    /// <inheritdoc />
    public Task<TokenStatus?> FindTokenAsync(string jti, CancellationToken cancellationToken) =>
        cache.FindAsync(jti, inner.FindTokenAsync, cancellationToken);
}
