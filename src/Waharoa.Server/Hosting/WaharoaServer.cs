using System.Security.Authentication;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Waharoa.Grants;
using Waharoa.Server.Authorization;
using Waharoa.Server.Coordination;
using Waharoa.Server.Demo;
using Microsoft.Extensions.Configuration;
using Waharoa.Server.Errors;
using Waharoa.Server.Gateway;
using Waharoa.Server.Keys;
using Waharoa.Server.Observability;
using Waharoa.Server.Sandbox;
using Waharoa.Server.Seeding;
using Waharoa.Server.Start;
using Waharoa.Server.TokenRequests;
using Waharoa.Server.Xiams;
using Waharoa.Storage;
using Waharoa.Storage.Sqlite;
using Waharoa.Tokens;

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
    private readonly SandboxHost _sandbox;
    private readonly IWaharoaStore _store;

    private WaharoaServer(WebApplication app, SandboxHost sandbox, IWaharoaStore store, ListenOptions desktop, ListenOptions cloud, DataFolder folder, DemoCredentials? demo)
    {
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
    internal Uri SandboxUrl => _sandbox.Address;

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
        Directory.CreateDirectory(folder.Root);

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

        // Lifetimes and per-dialect settings may come from the configuration's "Waharoa" section (serve --config).
        var section = builder.Configuration.GetSection("Waharoa");
        if (section.Exists())
        {
            try
            {
                section.Bind(options);
            }
            catch (InvalidOperationException ex)
            {
                throw new ArgumentException($"The configuration's Waharoa section: {ex.Message}", ex);
            }

            options.Validate();
        }

        builder.Services.AddRoutingCore();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        builder.Logging.SetMinimumLevel(LogLevel.Information);

        // Request lines carry query strings (codes, states); keep the framework's request logging out.
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("Yarp", LogLevel.Warning);

        // Keys are kept in the data folder by design (a sandbox has no key vault); the warning would only alarm.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);

        // A failed start (a port in use) reaches the caller as an exception and is reported there, in one line.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        configureLogging?.Invoke(builder.Logging);

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(options);
        var store = await WaharoaStores.OpenAsync(folder.Root, options.Postgres, cancellationToken);
        IAsyncDisposable? startupLock = null;
        try
        {
            // Instances starting together on one shared store prepare certificates, keys and demo data one at a time.
            startupLock = await AcquireStartupLockAsync(store, configureLogging, cancellationToken);
            var server = await StartLockedAsync(options, folder, builder, store, configureServices, configureLogging, cancellationToken);
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

    /// <summary>The store's start-up lock; says so in the log while another instance holds it.</summary>
    private static async Task<IAsyncDisposable> AcquireStartupLockAsync(IWaharoaStore store, Action<ILoggingBuilder>? configureLogging, CancellationToken cancellationToken)
    {
        var acquiring = store.AcquireStartupLockAsync(cancellationToken);
        if (await Task.WhenAny(acquiring, Task.Delay(TimeSpan.FromSeconds(2), cancellationToken)) == acquiring)
        {
            return await acquiring;
        }

        using var logging = LoggerFactory.Create(b =>
        {
            b.AddSimpleConsole(o => o.SingleLine = true);
            configureLogging?.Invoke(b);
        });
        var logger = logging.CreateLogger<WaharoaServer>();
        do
        {
            logger.LogWarning("Waiting for another instance to finish starting on this {Provider} database.", store.Provider);
        }
        while (await Task.WhenAny(acquiring, Task.Delay(TimeSpan.FromSeconds(10), cancellationToken)) != acquiring);

        return await acquiring;
    }

    private static async Task<WaharoaServer> StartLockedAsync(
        WaharoaOptions options,
        DataFolder folder,
        WebApplicationBuilder builder,
        IWaharoaStore store,
        Action<IServiceCollection>? configureServices,
        Action<ILoggingBuilder>? configureLogging,
        CancellationToken cancellationToken)
    {
        if (store.IsShared)
        {
            await SharedFolderFiles.DownloadAsync(store, folder, cancellationToken);
        }

        builder.Services.AddWaharoaCoordination(store, options.Redis);
        builder.Services.AddSingleton<JwtSigner>();
        builder.Services.AddWaharoaObservability();

        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("Waharoa");
        if (store.IsShared)
        {
            builder.Services.Configure<KeyManagementOptions>(o => o.XmlRepository = new StoreXmlRepository(store, TimeProvider.System));
        }
        else
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(folder.DataProtectionKeys));
        }
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "myir_antiforgery";
            o.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.Always;
            o.FormFieldName = "__RequestVerificationToken";
            o.SuppressXFrameOptionsHeader = true;
        });

        builder.Services.AddSingleton<LogonSessions>();
        builder.Services.AddSingleton<LogonLockout>();
        builder.Services.AddSingleton<AuthorizationFlow>();
        builder.Services.AddSingleton<ClientAuthenticator>();
        builder.Services.AddSingleton<XiamsTokenFactory>();
        builder.Services.AddSingleton<XiamsTokenEndpoint>();
        builder.Services.AddSingleton<XiamsTokenReader>();
        builder.Services.AddSingleton<IssuedTokenLookup>();
        builder.Services.AddSingleton<IAuthorizationDialect, XiamsDialect>();
        builder.Services.AddStart();

        // Last, so that a caller's registrations (a virtual clock, a store) take precedence.
        configureServices?.Invoke(builder.Services);
        var time = TimeOfServices(builder.Services);
        var sandbox = await SandboxHost.StartAsync(store, time, logging =>
        {
            logging.AddSimpleConsole(o => o.SingleLine = true);
            logging.AddFilter("Microsoft", LogLevel.Warning);
            configureLogging?.Invoke(logging);
        }, cancellationToken);

        // Whatever fails from here on (a port in use, a seed file, the store) stops what was started before it.
        WebApplication? started = null;
        try
        {
            builder.Services.AddWaharoaGateway(options.Gateway, builder.Configuration, sandbox.ProxyConfig());
            var certificates = ServerCertificates.LoadOrCreate(folder, time);
            if (store.IsShared)
            {
                await SharedFolderFiles.UploadAsync(store, folder, time.GetUtcNow(), cancellationToken);
            }

            builder.Services.AddSingleton(certificates);
            builder.Services.AddSingleton(await SigningKeyRing.LoadAsync(store, folder.Keys, time, cancellationToken));
            builder.Services.AddSingleton<SigningKeyRefresh>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<SigningKeyRefresh>());

            ListenOptions? desktop = null, cloud = null;
            builder.WebHost.ConfigureKestrel(kestrel =>
            {
                kestrel.AddServerHeader = false;
                desktop = Listen(kestrel, options.ListenAddress, options.DesktopPort, GatewayEndpoint.Desktop, certificates, time);
                cloud = Listen(kestrel, options.ListenAddress, options.CloudPort, GatewayEndpoint.Cloud, certificates, time);
            });

            var app = builder.Build();
            app.UseInternalErrorJson();
            app.UseRouting();
            app.UseWaharoaRequestMetrics();
            app.MapXiams();
            app.MapStart();
            app.MapAuthorizationPages();
            app.MapJwks();
            app.MapWaharoaObservability();
            app.MapDemoCallback();
            app.MapWaharoaGateway();

            await app.StartAsync(cancellationToken);
            started = app;

            // Seeded after binding so that, with port 0, the demo callback carries the port actually bound.
            DemoCredentials? demo = null;
            if (options.SeedDemoData)
            {
                demo = await DemoData.EnsureAsync(folder, certificates, store, store, desktop!.IPEndPoint!.Port, time, cancellationToken);
                if (store.IsShared)
                {
                    await SharedFolderFiles.UploadAsync(store, folder, time.GetUtcNow(), cancellationToken);
                }
            }

            var seeds = new SeedLoader(store, store, store, time);
            if (options.SeedDemoData)
            {
                await DemoSeeds.ApplyAsync(seeds, cancellationToken);
            }

            foreach (var file in options.SeedFiles)
            {
                await seeds.ApplyFileAsync(Path.GetFullPath(file), cancellationToken);
            }

            return new WaharoaServer(app, sandbox, store, desktop!, cloud!, folder, demo);
        }
        catch
        {
            if (started is not null)
            {
                await started.StopAsync(CancellationToken.None);
                await started.DisposeAsync();
            }

            await sandbox.DisposeAsync();
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
        await _sandbox.DisposeAsync();
        await _store.DisposeAsync();
    }

    /// <summary>
    /// One endpoint: TLS 1.2 or 1.3 only. The cloud endpoint requires a client certificate that chains to a trusted
    /// CA and is valid for client authentication; one that does not is refused during the handshake.
    /// </summary>
    private static ListenOptions Listen(
        KestrelServerOptions kestrel, System.Net.IPAddress address, int port, GatewayEndpoint endpoint, ServerCertificates certificates, TimeProvider time)
    {
        ListenOptions? bound = null;
        kestrel.Listen(address, port, listen =>
        {
            bound = listen;
            listen.TagAs(endpoint);
            listen.UseHttps(https =>
            {
                https.ServerCertificate = certificates.Server;
                https.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
                if (endpoint == GatewayEndpoint.Cloud)
                {
                    https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
                    https.ClientCertificateValidation = (certificate, _, _) => certificates.IsTrustedClientCertificate(certificate, time);
                }
                else
                {
                    https.ClientCertificateMode = ClientCertificateMode.NoCertificate;
                }
            });
        });
        return bound!;
    }

    private static TimeProvider TimeOfServices(IServiceCollection services) =>
        services.LastOrDefault(d => d.ServiceType == typeof(TimeProvider))?.ImplementationInstance as TimeProvider ?? TimeProvider.System;
}
