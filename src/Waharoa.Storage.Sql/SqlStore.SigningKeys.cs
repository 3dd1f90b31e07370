using System.Data.Common;

namespace Waharoa.Storage.Sql;

public abstract partial class SqlStore
{
    private const string KeyColumns = "key_id, certificate_pem, private_key_pem, created_at, retires_at";

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredSigningKey>> ListSigningKeysAsync(CancellationToken cancellationToken) =>
        ListAsync($"SELECT {KeyColumns} FROM signing_keys ORDER BY created_at, key_id", r => ReadSigningKey(r), cancellationToken);

    /// <inheritdoc />
    public Task<bool> AddFirstSigningKeyAsync(StoredSigningKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        return WriteAsync(
            async (s, ct) =>
            {
                await LockSigningKeysAsync(s, ct).ConfigureAwait(false);

                // The CAST gives a null retirement a type, which a parameter selected rather than inserted lacks.
                return await s.ExecuteAsync(
                    $"INSERT INTO signing_keys ({KeyColumns}) SELECT @id, @certificate, @key, @created, CAST(@retires AS bigint) WHERE NOT EXISTS (SELECT 1 FROM signing_keys)",
                    ct,
                    KeyParameters(key)).ConfigureAwait(false) == 1;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task RotateSigningKeyAsync(StoredSigningKey key, DateTimeOffset retireOthersAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        return WriteAsync(
            async (s, ct) =>
            {
                await LockSigningKeysAsync(s, ct).ConfigureAwait(false);
                await s.ExecuteAsync("UPDATE signing_keys SET retires_at = @at WHERE retires_at IS NULL", ct, ("@at", UnixMs(retireOthersAt))).ConfigureAwait(false);
                return await s.ExecuteAsync($"INSERT INTO signing_keys ({KeyColumns}) VALUES (@id, @certificate, @key, @created, @retires)", ct, KeyParameters(key)).ConfigureAwait(false);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> RetireSigningKeyAsync(string keyId, DateTimeOffset at, CancellationToken cancellationToken) =>
        WriteAsync(
            async (s, ct) =>
            {
                await LockSigningKeysAsync(s, ct).ConfigureAwait(false);
                return await s.ExecuteAsync(
                    "UPDATE signing_keys SET retires_at = @at WHERE key_id = @id AND (retires_at IS NULL OR retires_at > @at)", ct, ("@id", keyId), ("@at", UnixMs(at)))
                    .ConfigureAwait(false) == 1;
            },
            cancellationToken);

    /// <inheritdoc />
    public Task<int> RemoveRetiredSigningKeysAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        ExecuteAsync("DELETE FROM signing_keys WHERE retires_at IS NOT NULL AND retires_at <= @now", cancellationToken, ("@now", UnixMs(now)));

    private static async ValueTask LockSigningKeysAsync(SqlSession session, CancellationToken cancellationToken)
    {
        if (session.Dialect.SigningKeysLock is { } signingKeysLock)
        {
            await session.ExecuteAsync(signingKeysLock, cancellationToken).ConfigureAwait(false);
        }
    }

    private (string, object?)[] KeyParameters(StoredSigningKey key) =>
    [
        ("@id", key.KeyId),
        ("@certificate", key.CertificatePem),
        ("@key", SealSigningKey(key)),
        ("@created", UnixMs(key.CreatedAt)),
        ("@retires", UnixMs(key.RetiresAt)),
    ];

    private StoredSigningKey ReadSigningKey(DbDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), OpenSigningKey(reader.GetString(0), reader.GetString(2)), Time(reader, 3), TimeOrNull(reader, 4));
}
