using Waharoa.Storage;
using Waharoa.Storage.Sqlite;

namespace Waharoa.Server.Data;

/// <summary>Opens the store the options name: PostgreSQL when a connection string is given, else the data folder's SQLite.</summary>
public static class WaharoaStores
{
    /// <summary>Opens (creating and upgrading the schema when needed) the store of <paramref name="dataDirectory"/> or <paramref name="postgres"/>.</summary>
    /// <exception cref="StoreOpenException">The database is unreachable, its connection string unreadable, or its schema newer than this build's.</exception>
    public static async Task<IWaharoaStore> OpenAsync(string dataDirectory, string? postgres, CancellationToken cancellationToken)
    {
        try
        {
            if (!string.IsNullOrWhiteSpace(postgres))
            {
                return await Storage.Postgres.PostgresStore.OpenAsync(postgres, cancellationToken);
            }

            return SqliteStore.Open(new DataFolder(Path.GetFullPath(dataDirectory)).Database);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or Microsoft.Data.Sqlite.SqliteException)
        {
            throw new StoreOpenException(ex.Message, ex);
        }
    }

    /// <summary>Names the store for people: its provider and where it is, never a password.</summary>
    public static string Describe(IWaharoaStore store, DataFolder folder)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(folder);
        return store.IsShared ? $"{store.Provider} (shared by every instance on it)" : $"{store.Provider} ({folder.Database})";
    }
}

/// <summary>The store could not be opened; the message says why, for people, and names no password.</summary>
public sealed class StoreOpenException(string message, Exception innerException) : Exception(message, innerException);
