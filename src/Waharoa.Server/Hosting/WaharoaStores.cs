using Waharoa.Storage;
using Waharoa.Storage.Sqlite;

namespace Waharoa.Server.Hosting;

/// <summary>Opens the store the options name: PostgreSQL when a connection string is given, else the data folder's SQLite.</summary>
public static class WaharoaStores
{
    /// <summary>Opens (creating and upgrading the schema when needed) the store of <paramref name="dataDirectory"/> or <paramref name="postgres"/>.</summary>
    public static async Task<IWaharoaStore> OpenAsync(string dataDirectory, string? postgres, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(postgres))
        {
            await Task.CompletedTask;
            throw new ArgumentException("PENDING-PG");
        }

        return SqliteStore.Open(new DataFolder(Path.GetFullPath(dataDirectory)).Database);
    }

    /// <summary>Names the store for people: its provider and where it is, never a password.</summary>
    public static string Describe(IWaharoaStore store, DataFolder folder)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(folder);
        return store.IsShared ? $"{store.Provider} (shared by every instance on it)" : $"{store.Provider} ({folder.Database})";
    }
}
