using Npgsql;
using Waharoa.Users;

namespace Waharoa.Storage.Postgres;

public sealed partial class PostgresStore
{
    /// <inheritdoc />
    public Task<MyIrUser?> FindUserAsync(string logon, CancellationToken cancellationToken) =>
        SingleAsync($"SELECT logon, password_hash, created_at FROM users WHERE {SameLogon}", ReadUser, cancellationToken, ("logon", logon));

    /// <inheritdoc />
    public Task<IReadOnlyList<MyIrUser>> ListUsersAsync(CancellationToken cancellationToken) =>
        ManyAsync("SELECT logon, password_hash, created_at FROM users ORDER BY lower(logon)", ReadUser, cancellationToken);

    /// <inheritdoc />
    public async Task<string?> GetSubjectAsync(string logon, CancellationToken cancellationToken)
    {
        var subject = await SingleAsync($"SELECT subject FROM users WHERE {SameLogon} AND subject IS NOT NULL", r => r.GetString(0), cancellationToken, ("logon", logon)).ConfigureAwait(false);
        if (subject is not null)
        {
            return subject;
        }

        // First use (or no such user): set once; a concurrent first use waits for the row and keeps the subject written first.
        return await SingleAsync(
            $"UPDATE users SET subject = coalesce(subject, @subject) WHERE {SameLogon} RETURNING subject",
            r => r.GetString(0),
            cancellationToken,
            ("logon", logon),
            ("subject", Guid.NewGuid().ToString())).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> AddUserAsync(MyIrUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return await ExecuteAsync(
            "INSERT INTO users (logon, password_hash, created_at) VALUES (@logon, @hash, @created) ON CONFLICT DO NOTHING",
            cancellationToken,
            ("logon", user.Logon),
            ("hash", user.PasswordHash),
            ("created", ToUnixMs(user.CreatedAt))).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public Task RecordFailedLogonAsync(string logon, DateTimeOffset at, CancellationToken cancellationToken) =>
        ExecuteAsync("INSERT INTO failed_logons (logon, at) VALUES (@logon, @at)", cancellationToken, ("logon", logon), ("at", ToUnixMs(at)));

    /// <inheritdoc />
    public Task<IReadOnlyList<DateTimeOffset>> FailedLogonsSinceAsync(string logon, DateTimeOffset since, CancellationToken cancellationToken) =>
        ManyAsync(
            $"SELECT at FROM failed_logons WHERE {SameLogon} AND at > @since ORDER BY at",
            r => FromUnixMs(r.GetInt64(0)),
            cancellationToken,
            ("logon", logon),
            ("since", ToUnixMs(since)));

    /// <inheritdoc />
    public Task ClearFailedLogonsAsync(string logon, CancellationToken cancellationToken) =>
        ExecuteAsync($"DELETE FROM failed_logons WHERE {SameLogon}", cancellationToken, ("logon", logon));

    private static MyIrUser ReadUser(NpgsqlDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), FromUnixMs(reader.GetInt64(2)));
}
