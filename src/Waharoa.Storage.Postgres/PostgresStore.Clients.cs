using System.Text.Json;
using Npgsql;
using Waharoa.Clients;

namespace Waharoa.Storage.Postgres;

public sealed partial class PostgresStore
{
    private const string ClientColumns = "client_id, name, kind, secret_hash, redirect_uris, cert_thumbprint, created_at, services, customer_ird";

    /// <inheritdoc />
    public async ValueTask<DspClient?> FindClientAsync(string clientId, CancellationToken cancellationToken) =>
        await SingleAsync($"SELECT {ClientColumns} FROM clients WHERE client_id = @id", ReadClient, cancellationToken, ("id", clientId)).ConfigureAwait(false);

    /// <inheritdoc />
    public async ValueTask<DspClient?> FindClientByCertificateAsync(string thumbprint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(thumbprint);
        return await SingleAsync(
            $"SELECT {ClientColumns} FROM clients WHERE cert_thumbprint = @thumb ORDER BY client_id LIMIT 1",
            ReadClient,
            cancellationToken,
            ("thumb", thumbprint.ToUpperInvariant())).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DspClient>> ListClientsAsync(CancellationToken cancellationToken) =>
        ManyAsync($"SELECT {ClientColumns} FROM clients ORDER BY client_id", ReadClient, cancellationToken);

    /// <inheritdoc />
    public async Task<bool> AddClientAsync(DspClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return await ExecuteAsync(
            $"INSERT INTO clients ({ClientColumns}) VALUES (@id, @name, @kind, @secret, @uris, @thumb, @created, @services, @customer) ON CONFLICT DO NOTHING",
            cancellationToken,
            ("id", client.ClientId),
            ("name", client.Name),
            ("kind", client.Kind.ToString()),
            ("secret", client.SecretHash),
            ("uris", JsonSerializer.Serialize(client.RedirectUris)),
            ("thumb", client.CertificateThumbprint),
            ("created", ToUnixMs(client.CreatedAt)),
            ("services", JsonSerializer.Serialize(client.Services)),
            ("customer", client.CustomerIrd)).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public Task<bool> RemoveClientAsync(string clientId, DateTimeOffset now, CancellationToken cancellationToken) =>
        InTransactionAsync(
            async transaction =>
            {
                await ExecuteAsync(
                    transaction,
                    "UPDATE grants SET revoked_at = @now WHERE client_id = @id AND revoked_at IS NULL; DELETE FROM consents WHERE client_id = @id;",
                    cancellationToken,
                    ("id", clientId),
                    ("now", ToUnixMs(now))).ConfigureAwait(false);
                return await ExecuteAsync(transaction, "DELETE FROM clients WHERE client_id = @id", cancellationToken, ("id", clientId)).ConfigureAwait(false) == 1;
            },
            cancellationToken);

    private static DspClient ReadClient(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        Enum.Parse<ClientKind>(reader.GetString(2)),
        reader.GetString(3),
        JsonSerializer.Deserialize<string[]>(reader.GetString(4)) ?? [],
        StringOrNull(reader, 5),
        FromUnixMs(reader.GetInt64(6)))
    {
        Services = JsonSerializer.Deserialize<string[]>(reader.GetString(7)) ?? [],
        CustomerIrd = StringOrNull(reader, 8),
    };
}
