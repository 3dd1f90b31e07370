using System.CommandLine;
using Waharoa.Bench.Load;
using Waharoa.Bench.Tokens;
using Waharoa.Bench.Workloads;

namespace Waharoa.Bench.Cli;

/// <summary>
/// <c>load --workload NAME …</c>: gets each worker its tokens, runs the warm-up and the measured window, and prints one
/// tab-separated line (<see cref="LoadResult.ToTsv"/>) on standard output; progress and errors go to standard error.
/// </summary>
internal static class LoadCommand
{
    public static Command Create()
    {
        var workload = new Option<string>("--workload") { Required = true, Description = string.Join(", ", BenchWorkloads.Names) };
        workload.AcceptOnlyFromAmong(BenchWorkloads.Names);
        var connections = new Option<int>("--connections") { DefaultValueFactory = _ => 32 };
        var duration = new Option<double>("--duration") { DefaultValueFactory = _ => 10, Description = "Seconds measured" };
        var warmup = new Option<double>("--warmup") { DefaultValueFactory = _ => 2, Description = "Seconds of load before the measured window" };
        var data = new Option<string>("--data") { Required = true, Description = "The data folder of the Waharoa under test" };
        var desktopPort = new Option<int>("--desktop-port") { Required = true };
        var cloudPort = new Option<int>("--cloud-port") { Required = true };
        var upstreamPort = new Option<int>("--upstream-port");
        var oidcPort = new Option<int>("--oidc-port");
        var nginxPort = new Option<int>("--nginx-port");
        var floorPort = new Option<int>("--floor-port");
        var alsoPids = new Option<int[]>("--also-pid") { Description = "Other processes of the system under test (the upstream), not counted as outside load" };
        var label = new Option<string?>("--name") { Description = "The row's name in the results (default: the workload's)" };
        var serverPid = new Option<int?>("--server-pid") { Description = "The serving process, whose CPU time is reported" };
        var command = new Command("load", "Measure one workload")
        {
            workload, connections, duration, warmup, data, desktopPort, cloudPort, upstreamPort, oidcPort, nginxPort, floorPort, serverPid, alsoPids, label,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var name = parse.GetValue(workload)!;
            var workers = parse.GetValue(connections);
            using var waharoa = new WaharoaTarget(parse.GetValue(data)!, parse.GetValue(desktopPort), parse.GetValue(cloudPort));
            var (load, http) = BenchWorkloads.Create(
                name, waharoa, workers, parse.GetValue(upstreamPort), parse.GetValue(oidcPort), parse.GetValue(nginxPort), parse.GetValue(floorPort));
            using (http)
            {
                var states = await load.PrepareAsync(workers, cancellationToken);
                var result = await LoadRunner.RunAsync(
                    parse.GetValue(label) ?? name, load, http, states, TimeSpan.FromSeconds(parse.GetValue(warmup)), TimeSpan.FromSeconds(parse.GetValue(duration)),
                    parse.GetValue(serverPid), parse.GetValue(alsoPids) ?? [], cancellationToken);
                Console.WriteLine(result.ToTsv());
                return result.Requests > 0 ? 0 : 1;
            }
        });
        return command;
    }
}
