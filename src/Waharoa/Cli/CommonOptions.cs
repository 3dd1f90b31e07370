using System.CommandLine;
using Waharoa.Server.Data;

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

    public static Option<FileInfo?> KeyEncryptionKeyFile() => new("--key-encryption-key-file")
    {
        Description = "A file holding the key that encrypts the store's private keys (required with --postgres, the same on every instance); default $WAHAROA_KEY_ENCRYPTION_KEY_FILE, or the key itself in $WAHAROA_KEY_ENCRYPTION_KEY",
    };

    public static Option<bool> AllowPlaintextPostgres() => new("--postgres-allow-plaintext")
    {
        Description = "Reach a PostgreSQL on another machine without TLS (refused otherwise); default $WAHAROA_POSTGRES_ALLOW_PLAINTEXT",
    };

    /// <summary>A verb taking <paramref name="symbols"/> (options and arguments) in this order.</summary>
    public static Command Verb(string name, string description, IEnumerable<Symbol> symbols)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        var command = new Command(name, description);
        foreach (var symbol in symbols)
        {
            switch (symbol)
            {
                case Option option:
                    command.Options.Add(option);
                    break;
                case Argument argument:
                    command.Arguments.Add(argument);
                    break;
                default:
                    throw new ArgumentException($"A verb takes options and arguments, not {symbol.GetType().Name}.", nameof(symbols));
            }
        }

        return command;
    }

    /// <summary>The options that name a store: <c>--data</c>, <c>--postgres</c> and how its secrets are kept.</summary>
    public static StoreOptions Store() => new(Data(), Postgres(), KeyEncryptionKeyFile(), AllowPlaintextPostgres());

    /// <summary>The store-security options as given; what is not given is read from the environment later.</summary>
    public static StoreSecurityOptions Security(ParseResult parse, Option<FileInfo?> keyFile, Option<bool> allowPlaintext)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return new StoreSecurityOptions
        {
            KeyEncryptionKeyFile = parse.GetValue(keyFile)?.FullName,
            AllowPlaintextPostgres = parse.GetValue(allowPlaintext) ? true : null,
        };
    }
}

/// <summary>The options that name the store a management verb works on.</summary>
internal sealed record StoreOptions(Option<string> Data, Option<string?> Postgres, Option<FileInfo?> KeyFile, Option<bool> AllowPlaintext)
{
    /// <summary>A verb that works on the store these options name: they come first, then <paramref name="others"/> (options and arguments).</summary>
    public Command Command(string name, string description, params Symbol[] others) =>
        CommonOptions.Verb(name, description, [Data, Postgres, KeyFile, AllowPlaintext, .. others]);
}
