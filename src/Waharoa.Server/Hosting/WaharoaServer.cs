using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Waharoa.Server.Control;
using Waharoa.Server.Data;
using Waharoa.Server.Demo;
using Waharoa.Server.Sandbox;
using Waharoa.Storage;

namespace Waharoa.Server.Hosting;

/// <summary>
/// A running Waharoa: the desktop endpoint (one-way TLS) and the cloud endpoint (mutual TLS) on real Kestrel,
/// over the store in the data folder.
/// </summary>
public sealed class WaharoaServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ListenOptions _desktop;
    private readonly ListenOptions _cloud;
    private readonly ListenOptions? _control;
    private readonly SandboxHost? _sandbox;
    private readonly IWaharoaStore _store;

    internal WaharoaServer(
        WebApplication app, SandboxHost? sandbox, IWaharoaStore store, ListenOptions desktop, ListenOptions cloud, ListenOptions? control, DataFolder folder, DemoCredentials? demo,
        OperatorCredential? operatorCredential)
    {
        _control = control;
        OperatorCredential = operatorCredential?.Value;
        _app = app;
        _sandbox = sandbox;
        _store = store;
        _desktop = desktop;
        _cloud = cloud;
        Folder = folder;
        Demo = demo;
    }

    /// <summary>The data folder in use.</summary>
    public DataFolder Folder { get; }

    /// <summary>The demo credentials, when demo data was seeded.</summary>
    public DemoCredentials? Demo { get; }

    /// <summary>Which store the server uses, for people (no password).</summary>
    public string StoreDescription => WaharoaStores.Describe(_store, Folder);

    /// <summary>The service provider of the running server.</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>The desktop endpoint's base address.</summary>
    public Uri DesktopUrl => new($"https://localhost:{_desktop.IPEndPoint!.Port}");

    /// <summary>The loopback address of the sandbox services, reachable only with the gateway's key.</summary>
    internal Uri SandboxUrl => _sandbox?.Address ?? throw new InvalidOperationException("The sandbox services are off.");

    /// <summary>The control API's base address (null when it is off).</summary>
    public Uri? ControlUrl => _control is null ? null : new($"https://localhost:{_control.IPEndPoint!.Port}");

    /// <summary>The address and port the control API and the console listen on, or null when they are off.</summary>
    public System.Net.IPEndPoint? ControlEndPoint => _control?.IPEndPoint;

    /// <summary>The operator credential of the control API (null when it is off).</summary>
    public string? OperatorCredential { get; }

    /// <summary>The cloud endpoint's base address.</summary>
    public Uri CloudUrl => new($"https://localhost:{_cloud.IPEndPoint!.Port}");

    /// <summary>
    /// Prepares the data folder (certificates, keys, schema, demo data), binds both endpoints and starts serving.
    /// <paramref name="configureServices"/> may replace services, e.g. <see cref="TimeProvider"/> in tests.
    /// </summary>
    public static async Task<WaharoaServer> StartAsync(
        WaharoaOptions options,
        Action<IServiceCollection>? configureServices = null,
        Action<ILoggingBuilder>? configureLogging = null,
        IConfiguration? configuration = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var folder = new DataFolder(Path.GetFullPath(options.DataDirectory));
        folder.Secure();

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = folder.Root });
        builder.WebHost.UseKestrelCore();
        if (options.ConfigurationFile is not null)
        {
            builder.Configuration.AddJsonFile(Path.GetFullPath(options.ConfigurationFile), optional: false, reloadOnChange: false);
        }

        if (configuration is not null)
        {
            builder.Configuration.AddConfiguration(configuration);
        }

        // Lifetimes and per-feature settings may come from the configuration's "Waharoa" section (serve --config).
        var section = builder.Configuration.GetSection("Waharoa");
        if (section.Exists())
        {
            options.Bind(section);
            options.Validate();
        }

        builder.Services.AddRoutingCore();
        ConfigureLogging(builder.Logging);
        configureLogging?.Invoke(builder.Logging);
        builder.Services.TryAddSingleton(TimeProvider.System);
        var store = await WaharoaStores.OpenAsync(folder.Root, options.Postgres, options.Store, cancellationToken);
        IAsyncDisposable? startupLock = null;
        try
        {
            // Instances starting together on one shared store prepare certificates, keys and demo data one at a time.
            startupLock = await StartupLock.AcquireAsync(store, configureLogging, cancellationToken);
            var server = await ServerStartup.StartAsync(options, folder, builder, store, configureServices, configureLogging, cancellationToken);
            await startupLock.DisposeAsync();
            return server;
        }
        catch
        {
            if (startupLock is not null)
            {
                await startupLock.DisposeAsync();
            }

            await store.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits until the server is asked to stop (Ctrl+C, SIGTERM).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }

        await _store.DisposeAsync();
    }

    /// <summary>Waharoa's logging (one line per entry, the framework's own at warnings), for each host in the process.</summary>
    internal static void ConfigureLogging(ILoggingBuilder logging)
    {
        logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        logging.SetMinimumLevel(LogLevel.Information);

        // Request lines carry query strings (codes, states); keep the framework's request logging out.
        logging.AddFilter("Microsoft", LogLevel.Warning);
        logging.AddFilter("Yarp", LogLevel.Warning);

        // Nothing of the hosting layer's request diagnostics is logged at all: while its logger is on at any level, ASP.NET
        // Core starts an Activity for every request (and the gateway's HttpClient a child one, with a traceparent header
        // for the upstream), work and memory on every call that no one reads.
        logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);

        // The gateway logs every forwarding failure itself, at the level its cause deserves: a client that hung up
        // mid-body is no warning, an upstream that failed is one (GatewayPipeline).
        logging.AddFilter("Yarp.ReverseProxy.Forwarder.HttpForwarder", LogLevel.Error);

        // Keys are kept in the data folder by design (a sandbox has no key vault); the warning would only alarm.
        logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);

        // A failed start (a port in use) reaches the caller as an exception and is reported there, in one line.
        logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
    }
}
