using System.Diagnostics;

namespace Waharoa.Bench.Load;

/// <summary>
/// Runs every worker flat out for a warm-up and then a measured window. A request counts when it completes inside
/// the window; its latency is from just before the request is sent to the end of reading its response body.
/// </summary>
internal static class LoadRunner
{
    public static async Task<LoadResult> RunAsync(
        string name, IWorkload workload, HttpClient http, IReadOnlyList<WorkerState> states, TimeSpan warmup, TimeSpan duration, int? serverPid,
        IReadOnlyList<int> alsoPids, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var from = start + Ticks(warmup);
        var to = from + Ticks(duration);
        var cpu = MeasureCpuAsync(serverPid, alsoPids, warmup, duration, cancellationToken);
        var samples = new List<long>[states.Count];
        var errors = new long[states.Count];
        var workers = new Task[states.Count];
        for (var i = 0; i < states.Count; i++)
        {
            var index = i;
            samples[index] = new List<long>(4096);
            workers[index] = Task.Run(() => WorkAsync(workload, http, states[index], samples[index], errors, index, from, to, cancellationToken), cancellationToken);
        }

        await Task.WhenAll(workers);
        var (serverCores, loaderCores, otherCores) = await cpu;
        var all = samples.SelectMany(s => s).ToArray();
        Array.Sort(all);
        var seconds = duration.TotalSeconds;
        foreach (var failure in states.Select(s => s.LastFailure).Where(f => f is not null).Distinct().Take(3))
        {
            await Console.Error.WriteLineAsync($"{name}: unexpected answer: {failure}");
        }

        return new LoadResult(
            name, states.Count, seconds, all.Length, errors.Sum(), all.Length / seconds, Percentile(all, 0.50), Percentile(all, 0.99), serverCores, loaderCores, otherCores);
    }

    /// <summary>
    /// Cores' worth of CPU used during the measured window by the serving process (with its child processes: nginx's
    /// workers), by this load generator, and by every other process on the machine but <paramref name="alsoPids"/> (the
    /// rest of the system under test, e.g. the upstream): anything else busy then took cores from the measurement.
    /// </summary>
    private static async Task<(double? Server, double? Loader, double? Other)> MeasureCpuAsync(
        int? serverPid, IReadOnlyList<int> alsoPids, TimeSpan warmup, TimeSpan duration, CancellationToken cancellationToken)
    {
        await Task.Delay(warmup, cancellationToken);
        var before = Snapshot(serverPid, alsoPids);
        var clock = Stopwatch.StartNew();
        await Task.Delay(duration, cancellationToken);
        var after = Snapshot(serverPid, alsoPids);
        var elapsed = clock.Elapsed.TotalSeconds;
        var server = (after.Server - before.Server) / elapsed;
        var loader = (after.Loader - before.Loader) / elapsed;
        var other = (after.Machine - before.Machine - (after.Server - before.Server ?? 0) - (after.Loader - before.Loader) - (after.Also - before.Also)) / elapsed;
        return (server, loader, other is double o ? Math.Max(0, o) : null);
    }

    private static (double? Server, double? Loader, double? Also, double? Machine) Snapshot(int? serverPid, IReadOnlyList<int> alsoPids) =>
        (serverPid is int pid ? CpuClock.TreeSeconds(pid) : null,
         CpuClock.Seconds(Environment.ProcessId),
         alsoPids.Where(p => p != serverPid).Sum(p => CpuClock.Seconds(p) ?? 0),
         CpuClock.MachineSeconds());

    private static async Task WorkAsync(
        IWorkload workload, HttpClient http, WorkerState state, List<long> samples, long[] errors, int index, long from, long to, CancellationToken cancellationToken)
    {
        while (!state.Broken)
        {
            var sent = Stopwatch.GetTimestamp();
            if (sent >= to)
            {
                return;
            }

            bool ok;
            try
            {
                ok = await workload.SendAsync(http, state, cancellationToken);
            }
            catch (HttpRequestException ex)
            {
                state.LastFailure = ex.Message;
                ok = false;
            }

            var done = Stopwatch.GetTimestamp();
            if (done < from || done > to)
            {
                continue;
            }

            if (ok)
            {
                samples.Add(done - sent);
            }
            else
            {
                errors[index]++;
            }
        }
    }

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    /// <summary>Nearest-rank percentile, in milliseconds.</summary>
    private static double Percentile(long[] sorted, double quantile)
    {
        if (sorted.Length == 0)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(quantile * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)] * 1000.0 / Stopwatch.Frequency;
    }
}
