using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Waharoa.Server.Endpoints;
using Waharoa.Server.Hosting;

namespace Waharoa.Testing;

/// <summary>
/// A real Waharoa on real Kestrel and real TLS, bound to 127.0.0.1 on free ports, with its own data folder
/// and demo data; optionally on a <see cref="FakeTimeProvider"/>. Disposing stops it and deletes the folder.
/// </summary>
public sealed class WaharoaTestHost : WaharoaEndpoints, IAsyncDisposable
{
    private readonly bool _ownsFolder;

    private WaharoaTestHost(WaharoaServer server, FakeTimeProvider? time, string dataDirectory, bool ownsFolder)
        : base(server.Folder)
    {
        Server = server;
        Time = time;
        DataDirectory = dataDirectory;
        _ownsFolder = ownsFolder;
    }

    public WaharoaServer Server { get; }

    public FakeTimeProvider? Time { get; }

    public string DataDirectory { get; }

    public override Uri DesktopUrl => Server.DesktopUrl;

    public override Uri CloudUrl => Server.CloudUrl;

    /// <summary>The control API's base address.</summary>
    public Uri ControlUrl => Server.ControlUrl ?? throw new InvalidOperationException("The control API is off.");

    /// <summary>An HTTP client for the control API (from loopback, so no operator credential unless the host was told otherwise).</summary>
    public HttpClient CreateControlClient() => CreateControlClient(ControlUrl);

    /// <summary>
    /// Starts a host. Pass <paramref name="dataDirectory"/> to reuse a folder (it is then not deleted), and
    /// <paramref name="logs"/> to keep Waharoa's own entries from Debug up and the others as the server's filters let
    /// them through (what its console would show).
    /// </summary>
    public static async Task<WaharoaTestHost> StartAsync(
        FakeTimeProvider? time = null, Action<WaharoaOptions>? configure = null, string? dataDirectory = null, Action<IServiceCollection>? services = null,
        IConfiguration? configuration = null, LogRecorder? logs = null)
    {
        var ownsFolder = dataDirectory is null;
        dataDirectory ??= Path.Combine(Path.GetTempPath(), "waharoa-test-" + Guid.NewGuid().ToString("N"));
        var options = new WaharoaOptions { DataDirectory = dataDirectory, DesktopPort = 0, CloudPort = 0, Control = { Port = 0 } };
        configure?.Invoke(options);
        if (ownsFolder && options.Gateway.Environment == GatewayEnvironment.Production && options.SeedDemoData is null)
        {
            // The production profile never creates the demo data; as an operator would, create it first under another.
            var first = new WaharoaOptions { DataDirectory = dataDirectory, DesktopPort = 0, CloudPort = 0, Control = { Port = 0 } };
            await (await WaharoaServer.StartAsync(first)).DisposeAsync();
        }

        var server = await WaharoaServer.StartAsync(
            options,
            s =>
            {
                if (time is not null)
                {
                    s.AddSingleton<TimeProvider>(time);
                }

                services?.Invoke(s);
            },
            logging =>
            {
                logging.SetMinimumLevel(LogLevel.Warning);
                if (logs is not null)
                {
                    // A rule naming the provider wins over the server's rules for the categories it covers, and only those.
                    logging.AddProvider(logs);
                    logging.AddFilter<LogRecorder>("Waharoa", LogLevel.Debug);
                }
            },
            configuration);
        return new WaharoaTestHost(server, time, dataDirectory, ownsFolder);
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Dispose();
        if (_ownsFolder)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still open on a slow shutdown; the temp folder is cleaned by the OS.
            }
        }
    }
}
