using Waharoa.Sessions;

namespace Waharoa.Storage.Sql;

public abstract partial class SqlStore
{
    /// <inheritdoc />
    public Task AddSessionAsync(LogonSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        return ExecuteAsync(
            "INSERT INTO sessions (session_hash, logon, created_at, last_seen_at) VALUES (@hash, @logon, @created, @seen)",
            cancellationToken,
            ("@hash", session.SessionHash),
            ("@logon", session.Logon),
            ("@created", UnixMs(session.CreatedAt)),
            ("@seen", UnixMs(session.LastSeenAt)));
    }

    /// <inheritdoc />
    public Task<LogonSession?> UseSessionAsync(string sessionHash, DateTimeOffset now, DateTimeOffset idleSince, CancellationToken cancellationToken) =>
        WriteStatementAsync(
            (s, ct) => s.SingleAsync(
                """
                UPDATE sessions SET last_seen_at = @now
                WHERE session_hash = @hash AND ended_at IS NULL AND last_seen_at > @idle
                RETURNING session_hash, logon, created_at, last_seen_at
                """,
                r => new LogonSession(r.GetString(0), r.GetString(1), Time(r, 2), Time(r, 3)),
                ct,
                ("@hash", sessionHash),
                ("@now", UnixMs(now)),
                ("@idle", UnixMs(idleSince))),
            cancellationToken);

    /// <inheritdoc />
    public Task EndSessionAsync(string sessionHash, DateTimeOffset at, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE sessions SET ended_at = @at WHERE session_hash = @hash AND ended_at IS NULL", cancellationToken, ("@hash", sessionHash), ("@at", UnixMs(at)));
}
