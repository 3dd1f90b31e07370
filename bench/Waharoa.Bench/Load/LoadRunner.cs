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
        CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var from = start + Ticks(warmup);
        var to = from + Ticks(duration);
        var cpu = MeasureCpuAsync(serverPid, warmup, duration, cancellationToken);
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
        var (serverCores, loaderCores) = await cpu;
        var all = samples.SelectMany(s => s).ToArray();
        Array.Sort(all);
        var seconds = duration.TotalSeconds;
        foreach (var failure in states.Select(s => s.LastFailure).Where(f => f is not null).Distinct().Take(3))
        {
            await Console.Error.WriteLineAsync($"{name}: unexpected answer: {failure}");
        }

        return new LoadResult(
            name, states.Count, seconds, all.Length, errors.Sum(), all.Length / seconds, Percentile(all, 0.50), Percentile(all, 0.99), serverCores, loaderCores);
    }

    /// <summary>Cores' worth of CPU the serving process and this load generator used during the measured window.</summary>
    private static async Task<(double? Server, double? Loader)> MeasureCpuAsync(int? serverPid, TimeSpan warmup, TimeSpan duration, CancellationToken cancellationToken)
    {
        await Task.Delay(warmup, cancellationToken);
        var server0 = serverPid is int s0 ? CpuClock.Seconds(s0) : null;
        var loader0 = CpuClock.Seconds(Environment.ProcessId);
        var clock = Stopwatch.StartNew();
        await Task.Delay(duration, cancellationToken);
        var server1 = serverPid is int s1 ? CpuClock.Seconds(s1) : null;
        var loader1 = CpuClock.Seconds(Environment.ProcessId);
        var elapsed = clock.Elapsed.TotalSeconds;
        return ((server1 - server0) / elapsed, (loader1 - loader0) / elapsed);
    }

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
