using Waharoa.Server.Hosting;
using Waharoa.Storage.Sqlite;

namespace Waharoa.Cli;

/// <summary>Opens the store of a data folder for the management verbs; they work whether or not a server is running on it.</summary>
internal static class StoreAccess
{
    public static (DataFolder Folder, SqliteStore Store) Open(string dataDirectory)
    {
        var folder = new DataFolder(Path.GetFullPath(dataDirectory));
        return (folder, SqliteStore.Open(folder.Database));
    }
}
