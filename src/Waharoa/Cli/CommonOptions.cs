using System.CommandLine;

namespace Waharoa.Cli;

/// <summary>Options shared by every verb.</summary>
internal static class CommonOptions
{
    public static Option<string> Data() => new("--data")
    {
        Description = "The data folder (database, certificates, keys, demo.json)",
        DefaultValueFactory = _ => ".waharoa",
    };

    public static Option<string?> Postgres() => new("--postgres")
    {
        Description = "A PostgreSQL connection string (Host=…;Database=…;Username=…;Password=…) instead of the data folder's SQLite; default $WAHAROA_POSTGRES",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("WAHAROA_POSTGRES"),
    };

    public static Option<string?> Redis() => new("--redis")
    {
        Description = "A Redis configuration string (host:port,password=…) shared by several instances; default $WAHAROA_REDIS",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("WAHAROA_REDIS"),
    };

    /// <summary>The options that name a store: <c>--data</c> and <c>--postgres</c>.</summary>
    public static StoreOptions Store() => new(Data(), Postgres());
}

/// <summary>The options that name the store a management verb works on.</summary>
internal sealed record StoreOptions(Option<string> Data, Option<string?> Postgres);
