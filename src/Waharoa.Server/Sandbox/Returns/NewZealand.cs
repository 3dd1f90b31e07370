namespace Waharoa.Server.Sandbox.Returns;

/// <summary>New Zealand's calendar date: the one filing periods and due dates are counted in.</summary>
internal static class NewZealand
{
    // Debian without tzdata has no Pacific/Auckland: then New Zealand standard time, a day's date off for an hour a year at most.
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.TryFindSystemTimeZoneById("Pacific/Auckland", out var zone)
        ? zone
        : TimeZoneInfo.CreateCustomTimeZone("NZST", TimeSpan.FromHours(12), "New Zealand", "NZST");

    public static DateOnly Today(TimeProvider time) => DateOf(time.GetUtcNow());

    /// <summary>Noon in New Zealand on <paramref name="date"/>: an instant whose New Zealand date it is, whatever the season.</summary>
    public static DateTimeOffset Noon(DateOnly date)
    {
        var local = date.ToDateTime(new TimeOnly(12, 0));
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }

    /// <summary>New Zealand's date at the instant <paramref name="at"/>.</summary>
    public static DateOnly DateOf(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Zone).DateTime);
}
