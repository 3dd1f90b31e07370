using Waharoa.Grants;
using Waharoa.Storage;

namespace Waharoa.Server.Coordination;

/// <summary>
/// The store as an instance sees it when a Redis is configured: token statuses come through
/// <see cref="TokenStatusCache"/>, and every revocation that succeeds is announced on
/// <see cref="CoordinationTopics.Revocations"/>, which evicts it here at once and on every other instance as the
/// message arrives. Everything else goes straight to the store.
/// </summary>
internal sealed partial class CoordinatedStore(IWaharoaStore inner, TokenStatusCache cache, ICoordinationBus bus) : IWaharoaStore
{
    /// <inheritdoc />
    public Task<TokenStatus?> FindTokenAsync(string jti, CancellationToken cancellationToken) =>
        cache.FindAsync(jti, inner.FindTokenAsync, cancellationToken);

    /// <inheritdoc />
    public async Task<bool> RevokeTokenAsync(string jti, DateTimeOffset at, CancellationToken cancellationToken) =>
        await AnnouncedAsync(await inner.RevokeTokenAsync(jti, at, cancellationToken).ConfigureAwait(false), jti).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<bool> RotateRefreshTokenAsync(string usedJti, DateTimeOffset now, IReadOnlyList<IssuedToken> tokens, CancellationToken cancellationToken) =>
        await AnnouncedAsync(await inner.RotateRefreshTokenAsync(usedJti, now, tokens, cancellationToken).ConfigureAwait(false), usedJti).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<bool> RevokeGrantAsync(string grantId, DateTimeOffset at, CancellationToken cancellationToken) =>
        await AnnouncedAsync(await inner.RevokeGrantAsync(grantId, at, cancellationToken).ConfigureAwait(false), CoordinationTopics.EveryToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<(CodeRedemption Outcome, AuthorizationCode? Code)> RedeemCodeAsync(
        string codeId, DateTimeOffset now, Func<AuthorizationCode, (Grant Grant, IReadOnlyList<IssuedToken> Tokens)?> issue, CancellationToken cancellationToken)
    {
        // A replayed code revokes the grant it produced.
        var redemption = await inner.RedeemCodeAsync(codeId, now, issue, cancellationToken).ConfigureAwait(false);
        await AnnouncedAsync(redemption.Outcome == CodeRedemption.Replayed, CoordinationTopics.EveryToken).ConfigureAwait(false);
        return redemption;
    }

    /// <inheritdoc />
    /// <remarks>Announced whatever it returns: grants are revoked even when there was no consent to withdraw.</remarks>
    public async Task<bool> RevokeConsentAsync(string logon, string clientId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var removed = await inner.RevokeConsentAsync(logon, clientId, at, cancellationToken).ConfigureAwait(false);
        await AnnouncedAsync(true, CoordinationTopics.EveryToken).ConfigureAwait(false);
        return removed;
    }

    /// <inheritdoc />
    /// <remarks>Announced whatever it returns: grants to the client id are revoked even when no such client remained.</remarks>
    public async Task<bool> RemoveClientAsync(string clientId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var removed = await inner.RemoveClientAsync(clientId, now, cancellationToken).ConfigureAwait(false);
        await AnnouncedAsync(true, CoordinationTopics.EveryToken).ConfigureAwait(false);
        return removed;
    }

    /// <inheritdoc />
    /// <remarks>The store belongs to whoever opened it, and is not disposed here.</remarks>
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<bool> AnnouncedAsync(bool revoked, string message)
    {
        if (revoked)
        {
            // Not cancellable: the revocation is committed, and every instance must hear of it.
            await bus.PublishAsync(CoordinationTopics.Revocations, message, CancellationToken.None).ConfigureAwait(false);
        }

        return revoked;
    }
}
