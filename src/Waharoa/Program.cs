using System.CommandLine;
using System.CommandLine.Parsing;
using Waharoa.Cli;
using Waharoa.Server.Data;

try
{
    var parse = WaharoaCommandLine.Build().Parse(args);

    // --help clears the other parse errors; what it cannot clear is a word or option nothing knows.
    var errors = parse.Errors.Select(e => e.Message).Concat(parse.Errors.Count == 0 ? parse.UnmatchedTokens.Select(t => $"Unrecognized command or argument '{t}'.") : []).ToList();
    if (errors.Count > 0)
    {
        // An unknown verb or option, or a missing or bad value, is a usage error (exit 2), also when --help is asked for.
        foreach (var error in errors)
        {
            await Console.Error.WriteLineAsync($"error: {error}");
        }

        var verb = new List<string>();
        for (var result = parse.CommandResult; result.Parent is CommandResult parent; result = parent)
        {
            verb.Insert(0, result.Command.Name);
        }

        await Console.Error.WriteLineAsync($"Run 'waharoa {string.Join(' ', verb.Append("--help"))}' for usage.");
        return 2;
    }

    return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (StoreOpenException ex)
{
    // An unreachable or too-new database is the user's to fix: one line, no stack trace.
    await Console.Error.WriteLineAsync($"error: store: {ex.Message}");
    return 2;
}
