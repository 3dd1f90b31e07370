using System.Data.Common;
using Waharoa.Users;

namespace Waharoa.Storage.Sql;

public abstract partial class SqlStore
{
    /// <inheritdoc />
    public Task<MyIrUser?> FindUserAsync(string logon, CancellationToken cancellationToken) =>
        SingleAsync("SELECT logon, password_hash, created_at FROM users WHERE {SameLogon}", ReadUser, cancellationToken, ("@logon", logon));

    /// <inheritdoc />
    public Task<IReadOnlyList<MyIrUser>> ListUsersAsync(CancellationToken cancellationToken) =>
        ListAsync("SELECT logon, password_hash, created_at FROM users ORDER BY {LogonKey}", ReadUser, cancellationToken);

    /// <inheritdoc />
    /// <remarks>A subject already made, the common case, is read alone and returned as the read completes.</remarks>
    public Task<string?> GetSubjectAsync(string logon, CancellationToken cancellationToken)
    {
        var read = SingleAsync("SELECT subject FROM users WHERE {SameLogon} AND subject IS NOT NULL", r => r.GetString(0), cancellationToken, ("@logon", logon));
        return read.IsCompletedSuccessfully && read.Result is not null ? read : ReadOrMakeSubjectAsync(read, logon, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> AddUserAsync(MyIrUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return ChangesOneAsync(
            "INSERT INTO users (logon, password_hash, created_at) VALUES (@logon, @hash, @created) ON CONFLICT DO NOTHING",
            cancellationToken,
            ("@logon", user.Logon),
            ("@hash", user.PasswordHash),
            ("@created", UnixMs(user.CreatedAt)));
    }

    /// <inheritdoc />
    public Task<bool> SetUserPasswordAsync(string logon, string passwordHash, CancellationToken cancellationToken) =>
        ChangesOneAsync("UPDATE users SET password_hash = @hash WHERE {SameLogon}", cancellationToken, ("@logon", logon), ("@hash", passwordHash));

    /// <inheritdoc />
    public Task<bool> RemoveUserAsync(string logon, CancellationToken cancellationToken) =>
        ChangesOneAsync("DELETE FROM users WHERE {SameLogon}", cancellationToken, ("@logon", logon));

    /// <inheritdoc />
    public Task RecordFailedLogonAsync(string logon, DateTimeOffset at, CancellationToken cancellationToken) =>
        ExecuteAsync("INSERT INTO failed_logons (logon, at) VALUES (@logon, @at)", cancellationToken, ("@logon", logon), ("@at", UnixMs(at)));

    /// <inheritdoc />
    public Task<IReadOnlyList<DateTimeOffset>> FailedLogonsSinceAsync(string logon, DateTimeOffset since, CancellationToken cancellationToken) =>
        ListAsync("SELECT at FROM failed_logons WHERE {SameLogon} AND at > @since ORDER BY at", r => Time(r, 0), cancellationToken, ("@logon", logon), ("@since", UnixMs(since)));

    /// <inheritdoc />
    public Task ClearFailedLogonsAsync(string logon, CancellationToken cancellationToken) =>
        ExecuteAsync("DELETE FROM failed_logons WHERE {SameLogon}", cancellationToken, ("@logon", logon));

    private async Task<string?> ReadOrMakeSubjectAsync(Task<string?> read, string logon, CancellationToken cancellationToken)
    {
        // First use (or no such user): set once; a concurrent first use, on any instance, finds it set and keeps it.
        return await read.ConfigureAwait(false) ?? await WriteStatementAsync(
            (s, ct) => s.SingleAsync(
                "UPDATE users SET subject = coalesce(subject, @subject) WHERE {SameLogon} RETURNING subject", r => r.GetString(0), ct, ("@logon", logon), ("@subject", Guid.NewGuid().ToString())),
            cancellationToken).ConfigureAwait(false);
    }

    private static MyIrUser ReadUser(DbDataReader reader) => new(reader.GetString(0), reader.GetString(1), Time(reader, 2));
}
