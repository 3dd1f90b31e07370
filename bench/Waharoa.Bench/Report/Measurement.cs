using System.Globalization;

namespace Waharoa.Bench.Report;

/// <summary>One row of <c>results.tsv</c>: a load result and the peak memory of the process that served it.</summary>
internal sealed record Measurement(string Workload, double RequestsPerSecond, double P50Ms, double P99Ms, long Requests, long Errors, int Connections, double Seconds, double? ServerCores, double? LoaderCores, double? OtherCores, long PeakKib, string Process)
{
    public static Measurement Parse(string line)
    {
        var f = line.Split('\t');
        var c = CultureInfo.InvariantCulture;
        return new Measurement(
            f[0], double.Parse(f[1], c), double.Parse(f[2], c), double.Parse(f[3], c), long.Parse(f[4], c), long.Parse(f[5], c),
            int.Parse(f[6], c), double.Parse(f[7], c), Cores(f[8]), Cores(f[9]), Cores(f[10]), long.TryParse(f[11], c, out var kib) ? kib : 0, f[12]);
    }

    public double PeakMb => PeakKib / 1024.0;

    private static double? Cores(string field) => double.TryParse(field, CultureInfo.InvariantCulture, out var cores) ? cores : null;
}
