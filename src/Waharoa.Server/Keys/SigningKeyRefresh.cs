using Microsoft.Extensions.Hosting;
using Waharoa.Server.Coordination;
using Waharoa.Tokens;

namespace Waharoa.Server.Keys;

/// <summary>
/// Keeps every instance signing with the newest key: a rotation made through this instance is announced to the
/// others (with Redis, at once); an announced one makes this instance re-read its keys; and every
/// <see cref="Interval"/> the keys are re-read anyway, so a rotation by the CLI without Redis is taken up too.
/// Verification never waits for this: a token whose key the ring does not hold makes it look at the store at once.
/// </summary>
internal sealed class SigningKeyRefresh(SigningKeyRing ring, ICoordinationBus bus, ILogger<SigningKeyRefresh> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        void Announce(SigningKey key) => _ = bus.PublishAsync(CoordinationTopics.SigningKeys, key.KeyId, CancellationToken.None);
        ring.Rotated += Announce;
        using var subscription = bus.Subscribe(CoordinationTopics.SigningKeys, announced => _ = RefreshAsync(stoppingToken));
        try
        {
            using var timer = new PeriodicTimer(Interval);
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await RefreshAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            ring.Rotated -= Announce;
        }
    }

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var before = ring.Current.KeyId;
        try
        {
            await ring.RefreshAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            logger.LogWarning("Could not re-read the signing keys from the store ({Error}); signing with key {KeyId} meanwhile.", ex.GetType().Name, before);
            return;
        }

        if (ring.Current.KeyId != before)
        {
            logger.LogInformation("Signing with key {KeyId} from now on (rotated from {Previous}).", ring.Current.KeyId, before);
        }
    }
}
