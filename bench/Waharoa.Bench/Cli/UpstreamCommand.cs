using System.CommandLine;
using Waharoa.Bench.Upstream;

namespace Waharoa.Bench.Cli;

/// <summary><c>upstream --port P</c>: runs the trivial upstream until stopped.</summary>
internal static class UpstreamCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Required = true };
        var command = new Command("upstream", "Run the trivial upstream on 127.0.0.1") { port };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await TrivialUpstream.RunAsync(parse.GetValue(port), cancellationToken);
            return 0;
        });
        return command;
    }
}
