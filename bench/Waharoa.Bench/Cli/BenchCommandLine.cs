using System.CommandLine;

namespace Waharoa.Bench.Cli;

/// <summary>The load generator's verbs, driven by <c>bench/run</c>.</summary>
internal static class BenchCommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand("Waharoa's benchmark tool: free ports, a trivial upstream, the load generator and the report.");
        root.Subcommands.Add(PortsCommand.Create());
        root.Subcommands.Add(UpstreamCommand.Create());
        root.Subcommands.Add(FloorCommand.Create());
        root.Subcommands.Add(LoadCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        return root;
    }
}
