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

    // No default value factories here: help would print the environment's passwords as defaults.
    public static Option<string?> Postgres() => new("--postgres")
    {
        Description = "A PostgreSQL connection string (Host=…;Database=…;Username=…;Password=…) instead of the data folder's SQLite; default $WAHAROA_POSTGRES",
    };

    public static Option<string?> Redis() => new("--redis")
    {
        Description = "A Redis configuration string (host:port,password=…) shared by several instances; default $WAHAROA_REDIS",
    };

    /// <summary>The option's value, else the environment variable's (<c>--postgres</c>: WAHAROA_POSTGRES, <c>--redis</c>: WAHAROA_REDIS).</summary>
    public static string? ValueOrEnvironment(ParseResult parse, Option<string?> option)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(option);
        var variable = option.Name == "--postgres" ? "WAHAROA_POSTGRES" : "WAHAROA_REDIS";
        return parse.GetValue(option) is { Length: > 0 } value ? value : Environment.GetEnvironmentVariable(variable);
    }

    /// <summary>The options that name a store: <c>--data</c> and <c>--postgres</c>.</summary>
    public static StoreOptions Store() => new(Data(), Postgres());
}

/// <summary>The options that name the store a management verb works on.</summary>
internal sealed record StoreOptions(Option<string> Data, Option<string?> Postgres);
