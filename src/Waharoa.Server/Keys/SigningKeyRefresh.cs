using Microsoft.Extensions.Hosting;
using Waharoa.Tokens;

namespace Waharoa.Server.Keys;

/// <summary>
/// Re-reads the signing keys from the store every <see cref="Interval"/>, so that a rotation made elsewhere (the CLI,
/// another instance) is taken up for signing without a restart. Verification does not wait for it: a token whose
/// key the ring does not hold makes the ring look at the store at once.
/// </summary>
internal sealed class SigningKeyRefresh(SigningKeyRing ring, ILogger<SigningKeyRefresh> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            await RefreshAsync(stoppingToken).ConfigureAwait(false);
        }
    }

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var before = ring.Current.KeyId;
        try
        {
            await ring.RefreshAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("Could not re-read the signing keys from the store ({Error}); signing with key {KeyId} meanwhile.", ex.Message, before);
            return;
        }

        if (ring.Current.KeyId != before)
        {
            logger.LogInformation("Signing with key {KeyId} from now on (rotated from {Previous}).", ring.Current.KeyId, before);
        }
    }
}
