using System.CommandLine;
using Waharoa.Server.Data;
using Waharoa.Storage;

namespace Waharoa.Cli;

/// <summary>Opens the store of a data folder (or a PostgreSQL database) for the management verbs; they work whether or not a server is running on it.</summary>
internal static class StoreAccess
{
    public static async Task<(DataFolder Folder, IWaharoaStore Store)> OpenAsync(ParseResult parse, StoreOptions options, CancellationToken cancellationToken)
    {
        var folder = new DataFolder(Path.GetFullPath(parse.GetValue(options.Data)!));
        return (folder, await WaharoaStores.OpenAsync(folder.Root, CommonOptions.ValueOrEnvironment(parse, options.Postgres), CommonOptions.Security(parse, options.KeyFile, options.AllowPlaintext), cancellationToken));
    }
}
