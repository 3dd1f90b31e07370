using Waharoa.Storage.Sqlite;

namespace Waharoa.Tests.Coordination;

/// <summary>A temporary folder holding one SQLite database that several instances open, as they would share a store.</summary>
internal sealed class StoreFolder : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "waharoa-coordination-" + Guid.NewGuid().ToString("N"));

    private readonly List<SqliteStore> _opened = [];

    /// <summary>Opens the database: each call is another store object over the same file, closed with the folder.</summary>
    public SqliteStore Open()
    {
        var store = SqliteStore.Open(Path.Combine(_folder, "waharoa.db"));
        lock (_opened)
        {
            _opened.Add(store);
        }

        return store;
    }

    public void Dispose()
    {
        foreach (var store in _opened)
        {
            // Closing twice is harmless: an instance may have closed its store already.
            store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A connection still closing; the temp folder is cleaned by the OS.
        }
    }
}
