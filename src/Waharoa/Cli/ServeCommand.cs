using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;
using Waharoa.Server.Data;
using Waharoa.Server.Endpoints;
using Waharoa.Server.Hosting;
using Waharoa.Server.Seeding;

namespace Waharoa.Cli;

/// <summary><c>waharoa serve</c>: starts both endpoints with development certificates and demo data.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var store = CommonOptions.Store();
        var desktopPort = new Option<int>("--desktop-port") { Description = "Port of the desktop endpoint (one-way TLS; IR uses 443)", DefaultValueFactory = _ => 4443 };
        var cloudPort = new Option<int>("--cloud-port") { Description = "Port of the cloud endpoint (mutual TLS)", DefaultValueFactory = _ => 4046 };
        var controlPort = new Option<int>("--control-port") { Description = "Port of the control API and the console (HTTPS)", DefaultValueFactory = _ => 4480 };
        var controlListen = new Option<string>("--control-listen")
        {
            Description = "Address of the control API and the console (default 127.0.0.1: this machine only, whatever --listen says)",
            DefaultValueFactory = _ => "127.0.0.1",
        };
        var listen = new Option<string>("--listen") { Description = "Address to listen on", DefaultValueFactory = _ => "127.0.0.1" };
        var noDemo = new Option<bool>("--no-demo") { Description = "Do not create the demo clients and users" };
        var demo = new Option<bool>("--demo")
        {
            Description = "Create the demo clients and users (published credentials) even when listening on a non-loopback address; never under production",
        };
        var environment = new Option<string>("--environment") { Description = "IR environment profile: mock, test or production", DefaultValueFactory = _ => "mock" };
        environment.AcceptOnlyFromAmong("mock", "test", "production");
        var config = new Option<FileInfo?>("--config") { Description = "JSON configuration: gateway routes to your own upstreams (YARP's ReverseProxy section)" };
        var seed = new Option<FileInfo[]>("--seed")
        {
            Description = "Seed file (YAML or JSON) of test data: clients, users, customers, accounts, delegations, client lists; may be repeated",
            AllowMultipleArgumentsPerToken = false,
        };
        var redis = CommonOptions.Redis();
        var command = store.Command("serve", "Run the desktop and cloud endpoints", desktopPort, cloudPort, controlPort, controlListen, listen, noDemo, demo, environment, config, seed, redis);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!IPAddress.TryParse(parse.GetValue(listen), out var address))
            {
                await Console.Error.WriteLineAsync($"error: --listen must be an IP address, not '{parse.GetValue(listen)}'.");
                return 2;
            }

            if (parse.GetValue(demo) && parse.GetValue(noDemo))
            {
                await Console.Error.WriteLineAsync("error: --demo and --no-demo contradict each other.");
                return 2;
            }

            var options = new WaharoaOptions
            {
                DataDirectory = parse.GetValue(store.Data)!,
                DesktopPort = parse.GetValue(desktopPort),
                CloudPort = parse.GetValue(cloudPort),
                ListenAddress = address,
                SeedDemoData = parse.GetValue(noDemo) ? false : parse.GetValue(demo) ? true : null,
                ConfigurationFile = parse.GetValue(config)?.FullName,
                Postgres = CommonOptions.ValueOrEnvironment(parse, store.Postgres),
                Redis = CommonOptions.ValueOrEnvironment(parse, redis),
                Store = CommonOptions.Security(parse, store.KeyFile, store.AllowPlaintext),
            };
            options.Control.Port = parse.GetValue(controlPort);
            if (!IPAddress.TryParse(parse.GetValue(controlListen), out _))
            {
                await Console.Error.WriteLineAsync($"error: --control-listen must be an IP address, not '{parse.GetValue(controlListen)}'.");
                return 2;
            }

            options.Control.Listen = parse.GetValue(controlListen)!;
            options.Gateway.Environment = Enum.Parse<GatewayEnvironment>(parse.GetValue(environment)!, ignoreCase: true);
            foreach (var file in parse.GetValue(seed) ?? [])
            {
                options.SeedFiles.Add(file.FullName);
            }

            WaharoaServer server;
            try
            {
                server = await WaharoaServer.StartAsync(options, cancellationToken: cancellationToken);
            }
            catch (StoreOpenException ex)
            {
                await Console.Error.WriteLineAsync($"error: store: {ex.Message}");
                return 2;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl+C or SIGTERM while starting (waiting for another instance, say): stop quietly.
                return 130;
            }
            catch (Npgsql.NpgsqlException ex)
            {
                await Console.Error.WriteLineAsync($"error: store: the PostgreSQL database failed while starting: {ex.Message}");
                return 2;
            }
            catch (System.Security.Cryptography.CryptographicException ex)
            {
                await Console.Error.WriteLineAsync($"error: a certificate or key in the data folder (or the shared database) is unusable: {ex.Message}");
                return 2;
            }
            catch (SeedException ex)
            {
                await Console.Error.WriteLineAsync($"error: seed: {ex.Message}");
                return 2;
            }
            catch (ArgumentException ex)
            {
                await Console.Error.WriteLineAsync($"error: {ex.Message}");
                return 2;
            }
            catch (IOException ex) when (ex.InnerException is AddressInUseException
                || ex.InnerException is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse })
            {
                var port = ex.Message.Contains($":{options.CloudPort}", StringComparison.Ordinal) ? options.CloudPort
                    : ex.Message.Contains($":{options.Control.Port}", StringComparison.Ordinal) ? options.Control.Port
                    : options.DesktopPort;
                var which = port == options.CloudPort ? "cloud" : port == options.Control.Port ? "control" : "desktop";
                var what = which == "control" ? "control API" : which + " endpoint";
                await Console.Error.WriteLineAsync(
                    $"error: port {port} ({what}) is already in use on {address}. Stop whatever holds it or choose another with --{which}-port.");
                return 3;
            }

            await using (server)
            {
                Console.Out.Write(Banner.Describe(server, options));
                await server.WaitForShutdownAsync(cancellationToken);
            }

            return 0;
        });
        return command;
    }
}
