using System.CommandLine;
using Waharoa.Cli;
using Waharoa.Server.Data;

try
{
    return await WaharoaCommandLine.Build().Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (StoreOpenException ex)
{
    // An unreachable or too-new database is the user's to fix: one line, no stack trace.
    await Console.Error.WriteLineAsync($"error: store: {ex.Message}");
    return 2;
}
