using System.Globalization;

namespace Waharoa.Bench.Load;

/// <summary>CPU time a process has used (user + system), from <c>/proc/PID/stat</c>.</summary>
internal static class CpuClock
{
    // USER_HZ: the unit of utime and stime; 100 on every Linux this runs on (x86-64 and arm64).
    private const double TicksPerSecond = 100;

    /// <summary>Seconds of CPU used so far by <paramref name="pid"/>, or null when it cannot be read.</summary>
    public static double? Seconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");

            // The command name (field 2) may hold spaces; the fields after its closing parenthesis start at field 3.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var user = long.Parse(fields[11], CultureInfo.InvariantCulture);
            var system = long.Parse(fields[12], CultureInfo.InvariantCulture);
            return (user + system) / TicksPerSecond;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
