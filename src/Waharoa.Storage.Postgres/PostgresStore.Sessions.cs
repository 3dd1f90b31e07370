using Waharoa.Sessions;

namespace Waharoa.Storage.Postgres;

public sealed partial class PostgresStore
{
    /// <inheritdoc />
    public Task AddSessionAsync(LogonSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        return ExecuteAsync(
            "INSERT INTO sessions (session_hash, logon, created_at, last_seen_at) VALUES (@hash, @logon, @created, @seen)",
            cancellationToken,
            ("hash", session.SessionHash),
            ("logon", session.Logon),
            ("created", ToUnixMs(session.CreatedAt)),
            ("seen", ToUnixMs(session.LastSeenAt)));
    }

    /// <inheritdoc />
    public Task<LogonSession?> UseSessionAsync(string sessionHash, DateTimeOffset now, DateTimeOffset idleSince, CancellationToken cancellationToken) =>
        SingleAsync(
            """
            UPDATE sessions SET last_seen_at = @now
            WHERE session_hash = @hash AND ended_at IS NULL AND last_seen_at > @idle
            RETURNING session_hash, logon, created_at, last_seen_at
            """,
            r => new LogonSession(r.GetString(0), r.GetString(1), FromUnixMs(r.GetInt64(2)), FromUnixMs(r.GetInt64(3))),
            cancellationToken,
            ("hash", sessionHash),
            ("now", ToUnixMs(now)),
            ("idle", ToUnixMs(idleSince)));

    /// <inheritdoc />
    public Task EndSessionAsync(string sessionHash, DateTimeOffset at, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "UPDATE sessions SET ended_at = @at WHERE session_hash = @hash AND ended_at IS NULL",
            cancellationToken,
            ("hash", sessionHash),
            ("at", ToUnixMs(at)));
}
