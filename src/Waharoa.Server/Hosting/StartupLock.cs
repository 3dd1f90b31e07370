using Waharoa.Storage;

namespace Waharoa.Server.Hosting;

/// <summary>The store's start-up lock, so that instances starting together on one store prepare shared state one at a time.</summary>
internal static class StartupLock
{
    /// <summary>Takes the lock; says so in the log every 10 seconds while another instance holds it.</summary>
    public static async Task<IAsyncDisposable> AcquireAsync(IWaharoaStore store, Action<ILoggingBuilder>? configureLogging, CancellationToken cancellationToken)
    {
        var acquiring = store.AcquireStartupLockAsync(cancellationToken);
        if (await Task.WhenAny(acquiring, Task.Delay(TimeSpan.FromSeconds(2), cancellationToken)) == acquiring)
        {
            return await acquiring;
        }

        using var logging = LoggerFactory.Create(b =>
        {
            b.AddSimpleConsole(o => o.SingleLine = true);
            configureLogging?.Invoke(b);
        });
        var logger = logging.CreateLogger<WaharoaServer>();
        do
        {
            logger.LogWarning("Waiting for another instance to finish starting on this {Provider} database.", store.Provider);
        }
        while (await Task.WhenAny(acquiring, Task.Delay(TimeSpan.FromSeconds(10), cancellationToken)) != acquiring);

        return await acquiring;
    }
}
