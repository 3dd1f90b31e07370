using Waharoa.Security;
using Waharoa.Storage;
using Waharoa.Storage.Postgres;
using Waharoa.Storage.Sql;
using Waharoa.Storage.Sqlite;

namespace Waharoa.Server.Data;

/// <summary>
/// How the store keeps its secrets: the operator's key-encryption key (which encrypts the private keys the store
/// holds) and whether a PostgreSQL elsewhere may be reached without TLS. Each value unset here is read from the
/// environment: <c>WAHAROA_KEY_ENCRYPTION_KEY</c>, <c>WAHAROA_KEY_ENCRYPTION_KEY_FILE</c>, <c>WAHAROA_POSTGRES_ALLOW_PLAINTEXT</c>.
/// </summary>
public sealed class StoreSecurityOptions
{
    /// <summary>The key-encryption key itself: a secret of 32 characters or more (<c>openssl rand -base64 32</c>).</summary>
    public string? KeyEncryptionKey { get; set; }

    /// <summary>A file holding the key-encryption key (owner-only, e.g. a mounted secret).</summary>
    public string? KeyEncryptionKeyFile { get; set; }

    /// <summary>True lets a PostgreSQL that is not on this machine be reached without TLS.</summary>
    public bool? AllowPlaintextPostgres { get; set; }

    /// <summary>The operator's key-encryption key, from these options or the environment; null when none is given.</summary>
    /// <exception cref="StoreOpenException">The key is too short or its file unreadable.</exception>
    public KeyEncryptionKey? OperatorKey()
    {
        var secret = KeyEncryptionKey ?? Environment.GetEnvironmentVariable("WAHAROA_KEY_ENCRYPTION_KEY");
        var file = KeyEncryptionKeyFile ?? Environment.GetEnvironmentVariable("WAHAROA_KEY_ENCRYPTION_KEY_FILE");
        try
        {
            if (string.IsNullOrWhiteSpace(secret) && !string.IsNullOrWhiteSpace(file))
            {
                secret = File.ReadAllText(file);
            }

            return string.IsNullOrWhiteSpace(secret) ? null : Security.KeyEncryptionKey.FromSecret(secret);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new StoreOpenException($"The key-encryption key: {ex.Message}", ex);
        }
    }

    /// <summary>True when plain text to a PostgreSQL elsewhere is allowed (these options, else the environment).</summary>
    public bool PlaintextPostgresAllowed() =>
        AllowPlaintextPostgres ?? Environment.GetEnvironmentVariable("WAHAROA_POSTGRES_ALLOW_PLAINTEXT") is "true" or "1";
}

/// <summary>Opens the store the options name: PostgreSQL when a connection string is given, else the data folder's SQLite.</summary>
public static class WaharoaStores
{
    /// <summary>
    /// Opens (creating and upgrading the schema when needed) the store of <paramref name="dataDirectory"/> or
    /// <paramref name="postgres"/>, with its private keys encrypted: by the operator's key-encryption key, which a
    /// shared (PostgreSQL) store requires, or for SQLite without one by a key the data folder keeps
    /// (<c>keys/key-encryption.key</c>, 0600). Keys stored in plain text before are encrypted on the way.
    /// </summary>
    /// <exception cref="StoreOpenException">
    /// The database is unreachable, its connection string unreadable or without TLS to another machine, its schema newer
    /// than this build's, the key-encryption key missing for a shared store or not the one its keys were encrypted with.
    /// </exception>
    public static async Task<IWaharoaStore> OpenAsync(string dataDirectory, string? postgres, StoreSecurityOptions? security, CancellationToken cancellationToken)
    {
        security ??= new StoreSecurityOptions();
        var folder = new DataFolder(Path.GetFullPath(dataDirectory));
        var key = security.OperatorKey();
        SqlStore? store = null;
        try
        {
            if (!string.IsNullOrWhiteSpace(postgres))
            {
                PostgresTransport.Check(postgres, security.PlaintextPostgresAllowed());
                if (key is null)
                {
                    throw new StoreOpenException(
                        "A shared PostgreSQL store keeps its private keys encrypted with a key you give every instance: set WAHAROA_KEY_ENCRYPTION_KEY " +
                        $"(at least {Security.KeyEncryptionKey.MinimumSecretLength} characters, e.g. `openssl rand -base64 32`) or --key-encryption-key-file <file>, the same on every instance.",
                        null);
                }

                store = await PostgresStore.OpenAsync(postgres, cancellationToken);
            }
            else
            {
                key ??= FolderKey(folder);
                store = SqliteStore.Open(folder.Database);
            }

            await store.UseKeyEncryptionAsync(key, cancellationToken);
            return store;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or Microsoft.Data.Sqlite.SqliteException)
        {
            if (store is not null)
            {
                await store.DisposeAsync();
            }

            throw new StoreOpenException(ex.Message, ex);
        }
        catch
        {
            if (store is not null)
            {
                await store.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>Names the store for people: its provider and where it is, never a password.</summary>
    public static string Describe(IWaharoaStore store, DataFolder folder)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(folder);
        return store.IsShared ? $"{store.Provider} (shared by every instance on it)" : $"{store.Provider} ({folder.Database})";
    }

    // An embedded store without the operator's key: one of the folder's own, so a copy of the database alone opens no key.
    private static KeyEncryptionKey FolderKey(DataFolder folder)
    {
        OwnerOnlyFiles.Folder(folder.Keys);
        OwnerOnlyFiles.TryCreateText(folder.KeyEncryptionKey, Security.KeyEncryptionKey.NewSecret());
        OwnerOnlyFiles.Restrict(folder.KeyEncryptionKey);
        return Security.KeyEncryptionKey.FromSecret(File.ReadAllText(folder.KeyEncryptionKey));
    }
}

/// <summary>The store could not be opened; the message says why, for people, and names no password.</summary>
public sealed class StoreOpenException(string message, Exception? innerException) : Exception(message, innerException);
