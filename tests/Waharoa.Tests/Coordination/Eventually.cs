using System.Diagnostics;
using Waharoa.Server.Coordination;

namespace Waharoa.Tests.Coordination;

/// <summary>Waits, polling, for something that happens in the background (a connection, a message).</summary>
internal static class Eventually
{
    public static Task TrueAsync(Func<bool> condition, string failure, TimeSpan? within = null) =>
        TrueAsync(() => Task.FromResult(condition()), failure, within);

    /// <summary>
    /// Until <paramref name="bucket"/> answers from Redis: the first script call of a cold process can outlast the
    /// throttle's call timeout on a busy machine, which sends the throttle local for a moment, as designed; tests of
    /// sharing start once it is shared.
    /// </summary>
    public static Task SharedAsync(SharedTokenBucket bucket) =>
        TrueAsync(
            async () => await bucket.TryTakeAsync("desktop:warm-up", ratePerSecond: 10, burst: 20) is not null,
            "The shared token bucket did not answer from Redis.");

    public static async Task TrueAsync(Func<Task<bool>> condition, string failure, TimeSpan? within = null)
    {
        var limit = within ?? TimeSpan.FromSeconds(15);
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < limit, $"{failure} (waited {limit.TotalSeconds} s)");
            await Task.Delay(5);
        }
    }
}
