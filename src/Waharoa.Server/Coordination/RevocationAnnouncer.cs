using Waharoa.OAuth;

namespace Waharoa.Server.Coordination;

/// <summary>
/// Announces each revocation the OAuth core makes on <see cref="CoordinationTopics.Revocations"/>: this instance's
/// cache hears it at once, every other instance's as the message arrives.
/// </summary>
internal sealed class RevocationAnnouncer(ICoordinationBus bus) : IRevocationListener
{
    /// <inheritdoc />
    public Task TokensRevokedAsync(string? jti) =>
        // Not cancellable: the revocation is committed, and every instance must hear of it.
        bus.PublishAsync(CoordinationTopics.Revocations, jti ?? CoordinationTopics.EveryToken, CancellationToken.None);
}
