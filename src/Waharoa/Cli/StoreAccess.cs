using System.CommandLine;
using Waharoa.Server.Data;
using Waharoa.Storage;

namespace Waharoa.Cli;

/// <summary>Opens the store of a data folder (or a PostgreSQL database) for the management verbs; they work whether or not a server is running on it.</summary>
internal static class StoreAccess
{
    /// <summary>
    /// The control API of the server running on the data folder the options name, through which a management verb makes its
    /// change (so the server sees it at once); null when none runs, or when the verb names a PostgreSQL database (the store
    /// it names is then the one changed, whatever runs on the data folder).
    /// </summary>
    public static async Task<ControlClient?> TryConnectAsync(ParseResult parse, StoreOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(options);
        if (CommonOptions.ValueOrEnvironment(parse, options.Postgres) is { Length: > 0 })
        {
            return null;
        }

        return await ControlClient.TryConnectAsync(new DataFolder(Path.GetFullPath(parse.GetValue(options.Data)!)), cancellationToken);
    }

    public static async Task<(DataFolder Folder, IWaharoaStore Store)> OpenAsync(ParseResult parse, StoreOptions options, CancellationToken cancellationToken)
    {
        var folder = new DataFolder(Path.GetFullPath(parse.GetValue(options.Data)!));
        return (folder, await WaharoaStores.OpenAsync(folder.Root, CommonOptions.ValueOrEnvironment(parse, options.Postgres), CommonOptions.Security(parse, options.KeyFile, options.AllowPlaintext), cancellationToken));
    }
}
