namespace Waharoa.Storage.Postgres;

public sealed partial class PostgresStore
{
    private const string KeyColumns = "key_id, certificate_pem, private_key_pem, created_at, retires_at";

    // Taken by every change of the key set, so that "no key yet" and "the keys not yet retired" hold until the
    // change commits; it lets readers through.
    private const string LockSigningKeys = "LOCK TABLE signing_keys IN SHARE ROW EXCLUSIVE MODE";

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredSigningKey>> ListSigningKeysAsync(CancellationToken cancellationToken) =>
        ManyAsync(
            $"SELECT {KeyColumns} FROM signing_keys ORDER BY created_at, key_id",
            r => new StoredSigningKey(r.GetString(0), r.GetString(1), r.GetString(2), FromUnixMs(r.GetInt64(3)), FromUnixMsOrNull(r, 4)),
            cancellationToken);

    /// <inheritdoc />
    public Task<bool> AddFirstSigningKeyAsync(StoredSigningKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        return InTransactionAsync(
            async transaction =>
            {
                await ExecuteAsync(transaction, LockSigningKeys, cancellationToken).ConfigureAwait(false);
                return await ExecuteAsync(
                    transaction,
                    $"INSERT INTO signing_keys ({KeyColumns}) SELECT @id, @cert, @key, @created, @retires::bigint WHERE NOT EXISTS (SELECT 1 FROM signing_keys)",
                    cancellationToken,
                    KeyParameters(key)).ConfigureAwait(false) == 1;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task RotateSigningKeyAsync(StoredSigningKey key, DateTimeOffset retireOthersAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        return InTransactionAsync(
            async transaction =>
            {
                await ExecuteAsync(transaction, LockSigningKeys, cancellationToken).ConfigureAwait(false);
                await ExecuteAsync(transaction, "UPDATE signing_keys SET retires_at = @at WHERE retires_at IS NULL", cancellationToken, ("at", ToUnixMs(retireOthersAt))).ConfigureAwait(false);
                return await ExecuteAsync(transaction, $"INSERT INTO signing_keys ({KeyColumns}) VALUES (@id, @cert, @key, @created, @retires)", cancellationToken, KeyParameters(key)).ConfigureAwait(false);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<int> RemoveRetiredSigningKeysAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        ExecuteAsync("DELETE FROM signing_keys WHERE retires_at IS NOT NULL AND retires_at <= @now", cancellationToken, ("now", ToUnixMs(now)));

    /// <inheritdoc />
    public Task<IReadOnlyList<SharedFile>> ListSharedFilesAsync(string prefix, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        return ManyAsync(
            "SELECT name, content, created_at FROM shared_files WHERE starts_with(name, @prefix) ORDER BY name",
            r => new SharedFile(r.GetString(0), r.GetFieldValue<byte[]>(1), FromUnixMs(r.GetInt64(2))),
            cancellationToken,
            ("prefix", prefix));
    }

    /// <inheritdoc />
    public async Task<bool> AddSharedFileAsync(SharedFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        return await AddSharedFilesAsync([file], cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public Task<int> AddSharedFilesAsync(IReadOnlyList<SharedFile> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        return InTransactionAsync(
            async transaction =>
            {
                var stored = 0;
                foreach (var file in files)
                {
                    stored += await ExecuteAsync(
                        transaction,
                        "INSERT INTO shared_files (name, content, created_at) VALUES (@name, @content, @created) ON CONFLICT (name) DO NOTHING",
                        cancellationToken,
                        ("name", file.Name),
                        ("content", file.Content),
                        ("created", ToUnixMs(file.CreatedAt))).ConfigureAwait(false);
                }

                return stored;
            },
            cancellationToken);
    }

    private static (string, object?)[] KeyParameters(StoredSigningKey key) =>
    [
        ("id", key.KeyId),
        ("cert", key.CertificatePem),
        ("key", key.PrivateKeyPem),
        ("created", ToUnixMs(key.CreatedAt)),
        ("retires", ToUnixMs(key.RetiresAt)),
    ];
}
