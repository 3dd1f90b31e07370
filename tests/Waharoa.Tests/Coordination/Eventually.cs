using System.Diagnostics;

namespace Waharoa.Tests.Coordination;

/// <summary>Waits, polling, for something that happens in the background (a connection, a message).</summary>
internal static class Eventually
{
    public static Task TrueAsync(Func<bool> condition, string failure, TimeSpan? within = null) =>
        TrueAsync(() => Task.FromResult(condition()), failure, within);

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
