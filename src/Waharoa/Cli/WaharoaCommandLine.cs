using System.CommandLine;

namespace Waharoa.Cli;

/// <summary>The <c>waharoa</c> command line: <c>serve</c> and the management verbs.</summary>
internal static class WaharoaCommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Waharoa: a self-hostable, wire-compatible Inland Revenue Gateway Services access layer for DSP development and CI.");
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(ClientsCommand.Create());
        root.Subcommands.Add(UsersCommand.Create());
        root.Subcommands.Add(ConsentsCommand.Create());
        root.Subcommands.Add(SeedCommand.Create());
        root.Subcommands.Add(KeysCommand.Create());
        root.Subcommands.Add(CertsCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(ClockCommand.Create());
        root.Subcommands.Add(ScenariosCommand.Create());
        root.Subcommands.Add(CallsCommand.Create());
        root.Subcommands.Add(CallsCommand.Behaviour());
        return root;
    }
}
