using System.Globalization;

namespace Waharoa.Time;

/// <summary>
/// The server's clock: the clock it was given (the system's, or a test's) moved by an offset that the control API sets
/// and every instance on the store shares. It moves "now" (<see cref="GetUtcNow"/>): expiries, consents, sessions,
/// lockouts, filing periods. Durations measured with timestamps and timers stay on the real clock, so a delay is as long
/// as it says.
/// </summary>
public sealed class VirtualClock : TimeProvider
{
    private long _offsetTicks;

    /// <summary>A clock that reads <paramref name="real"/> until it is moved.</summary>
    public VirtualClock(TimeProvider real)
    {
        ArgumentNullException.ThrowIfNull(real);
        Real = real is VirtualClock virtualClock ? virtualClock.Real : real;
    }

    /// <summary>The clock this one moves from.</summary>
    public TimeProvider Real { get; }

    /// <summary>How far this clock is from <see cref="Real"/>; zero when it is the real clock.</summary>
    public TimeSpan Offset => TimeSpan.FromTicks(Volatile.Read(ref _offsetTicks));

    /// <summary>True while the clock is moved from the real one.</summary>
    public bool IsVirtual => Offset != TimeSpan.Zero;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => Real.GetUtcNow() + Offset;

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => Real.LocalTimeZone;

    /// <inheritdoc />
    public override long TimestampFrequency => Real.TimestampFrequency;

    /// <inheritdoc />
    public override long GetTimestamp() => Real.GetTimestamp();

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        Real.CreateTimer(callback, state, dueTime, period);

    /// <summary>Takes <paramref name="offset"/> as the clock's offset; true when it changed. (The server's clock is moved through its control API, which keeps every instance on one offset.)</summary>
    public bool Apply(TimeSpan offset) => Interlocked.Exchange(ref _offsetTicks, offset.Ticks) != offset.Ticks;

    /// <summary>
    /// A clock's time as the header and the console show it: ISO 8601 to the second with the offset of the clock's
    /// local time zone (UTC on a server set to UTC).
    /// </summary>
    public string Format(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, LocalTimeZone).ToString("yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture);
}
