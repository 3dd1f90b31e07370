namespace Waharoa.Storage.Sql;

/// <summary>The virtual clock's setting (schema 11, table clock: one row).</summary>
public abstract partial class SqlStore
{
    /// <inheritdoc />
    public Task<ClockSetting?> GetClockAsync(CancellationToken cancellationToken) =>
        SingleAsync(
            "SELECT offset_ms, changed_at FROM clock WHERE id = 1",
            r => new ClockSetting(TimeSpan.FromMilliseconds(r.GetInt64(0)), Time(r, 1)),
            cancellationToken);

    /// <inheritdoc />
    public Task SetClockAsync(ClockSetting setting, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(setting);
        return ExecuteAsync(
            """
            INSERT INTO clock (id, offset_ms, changed_at) VALUES (1, @offset, @changed)
            ON CONFLICT (id) DO UPDATE SET offset_ms = excluded.offset_ms, changed_at = excluded.changed_at
            """,
            cancellationToken,
            ("@offset", (long)setting.Offset.TotalMilliseconds),
            ("@changed", UnixMs(setting.ChangedAt)));
    }
}
