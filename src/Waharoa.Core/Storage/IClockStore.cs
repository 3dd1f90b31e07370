namespace Waharoa.Storage;

/// <summary>
/// The virtual clock's setting, shared by every instance on the store: how far the clock is moved from the real one.
/// </summary>
public interface IClockStore
{
    /// <summary>The clock's setting; null when it was never moved (the real clock).</summary>
    Task<ClockSetting?> GetClockAsync(CancellationToken cancellationToken);

    /// <summary>Keeps <paramref name="setting"/> as the clock's setting, replacing the one before.</summary>
    Task SetClockAsync(ClockSetting setting, CancellationToken cancellationToken);
}

/// <summary>
/// The virtual clock's setting: <paramref name="Offset"/> added to the real clock (zero for the real clock), and when
/// it was last changed (real time).
/// </summary>
public sealed record ClockSetting(TimeSpan Offset, DateTimeOffset ChangedAt);
