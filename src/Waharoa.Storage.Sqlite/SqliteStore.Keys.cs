using Microsoft.Data.Sqlite;

namespace Waharoa.Storage.Sqlite;

public sealed partial class SqliteStore
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredSigningKey>> ListSigningKeysAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(
            connection,
            "SELECT key_id, certificate_pem, private_key_pem, created_at, retires_at FROM signing_keys ORDER BY created_at, key_id");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var keys = new List<StoredSigningKey>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            keys.Add(new StoredSigningKey(reader.GetString(0), reader.GetString(1), reader.GetString(2), FromUnixMs(reader.GetInt64(3)), FromUnixMsOrNull(reader, 4)));
        }

        return keys;
    }

    /// <inheritdoc />
    public async Task<bool> AddFirstSigningKeyAsync(StoredSigningKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var connection = await OpenWriterAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(
            connection,
            """
            INSERT INTO signing_keys (key_id, certificate_pem, private_key_pem, created_at, retires_at)
            SELECT $id, $cert, $key, $created, $retires WHERE NOT EXISTS (SELECT 1 FROM signing_keys)
            """,
            KeyParameters(key));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async Task RotateSigningKeyAsync(StoredSigningKey key, DateTimeOffset retireOthersAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var connection = await OpenWriterAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var retire = Command(connection, "UPDATE signing_keys SET retires_at = $at WHERE retires_at IS NULL", ("$at", ToUnixMs(retireOthersAt))))
        {
            retire.Transaction = transaction;
            await retire.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var insert = Command(
            connection,
            "INSERT INTO signing_keys (key_id, certificate_pem, private_key_pem, created_at, retires_at) VALUES ($id, $cert, $key, $created, $retires)",
            KeyParameters(key)))
        {
            insert.Transaction = transaction;
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<int> RemoveRetiredSigningKeysAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await OpenWriterAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, "DELETE FROM signing_keys WHERE retires_at IS NOT NULL AND retires_at <= $now", ("$now", ToUnixMs(now)));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SharedFile>> ListSharedFilesAsync(string prefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(
            connection,
            "SELECT name, content, created_at FROM shared_files WHERE substr(name, 1, length($prefix)) = $prefix ORDER BY name",
            ("$prefix", prefix));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var files = new List<SharedFile>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            files.Add(new SharedFile(reader.GetString(0), (byte[])reader.GetValue(1), FromUnixMs(reader.GetInt64(2))));
        }

        return files;
    }

    /// <inheritdoc />
    public async Task<bool> AddSharedFileAsync(SharedFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        return await AddSharedFilesAsync([file], cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async Task<int> AddSharedFilesAsync(IReadOnlyList<SharedFile> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        await using var connection = await OpenWriterAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var stored = 0;
        foreach (var file in files)
        {
            await using var command = Command(
                connection,
                "INSERT INTO shared_files (name, content, created_at) VALUES ($name, $content, $created) ON CONFLICT (name) DO NOTHING",
                ("$name", file.Name),
                ("$content", file.Content),
                ("$created", ToUnixMs(file.CreatedAt)));
            command.Transaction = transaction;
            stored += await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return stored;
    }

    private static (string, object?)[] KeyParameters(StoredSigningKey key) =>
    [
        ("$id", key.KeyId),
        ("$cert", key.CertificatePem),
        ("$key", key.PrivateKeyPem),
        ("$created", ToUnixMs(key.CreatedAt)),
        ("$retires", key.RetiresAt is { } retires ? ToUnixMs(retires) : null),
    ];
}
