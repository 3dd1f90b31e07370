using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Waharoa.Grants;
using Waharoa.Server.Clock;
using Waharoa.Server.Control;
using Waharoa.Server.Data;
using Waharoa.Server.Demo;
using Waharoa.Server.Sandbox;
using Waharoa.Server.Seeding;
using Waharoa.Server.Tls;
using Waharoa.Storage;
using Waharoa.Time;
using Waharoa.Tokens;

namespace Waharoa.Server.Hosting;

/// <summary>The start of a server, under the store's start-up lock: shared files, services, listeners, then the data.</summary>
internal static class ServerStartup
{
    public static async Task<WaharoaServer> StartAsync(
        WaharoaOptions options,
        DataFolder folder,
        WebApplicationBuilder builder,
        IWaharoaStore store,
        Action<IServiceCollection>? configureServices,
        Action<ILoggingBuilder>? configureLogging,
        CancellationToken cancellationToken)
    {
        var sharedCaKey = store.IsShared ? await SharedFolderFiles.DownloadAsync(store, folder, cancellationToken) : null;

        builder.Services.AddWaharoaFeatures(options, store, folder);

        // Last, so that a caller's registrations (a virtual clock, a store) take precedence.
        configureServices?.Invoke(builder.Services);

        // The virtual clock wraps the clock the services were given and is the only one from here on: the sandbox
        // services, certificates, keys and seeds take it as every service does. It starts where the store left it.
        var clock = new VirtualClock(TimeOfServices(builder.Services));
        await SharedClock.LoadAsync(clock, store, cancellationToken);
        builder.Services.AddVirtualClock(clock);
        TimeProvider time = clock;

        // Start-up is mostly loading and compiling code on one thread, so the independent parts run side by side: the
        // sandbox services' own host starts on another thread while this one prepares the gateway's.
        var sandboxStart = !options.Sandbox.Enabled ? null : Task.Run(() => SandboxHost.StartAsync(store, time, options.Sandbox, logging =>
        {
            WaharoaServer.ConfigureLogging(logging);
            configureLogging?.Invoke(logging);
        }, cancellationToken), cancellationToken);

        // Whatever fails from here on (a port in use, a seed file, the store) stops what was started before it.
        SandboxHost? sandbox = null;
        Task<DemoCredentials?>? dataPreparation = null;
        Task? trustStoreLoad = null;
        WebApplication? app = null;
        var started = false;
        try
        {
            var certificates = ServerCertificates.LoadOrCreate(folder, time, options.Tls.Policy, sharedCaKey);
            trustStoreLoad = Task.Run(certificates.LoadSystemTrustStore, cancellationToken);
            if (store.IsShared)
            {
                await SharedFolderFiles.UploadAsync(store, folder, time.GetUtcNow(), cancellationToken);
            }

            var keys = await SigningKeyRing.LoadAsync(store, folder.Keys, time, cancellationToken);
            var operatorCredential = options.Control.Enabled ? await OperatorCredential.EnsureAsync(folder, store, time, cancellationToken) : null;
            if (operatorCredential is not null)
            {
                builder.Services.AddSingleton(operatorCredential);
            }

            // The data (demo.json among it) is in place before the endpoints answer, so a script that waits for the
            // port finds it; only a desktop port chosen by the system (0, in tests) is known just after binding. It needs
            // the store and the certificates, not the host, so it is prepared while the host is built.
            if (options.DesktopPort != 0)
            {
                dataPreparation = Task.Run(() => PrepareDataAsync(options, folder, store, certificates, options.DesktopPort, time, cancellationToken), cancellationToken);
            }

            sandbox = sandboxStart is null ? null : await sandboxStart;
            builder.Services.AddWaharoaRuntime(options, builder.Configuration, certificates, keys, sandbox?.ProxyConfig() ?? ([], []));
            ListenOptions? desktop = null, cloud = null, control = null;
            var gatewayAddresses = new GatewayAddresses();
            builder.Services.AddSingleton(gatewayAddresses);
            builder.WebHost.ConfigureKestrel(kestrel =>
            {
                kestrel.AddServerHeader = false;
                desktop = EndpointListeners.Listen(kestrel, options.ListenAddress, options.DesktopPort, GatewayEndpoint.Desktop, certificates, options.Tls.Policy, time);
                cloud = EndpointListeners.Listen(kestrel, options.ListenAddress, options.CloudPort, GatewayEndpoint.Cloud, certificates, options.Tls.Policy, time);
                (gatewayAddresses.Desktop, gatewayAddresses.Cloud) = (desktop, cloud);
                if (options.Control.Enabled)
                {
                    control = ControlListener.Listen(kestrel, options.Control.ListenAddress, options.Control.Port, certificates);
                }
            });

            app = builder.Build().MapWaharoa();
            var demo = dataPreparation is null ? null : await dataPreparation;
            await trustStoreLoad;
            await app.StartAsync(cancellationToken);
            started = true;
            if (options.DesktopPort == 0)
            {
                demo = await PrepareDataAsync(options, folder, store, certificates, desktop!.IPEndPoint!.Port, time, cancellationToken);
            }

            // The seeds may have put scenario rules since the instance first read them.
            await app.Services.GetRequiredService<Scenarios.ScenarioRules>().RefreshAsync(cancellationToken);

            var server = new WaharoaServer(app, sandbox, store, desktop!, cloud!, control, folder, demo, operatorCredential);
            if (control is not null)
            {
                await ControlFile.WriteAsync(folder, server.ControlUrl!, cancellationToken);
            }

            return server;
        }
        catch
        {
            // What runs beside this thread is finished before anything is stopped: the caller closes the store next.
            await Finished(dataPreparation);
            await Finished(trustStoreLoad);
            sandbox ??= await Finished(sandboxStart);
            if (started)
            {
                await app!.StopAsync(CancellationToken.None);
            }

            if (app is not null)
            {
                await app.DisposeAsync();
            }

            if (sandbox is not null)
            {
                await sandbox.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>Waits for a task started beside the start-up to end, its failure ignored (it is not the one reported).</summary>
    private static Task Finished(Task? task) => Finished(task?.ContinueWith(_ => (object?)null, TaskScheduler.Default));

    /// <summary>The result of a task started beside the start-up, once it has ended; nothing when it failed (its failure is not the one reported).</summary>
    private static async Task<T?> Finished<T>(Task<T>? task)
        where T : class?
    {
        if (task is null)
        {
            return null;
        }

        try
        {
            return await task;
        }
        catch (Exception)
        {
            return null;
        }
    }

    /// <summary>The demo data (clients whose callback is on <paramref name="desktopPort"/>) and the seed files.</summary>
    private static async Task<DemoCredentials?> PrepareDataAsync(
        WaharoaOptions options, DataFolder folder, IWaharoaStore store, ServerCertificates certificates, int desktopPort, TimeProvider time, CancellationToken cancellationToken)
    {
        DemoCredentials? demo = null;
        var seeds = SeedLoader.Into(store, time);
        if (options.CreatesDemoData)
        {
            demo = await DemoData.EnsureAsync(folder, certificates, store, store, desktopPort, time, cancellationToken);
            if (store.IsShared)
            {
                await SharedFolderFiles.UploadAsync(store, folder, time.GetUtcNow(), cancellationToken);
            }

            await DemoSeeds.ApplyAsync(seeds, cancellationToken);
        }

        foreach (var file in options.SeedFiles)
        {
            await seeds.ApplyFileAsync(Path.GetFullPath(file), cancellationToken);
        }

        return demo;
    }

    private static TimeProvider TimeOfServices(IServiceCollection services) =>
        services.LastOrDefault(d => d.ServiceType == typeof(TimeProvider))?.ImplementationInstance as TimeProvider ?? TimeProvider.System;
}
