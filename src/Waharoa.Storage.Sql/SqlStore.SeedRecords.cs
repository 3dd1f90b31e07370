namespace Waharoa.Storage.Sql;

public abstract partial class SqlStore
{
    /// <inheritdoc />
    public Task<bool> WasSeedAppliedAsync(string contentHash, CancellationToken cancellationToken) =>
        ExistsAsync("SELECT 1 FROM applied_seeds WHERE content_hash = @hash", cancellationToken, ("@hash", contentHash));

    /// <inheritdoc />
    public Task MarkSeedAppliedAsync(string contentHash, string source, DateTimeOffset at, CancellationToken cancellationToken) =>
        ExecuteAsync(
            """
            INSERT INTO applied_seeds (content_hash, source, applied_at) VALUES (@hash, @source, @at)
            ON CONFLICT (content_hash) DO UPDATE SET source = excluded.source, applied_at = excluded.applied_at
            """,
            cancellationToken,
            ("@hash", contentHash),
            ("@source", source),
            ("@at", UnixMs(at)));
}
