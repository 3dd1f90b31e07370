using System.Data.Common;
using System.Text.Json;
using Waharoa.Clients;

namespace Waharoa.Storage.Sql;

public abstract partial class SqlStore
{
    private const string ClientColumns = "client_id, name, kind, secret_hash, redirect_uris, cert_thumbprint, created_at, services, customer_ird, signing_certificates, cert_common_name, software_platforms, disabled";

    /// <inheritdoc />
    public ValueTask<DspClient?> FindClientAsync(string clientId, CancellationToken cancellationToken) =>
        new(SingleAsync($"SELECT {ClientColumns} FROM clients WHERE client_id = @id AND disabled = 0", ReadClient, cancellationToken, ("@id", clientId)));

    /// <inheritdoc />
    public ValueTask<DspClient?> FindRegisteredClientAsync(string clientId, CancellationToken cancellationToken) =>
        new(SingleAsync($"SELECT {ClientColumns} FROM clients WHERE client_id = @id", ReadClient, cancellationToken, ("@id", clientId)));

    /// <inheritdoc />
    public ValueTask<DspClient?> FindClientByCertificateAsync(string thumbprint, string? commonName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(thumbprint);
        return new(SingleAsync(
            $"""
            SELECT {ClientColumns} FROM clients
            WHERE disabled = 0 AND (cert_thumbprint = @thumb OR (cert_thumbprint IS NULL AND cert_common_name = @cn))
            ORDER BY CASE WHEN cert_thumbprint IS NULL THEN 1 ELSE 0 END, client_id LIMIT 1
            """,
            ReadClient,
            cancellationToken,
            ("@thumb", thumbprint.ToUpperInvariant()),
            ("@cn", commonName)));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<DspClient>> ListClientsAsync(CancellationToken cancellationToken) =>
        ListAsync($"SELECT {ClientColumns} FROM clients ORDER BY client_id", ReadClient, cancellationToken);

    /// <inheritdoc />
    public Task<bool> AddClientAsync(DspClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return ChangesOneAsync(
            $"INSERT INTO clients ({ClientColumns}) VALUES (@id, @name, @kind, @secret, @uris, @thumb, @created, @services, @customer, @signing, @cn, @platforms, @disabled) ON CONFLICT DO NOTHING",
            cancellationToken,
            [.. ClientParameters(client), ("@created", UnixMs(client.CreatedAt)), ("@disabled", client.Disabled ? 1 : 0)]);
    }

    /// <inheritdoc />
    public Task<bool> UpdateClientAsync(DspClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return ChangesOneAsync(
            """
            UPDATE clients SET name = @name, kind = @kind, secret_hash = @secret, redirect_uris = @uris, cert_thumbprint = @thumb, services = @services,
                customer_ird = @customer, signing_certificates = @signing, cert_common_name = @cn, software_platforms = @platforms
            WHERE client_id = @id
            """,
            cancellationToken,
            ClientParameters(client));
    }

    /// <inheritdoc />
    public Task<bool> SetClientDisabledAsync(string clientId, bool disabled, CancellationToken cancellationToken) =>
        ChangesOneAsync("UPDATE clients SET disabled = @disabled WHERE client_id = @id", cancellationToken, ("@id", clientId), ("@disabled", disabled ? 1 : 0));

    private static (string, object?)[] ClientParameters(DspClient client) =>
    [
        ("@id", client.ClientId),
        ("@name", client.Name),
        ("@kind", client.Kind.ToString()),
        ("@secret", client.SecretHash),
        ("@uris", JsonSerializer.Serialize(client.RedirectUris)),
        ("@thumb", client.CertificateThumbprint),
        ("@services", JsonSerializer.Serialize(client.Services)),
        ("@customer", client.CustomerIrd),
        ("@signing", JsonSerializer.Serialize(client.SigningCertificates)),
        ("@cn", client.CertificateCommonName),
        ("@platforms", JsonSerializer.Serialize(client.SoftwarePlatforms)),
    ];

    /// <inheritdoc />
    public Task<bool> RemoveClientAsync(string clientId, DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteAsync(
            async (s, ct) =>
            {
                await s.ExecuteAsync("UPDATE grants SET revoked_at = @now WHERE client_id = @id AND revoked_at IS NULL", ct, ("@id", clientId), ("@now", UnixMs(now))).ConfigureAwait(false);
                await s.ExecuteAsync("DELETE FROM consents WHERE client_id = @id", ct, ("@id", clientId)).ConfigureAwait(false);
                return await s.ExecuteAsync("DELETE FROM clients WHERE client_id = @id", ct, ("@id", clientId)).ConfigureAwait(false) == 1;
            },
            cancellationToken);

    private static DspClient ReadClient(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        Enum.Parse<ClientKind>(reader.GetString(2)),
        reader.GetString(3),
        TextList(reader.GetString(4)),
        TextOrNull(reader, 5),
        Time(reader, 6))
    {
        Services = TextList(reader.GetString(7)),
        CustomerIrd = TextOrNull(reader, 8),
        SigningCertificates = TextList(reader.GetString(9)),
        CertificateCommonName = TextOrNull(reader, 10),
        SoftwarePlatforms = TextList(reader.GetString(11)),
        Disabled = reader.GetInt64(12) != 0,
    };

    // A client is read on every cloud call (by its certificate): its lists are mostly empty, and the others (a signing
    // certificate's PEM among them) are the same text call after call, so each is parsed once. Lists are never changed
    // in place (DspClient's are read-only to its users), so sharing one array is safe.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string[]> ParsedLists = new(StringComparer.Ordinal);

    private static string[] TextList(string json)
    {
        if (json == "[]")
        {
            return [];
        }

        if (ParsedLists.TryGetValue(json, out var parsed))
        {
            return parsed;
        }

        parsed = JsonSerializer.Deserialize(json, StoreJson.Default.StringArray) ?? [];
        if (ParsedLists.Count < 4096)
        {
            ParsedLists.TryAdd(json, parsed);
        }

        return parsed;
    }
}

/// <summary>The JSON of list columns, read and written without reflection.</summary>
[System.Text.Json.Serialization.JsonSerializable(typeof(string[]))]
internal sealed partial class StoreJson : System.Text.Json.Serialization.JsonSerializerContext;
