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
}
