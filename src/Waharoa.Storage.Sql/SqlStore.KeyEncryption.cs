using System.Text;
using Waharoa.Security;

namespace Waharoa.Storage.Sql;

public abstract partial class SqlStore
{
    private KeyEncryptionKey? _keyEncryption;

    /// <summary>
    /// Encrypts the private keys this store keeps with <paramref name="encryption"/> from now on: checks that every
    /// encrypted one opens with it, then encrypts those held in plain text (written before encryption, or without a
    /// key); the number encrypted. Each row changes only if it still holds what was read, so instances starting
    /// together do it once.
    /// </summary>
    /// <exception cref="KeyEncryptionException">A key was encrypted with another key-encryption key, or damaged; nothing changed.</exception>
    public async Task<int> UseKeyEncryptionAsync(KeyEncryptionKey encryption, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(encryption);
        var keys = await ListAsync("SELECT key_id, private_key_pem FROM signing_keys", r => (Id: r.GetString(0), Pem: r.GetString(1)), cancellationToken).ConfigureAwait(false);
        var files = await ListAsync("SELECT name, content FROM shared_files", r => (Name: r.GetString(0), Content: r.GetFieldValue<byte[]>(1)), cancellationToken).ConfigureAwait(false);
        foreach (var (id, pem) in keys.Where(k => KeyEncryptionKey.IsProtected(k.Pem)))
        {
            encryption.Unprotect(pem, SigningKeyContext(id));
        }

        foreach (var (name, content) in files.Where(f => KeyEncryptionKey.IsProtected(f.Content)))
        {
            encryption.Unprotect(Encoding.UTF8.GetString(content), SharedFileContext(name));
        }

        _keyEncryption = encryption;

        var changed = 0;
        foreach (var (id, pem) in keys.Where(k => !KeyEncryptionKey.IsProtected(k.Pem)))
        {
            var context = SigningKeyContext(id);
            changed += await ExecuteAsync(
                "UPDATE signing_keys SET private_key_pem = @sealed WHERE key_id = @id AND private_key_pem = @plain",
                cancellationToken,
                ("@sealed", encryption.Protect(pem, context)),
                ("@id", id),
                ("@plain", pem)).ConfigureAwait(false);
        }

        foreach (var (name, content) in files.Where(f => SharedFile.IsSecret(f.Name) && !KeyEncryptionKey.IsProtected(f.Content)))
        {
            changed += await ExecuteAsync(
                "UPDATE shared_files SET content = @sealed WHERE name = @name AND content = @plain",
                cancellationToken,
                ("@sealed", Encoding.UTF8.GetBytes(encryption.Protect(content, SharedFileContext(name)))),
                ("@name", name),
                ("@plain", content)).ConfigureAwait(false);
        }

        return changed;
    }

    private static string SigningKeyContext(string keyId) => "signing_keys/" + keyId;

    private static string SharedFileContext(string name) => "shared_files/" + name;

    private string SealSigningKey(StoredSigningKey key) =>
        _keyEncryption?.Protect(key.PrivateKeyPem, SigningKeyContext(key.KeyId)) ?? key.PrivateKeyPem;

    private string OpenSigningKey(string keyId, string stored) =>
        KeyEncryptionKey.IsProtected(stored) ? Encoding.UTF8.GetString(Open(Encoding.UTF8.GetBytes(stored), SigningKeyContext(keyId))) : stored;

    private byte[] SealSharedFile(SharedFile file) =>
        _keyEncryption is { } encryption && SharedFile.IsSecret(file.Name)
            ? Encoding.UTF8.GetBytes(encryption.Protect(file.Content, SharedFileContext(file.Name)))
            : file.Content;

    private byte[] OpenSharedFile(string name, byte[] stored) => Open(stored, SharedFileContext(name));

    private byte[] Open(byte[] stored, string context)
    {
        if (!KeyEncryptionKey.IsProtected(stored))
        {
            return stored;
        }

        return _keyEncryption is { } encryption
            ? encryption.Unprotect(Encoding.UTF8.GetString(stored), context)
            : throw new KeyEncryptionException(
                $"The store keeps its private keys encrypted ({context}); give this instance the key-encryption key (WAHAROA_KEY_ENCRYPTION_KEY or --key-encryption-key-file).");
    }
}
