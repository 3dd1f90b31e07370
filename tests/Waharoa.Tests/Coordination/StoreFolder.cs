using Waharoa.Storage.Sqlite;

namespace Waharoa.Tests.Coordination;

/// <summary>A temporary folder holding one SQLite database that several instances open, as they would share a store.</summary>
internal sealed class StoreFolder : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "waharoa-coordination-" + Guid.NewGuid().ToString("N"));

    /// <summary>Opens the database: each call is another store object over the same file.</summary>
    public SqliteStore Open() => SqliteStore.Open(Path.Combine(_folder, "waharoa.db"));

    public void Dispose()
    {
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
