using System.Globalization;

namespace Waharoa.Bench.Load;

/// <summary>What one measurement found: successful requests per second and their latency percentiles.</summary>
internal sealed record LoadResult(string Workload, int Connections, double Seconds, long Requests, long Errors, double RequestsPerSecond, double P50Ms, double P99Ms, double? ServerCores, double? LoaderCores, double? OtherCores)
{
    /// <summary>
    /// One tab-separated line: workload, requests/s, p50 ms, p99 ms, requests, errors, connections, seconds, and the cores'
    /// worth of CPU used by the server, by the load generator and by other processes in the window (empty when unknown).
    /// </summary>
    public string ToTsv() => string.Join('\t',
        Workload,
        RequestsPerSecond.ToString("F1", CultureInfo.InvariantCulture),
        P50Ms.ToString("F3", CultureInfo.InvariantCulture),
        P99Ms.ToString("F3", CultureInfo.InvariantCulture),
        Requests.ToString(CultureInfo.InvariantCulture),
        Errors.ToString(CultureInfo.InvariantCulture),
        Connections.ToString(CultureInfo.InvariantCulture),
        Seconds.ToString("F2", CultureInfo.InvariantCulture),
        ServerCores?.ToString("F2", CultureInfo.InvariantCulture) ?? string.Empty,
        LoaderCores?.ToString("F2", CultureInfo.InvariantCulture) ?? string.Empty,
        OtherCores?.ToString("F2", CultureInfo.InvariantCulture) ?? string.Empty);
}
