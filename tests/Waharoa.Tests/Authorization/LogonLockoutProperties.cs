using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Waharoa.Server.Authorization;

namespace Waharoa.Tests.Authorization;

/// <summary>The lockout rule: five failures within 15 minutes lock the logon for 15 minutes from the fifth.</summary>
public sealed class LogonLockoutProperties
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Fifteen = TimeSpan.FromMinutes(15);

    [Property]
    public Property Lockout_FiveFailuresWithinTheWindow_LockUntilFifteenMinutesAfterTheFifth() =>
        Prop.ForAll(Gen.Choose(0, 180).ListOf(4).ToArbitrary(), Gen.Choose(0, 899).ToArbitrary(), (gaps, probe) =>
        {
            // Five failures whose total span is at most 15 minutes.
            var times = new List<DateTimeOffset> { Start };
            foreach (var gap in gaps)
            {
                times.Add(times[^1].AddSeconds(gap));
            }

            var fifth = times[^1];
            var until = LogonLockout.LockedUntil(times, fifth.AddSeconds(probe), 5, Fifteen, Fifteen);
            var after = LogonLockout.LockedUntil(times, fifth + Fifteen, 5, Fifteen, Fifteen);
            return until == fifth + Fifteen && after is null;
        });

    [Property]
    public Property Lockout_FourFailures_NeverLock() =>
        Prop.ForAll(Gen.Choose(0, 60).ListOf(3).ToArbitrary(), gaps =>
        {
            var times = new List<DateTimeOffset> { Start };
            foreach (var gap in gaps)
            {
                times.Add(times[^1].AddSeconds(gap));
            }

            return LogonLockout.LockedUntil(times, times[^1], 5, Fifteen, Fifteen) is null;
        });

    [Fact]
    public void Lockout_FiveFailuresSpreadOverMoreThanTheWindow_DoNotLock()
    {
        var times = Enumerable.Range(0, 5).Select(i => Start.AddMinutes(i * 4)).ToList();

        Assert.Null(LogonLockout.LockedUntil(times, times[^1], 5, Fifteen, Fifteen));
    }
}
