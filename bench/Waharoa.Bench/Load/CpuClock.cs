using System.Globalization;

namespace Waharoa.Bench.Load;

/// <summary>CPU time a process has used (user + system), from <c>/proc/PID/stat</c>.</summary>
internal static class CpuClock
{
    // USER_HZ: the unit of utime and stime; 100 on every Linux this runs on (x86-64 and arm64).
    private const double TicksPerSecond = 100;

    /// <summary>Seconds of CPU the whole machine's processes (and hypervisor) have taken so far, all cores added (<c>/proc/stat</c>).</summary>
    public static double? MachineSeconds()
    {
        try
        {
            // cpu  user nice system idle iowait irq softirq steal guest guest_nice. Busy is user, nice, system and steal
            // (the hypervisor's); irq and softirq are left out: loopback traffic's softirq time is the benchmark's own, but
            // is not charged to its processes. Guest time is already counted in user.
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            long Field(int i) => long.Parse(fields[i], CultureInfo.InvariantCulture);
            return (Field(1) + Field(2) + Field(3) + Field(8)) / TicksPerSecond;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Seconds of CPU used so far by <paramref name="pid"/>, or null when it cannot be read.</summary>
    public static double? Seconds(int pid) =>
        Stat(pid) is { } fields
            ? (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond
            : null;

    /// <summary>
    /// Seconds of CPU used so far by <paramref name="pid"/> and its child processes (nginx's workers under their master),
    /// or null when <paramref name="pid"/>'s cannot be read.
    /// </summary>
    public static double? TreeSeconds(int pid) =>
        Seconds(pid) is double own ? own + ChildrenOf(pid).Sum(child => Seconds(child) ?? 0) : null;

    /// <summary>The processes whose parent is <paramref name="pid"/>, from every <c>/proc/PID/stat</c>.</summary>
    private static IEnumerable<int> ChildrenOf(int pid)
    {
        var parent = pid.ToString(CultureInfo.InvariantCulture);
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var child)
                && Stat(child) is { } fields && fields[1] == parent)
            {
                yield return child;
            }
        }
    }

    /// <summary>The fields of <c>/proc/PID/stat</c> from field 3 (the state) on, or null when it cannot be read.</summary>
    private static string[]? Stat(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");

            // The command name (field 2) may hold spaces; the fields after its closing parenthesis start at field 3.
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
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
