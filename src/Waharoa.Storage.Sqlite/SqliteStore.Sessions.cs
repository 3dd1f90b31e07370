using Waharoa.Sessions;

namespace Waharoa.Storage.Sqlite;

public sealed partial class SqliteStore
{
    /// <inheritdoc />
    public async Task AddSessionAsync(LogonSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        await using var connection = await OpenWriterAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(
            connection,
            "INSERT INTO sessions (session_hash, logon, created_at, last_seen_at) VALUES ($hash, $logon, $created, $seen)",
            ("$hash", session.SessionHash),
            ("$logon", session.Logon),
            ("$created", ToUnixMs(session.CreatedAt)),
            ("$seen", ToUnixMs(session.LastSeenAt)));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<LogonSession?> UseSessionAsync(string sessionHash, DateTimeOffset now, DateTimeOffset idleSince, CancellationToken cancellationToken)
    {
        await using var connection = await OpenWriterAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(
            connection,
            """
            UPDATE sessions SET last_seen_at = $now
            WHERE session_hash = $hash AND ended_at IS NULL AND last_seen_at > $idle
            RETURNING session_hash, logon, created_at, last_seen_at
            """,
            ("$hash", sessionHash),
            ("$now", ToUnixMs(now)),
            ("$idle", ToUnixMs(idleSince)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new LogonSession(reader.GetString(0), reader.GetString(1), FromUnixMs(reader.GetInt64(2)), FromUnixMs(reader.GetInt64(3)))
            : null;
    }

    /// <inheritdoc />
    public async Task EndSessionAsync(string sessionHash, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await OpenWriterAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(
            connection,
            "UPDATE sessions SET ended_at = $at WHERE session_hash = $hash AND ended_at IS NULL",
            ("$hash", sessionHash),
            ("$at", ToUnixMs(at)));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
