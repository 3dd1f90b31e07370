using Microsoft.Data.Sqlite;

namespace Waharoa.Storage.Sqlite;

public sealed partial class SqliteStore
{
    /// <inheritdoc />
    public Task<bool> HasConsentAsync(string logon, string clientId, CancellationToken cancellationToken) =>
        ReadAsync(
            connection => connection.Command(
                "SELECT 1 FROM consents WHERE logon = $logon AND client_id = $client",
                ("$logon", logon),
                ("$client", clientId)).ExecuteScalar() is not null,
            cancellationToken);

    /// <inheritdoc />
    public async Task GrantConsentAsync(string logon, string clientId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await OpenWriterAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(
            connection,
            "INSERT OR IGNORE INTO consents (logon, client_id, granted_at) VALUES ($logon, $client, $at)",
            ("$logon", logon),
            ("$client", clientId),
            ("$at", ToUnixMs(at)));
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<bool> RevokeConsentAsync(string logon, string clientId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await OpenWriterAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var delete = Command(
            connection,
            "DELETE FROM consents WHERE logon = $logon AND client_id = $client",
            ("$logon", logon),
            ("$client", clientId));
        delete.Transaction = transaction;
        var removed = await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        await using var revoke = Command(
            connection,
            "UPDATE grants SET revoked_at = $at WHERE logon = $logon AND client_id = $client AND revoked_at IS NULL",
            ("$logon", logon),
            ("$client", clientId),
            ("$at", ToUnixMs(at)));
        revoke.Transaction = transaction;
        await revoke.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return removed;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<(string Logon, string ClientId, DateTimeOffset GrantedAt)>> ListConsentsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, "SELECT logon, client_id, granted_at FROM consents ORDER BY logon, client_id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var consents = new List<(string, string, DateTimeOffset)>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            consents.Add((reader.GetString(0), reader.GetString(1), FromUnixMs(reader.GetInt64(2))));
        }

        return consents;
    }
}
