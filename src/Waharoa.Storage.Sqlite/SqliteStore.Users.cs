using Waharoa.Users;

namespace Waharoa.Storage.Sqlite;

public sealed partial class SqliteStore
{
    /// <inheritdoc />
    public async Task<MyIrUser?> FindUserAsync(string logon, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, "SELECT logon, password_hash, created_at FROM users WHERE logon = $logon", ("$logon", logon));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new MyIrUser(reader.GetString(0), reader.GetString(1), FromUnixMs(reader.GetInt64(2)))
            : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<MyIrUser>> ListUsersAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, "SELECT logon, password_hash, created_at FROM users ORDER BY logon");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var users = new List<MyIrUser>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            users.Add(new MyIrUser(reader.GetString(0), reader.GetString(1), FromUnixMs(reader.GetInt64(2))));
        }

        return users;
    }

    /// <inheritdoc />
    public async Task<string?> GetSubjectAsync(string logon, CancellationToken cancellationToken)
    {
        const string Read = "SELECT subject FROM users WHERE logon = $logon";
        if (await ReadAsync(connection => connection.Command(Read, ("$logon", logon)).ExecuteScalar(), cancellationToken).ConfigureAwait(false) is string subject)
        {
            return subject;
        }

        // First use (or no such user): set once; a concurrent first use keeps whichever subject was written first.
        return await _groupCommit.WriteAsync(
            batch =>
            {
                batch.Command(
                    "UPDATE users SET subject = $subject WHERE logon = $logon AND subject IS NULL",
                    ("$logon", logon),
                    ("$subject", Guid.NewGuid().ToString())).ExecuteNonQuery();
                return batch.Command(Read, ("$logon", logon)).ExecuteScalar() as string;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> AddUserAsync(MyIrUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var connection = await OpenWriterAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(
            connection,
            "INSERT OR IGNORE INTO users (logon, password_hash, created_at) VALUES ($logon, $hash, $created)",
            ("$logon", user.Logon),
            ("$hash", user.PasswordHash),
            ("$created", ToUnixMs(user.CreatedAt)));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async Task RecordFailedLogonAsync(string logon, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await OpenWriterAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, "INSERT INTO failed_logons (logon, at) VALUES ($logon, $at)", ("$logon", logon), ("$at", ToUnixMs(at)));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DateTimeOffset>> FailedLogonsSinceAsync(string logon, DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(
            connection,
            "SELECT at FROM failed_logons WHERE logon = $logon AND at > $since ORDER BY at",
            ("$logon", logon),
            ("$since", ToUnixMs(since)));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var times = new List<DateTimeOffset>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            times.Add(FromUnixMs(reader.GetInt64(0)));
        }

        return times;
    }

    /// <inheritdoc />
    public async Task ClearFailedLogonsAsync(string logon, CancellationToken cancellationToken)
    {
        await using var connection = await OpenWriterAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, "DELETE FROM failed_logons WHERE logon = $logon", ("$logon", logon));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
