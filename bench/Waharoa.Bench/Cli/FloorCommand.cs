using System.CommandLine;
using Waharoa.Bench.Upstream;

namespace Waharoa.Bench.Cli;

/// <summary><c>floor --port P --upstream-port U --data DIR</c>: runs the framework-only proxy until stopped.</summary>
internal static class FloorCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Required = true };
        var upstreamPort = new Option<int>("--upstream-port") { Required = true };
        var data = new Option<string>("--data") { Required = true, Description = "Waharoa's data folder, whose certificates it uses" };
        var command = new Command("floor", "Run Waharoa's cloud listener in front of a bare YARP forwarder to the upstream, on 127.0.0.1") { port, upstreamPort, data };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await FloorProxy.RunAsync(parse.GetValue(port), parse.GetValue(upstreamPort), parse.GetValue(data)!, cancellationToken);
            return 0;
        });
        return command;
    }
}
