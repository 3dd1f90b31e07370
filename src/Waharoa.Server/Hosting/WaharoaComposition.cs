using Microsoft.Extensions.Configuration;
using Waharoa.Server.Calls;
using Waharoa.Server.Authorization;
using Waharoa.Server.Clock;
using Waharoa.Server.Control;
using Waharoa.Server.Coordination;
using Waharoa.Server.Data;
using Waharoa.Server.Demo;
using Waharoa.Server.Errors;
using Waharoa.Server.Gateway;
using Waharoa.Server.Keys;
using Waharoa.Server.OAuth;
using Waharoa.Server.Observability;
using Waharoa.Server.Scenarios;
using Waharoa.Server.Start;
using Waharoa.Server.Tls;
using Waharoa.Server.Xiams;
using Waharoa.Storage;
using Waharoa.Tokens;
using Yarp.ReverseProxy.Configuration;

namespace Waharoa.Server.Hosting;

/// <summary>Composes the features into one server; it decides nothing of its own.</summary>
internal static class WaharoaComposition
{
    /// <summary>
    /// The features that need nothing made at start: the store and coordination, observability, the OAuth core and
    /// its two dialects, the logon and consent pages. Registered before the caller's own registrations, which win.
    /// </summary>
    public static IServiceCollection AddWaharoaFeatures(this IServiceCollection services, WaharoaOptions options, IWaharoaStore store, DataFolder folder)
    {
        services.AddWaharoaCoordination(store, options.Coordination);
        services.AddWaharoaObservability(options.Observability);
        services.AddOAuthCore(options.OAuth);
        services.AddAuthorizationPages(options.Authorization, store.IsShared ? store : null, folder.DataProtectionKeys);
        services.AddXiams(options.Xiams);
        services.AddStart(options.Start, options.Gateway.Environment);
        services.AddControlApi(options.Control);
        services.AddConsole();
        services.AddSingleton<ControlInstance>();
        services.AddScenarios();
        services.AddCallRecording(options.Calls, new CallScope(
            [AuthorizationPages.LogonPath, AuthorizationPages.ConsentPath],
            ["/health/", "/metrics", "/.well-known/", "/myir/", "/waharoa/", ControlApi.Prefix + "/"],
            context => context.IsControlConnection(),
            context => context.Features.Get<CertificateClientFeature>()?.Client?.ClientId));
        return services;
    }

    /// <summary>What is made at start: the endpoints' certificates, the signing keys, the gateway's routes (its built-in ones to the sandbox services).</summary>
    public static IServiceCollection AddWaharoaRuntime(
        this IServiceCollection services,
        WaharoaOptions options,
        IConfiguration configuration,
        ServerCertificates certificates,
        SigningKeyRing keys,
        (IReadOnlyList<RouteConfig> Routes, IReadOnlyList<ClusterConfig> Clusters) sandboxRoutes)
    {
        services.AddSingleton(certificates);
        services.AddSigningKeys(keys);
        services.AddWaharoaGateway(options.Gateway, configuration, sandboxRoutes);
        return services;
    }

    /// <summary>
    /// The request pipeline: the call recorder, the virtual clock's header (while it is moved), IR's 500 for faults, request
    /// metrics, the throttle of unenrolled cloud certificates, OAuth scenario rules, every feature's endpoints, the gateway's
    /// routes last.
    /// </summary>
    public static WebApplication MapWaharoa(this WebApplication app)
    {
        app.UseCallRecording();
        app.UseVirtualClockHeader();
        app.UseInternalErrorJson();
        app.UseRouting();
        app.UseControlBoundary();
        app.UseWaharoaRequestMetrics();
        app.UseUnenrolledCertificateThrottle();
        app.UseOAuthScenarios();
        app.MapXiams();
        app.MapStart();
        app.MapAuthorizationPages();
        app.MapJwks();
        app.MapWaharoaObservability();
        app.MapDemoCallback();
        app.MapControlApi();
        app.MapConsole();
        app.MapWaharoaGateway();
        return app;
    }
}
