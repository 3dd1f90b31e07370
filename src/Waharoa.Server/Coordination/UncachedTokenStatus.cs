using Waharoa.Grants;
using Waharoa.Storage;

namespace Waharoa.Server.Coordination;

/// <summary>
/// A token's status read from the store itself, past any cache: for decisions that issue new tokens, which must
/// never rest on a status another instance has revoked a moment ago.
/// </summary>
internal sealed class UncachedTokenStatus(IGrantStore store)
{
    /// <summary>The token's status as the store holds it now, or null.</summary>
    public Task<TokenStatus?> FindAsync(string jti, CancellationToken cancellationToken) => store.FindTokenAsync(jti, cancellationToken);
}
