using System.Text.Json;
using Microsoft.Data.Sqlite;
using Waharoa.Clients;

namespace Waharoa.Storage.Sqlite;

public sealed partial class SqliteStore
{
    private const string ClientColumns = "client_id, name, kind, secret_hash, redirect_uris, cert_thumbprint, created_at, services, customer_ird";

    /// <inheritdoc />
    public ValueTask<DspClient?> FindClientAsync(string clientId, CancellationToken cancellationToken) =>
        new(ReadAsync(
            connection =>
            {
                using var reader = connection.Command($"SELECT {ClientColumns} FROM clients WHERE client_id = $id", ("$id", clientId)).ExecuteReader();
                return reader.Read() ? ReadClient(reader) : null;
            },
            cancellationToken));

    /// <inheritdoc />
    public ValueTask<DspClient?> FindClientByCertificateAsync(string thumbprint, CancellationToken cancellationToken) =>
        new(ReadAsync(
            connection =>
            {
                using var reader = connection.Command(
                    $"SELECT {ClientColumns} FROM clients WHERE cert_thumbprint = $thumb ORDER BY client_id LIMIT 1",
                    ("$thumb", thumbprint.ToUpperInvariant())).ExecuteReader();
                return reader.Read() ? ReadClient(reader) : null;
            },
            cancellationToken));

    /// <inheritdoc />
    public async Task<IReadOnlyList<DspClient>> ListClientsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, $"SELECT {ClientColumns} FROM clients ORDER BY client_id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var clients = new List<DspClient>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            clients.Add(ReadClient(reader));
        }

        return clients;
    }

    /// <inheritdoc />
    public async Task<bool> AddClientAsync(DspClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        await using var connection = await OpenWriterAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(
            connection,
            $"INSERT OR IGNORE INTO clients ({ClientColumns}) VALUES ($id, $name, $kind, $secret, $uris, $thumb, $created, $services, $customer)",
            ("$id", client.ClientId),
            ("$name", client.Name),
            ("$kind", client.Kind.ToString()),
            ("$secret", client.SecretHash),
            ("$uris", JsonSerializer.Serialize(client.RedirectUris)),
            ("$thumb", client.CertificateThumbprint),
            ("$created", ToUnixMs(client.CreatedAt)),
            ("$services", JsonSerializer.Serialize(client.Services)),
            ("$customer", client.CustomerIrd));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async Task<bool> RemoveClientAsync(string clientId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await OpenWriterAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var revoke = Command(
            connection,
            "UPDATE grants SET revoked_at = $now WHERE client_id = $id AND revoked_at IS NULL; DELETE FROM consents WHERE client_id = $id;",
            ("$id", clientId),
            ("$now", ToUnixMs(now)));
        revoke.Transaction = transaction;
        await revoke.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await using var delete = Command(connection, "DELETE FROM clients WHERE client_id = $id", ("$id", clientId));
        delete.Transaction = transaction;
        var removed = await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return removed;
    }

    private static DspClient ReadClient(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        Enum.Parse<ClientKind>(reader.GetString(2)),
        reader.GetString(3),
        JsonSerializer.Deserialize<string[]>(reader.GetString(4)) ?? [],
        reader.IsDBNull(5) ? null : reader.GetString(5),
        FromUnixMs(reader.GetInt64(6)))
    {
        Services = JsonSerializer.Deserialize<string[]>(reader.GetString(7)) ?? [],
        CustomerIrd = reader.IsDBNull(8) ? null : reader.GetString(8),
    };
}
