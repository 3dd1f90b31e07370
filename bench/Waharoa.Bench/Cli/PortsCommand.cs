using System.CommandLine;
using System.Net;
using System.Net.Sockets;

namespace Waharoa.Bench.Cli;

/// <summary><c>ports --count N</c>: N distinct free TCP ports on 127.0.0.1, one a line.</summary>
internal static class PortsCommand
{
    public static Command Create()
    {
        var count = new Option<int>("--count") { DefaultValueFactory = _ => 1 };
        var command = new Command("ports", "Print free loopback ports") { count };
        command.SetAction(parse =>
        {
            // Hold every listener until all are chosen, so the ports differ.
            var listeners = Enumerable.Range(0, parse.GetValue(count)).Select(_ =>
            {
                var listener = new TcpListener(IPAddress.Loopback, 0);
                listener.Start();
                return listener;
            }).ToList();
            foreach (var listener in listeners)
            {
                Console.WriteLine(((IPEndPoint)listener.LocalEndpoint).Port);
                listener.Stop();
            }

            return 0;
        });
        return command;
    }
}
