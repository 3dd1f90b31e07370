using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Waharoa.Server.Gateway;
using Waharoa.Server.Sandbox.AccountApi;
using Waharoa.Server.Sandbox.Employment;
using Waharoa.Server.Sandbox.Intermediation;
using Waharoa.Server.Sandbox.Returns;
using Waharoa.Storage;
using Yarp.ReverseProxy.Configuration;

namespace Waharoa.Server.Sandbox;

/// <summary>
/// The sandbox gateway services (Intermediation, Account API) on their own loopback listener, reached only through
/// the gateway: YARP routes on the cloud endpoint forward to it with a per-process key, and it refuses any request
/// without that key, so the identity headers it reads can only have come from the gateway.
/// </summary>
internal sealed class SandboxHost : IAsyncDisposable
{
    public const string KeyHeader = "X-Waharoa-Gateway-Key";

    private readonly WebApplication _app;

    private SandboxHost(WebApplication app, Uri address, string key)
    {
        _app = app;
        Address = address;
        Key = key;
    }

    /// <summary>The listener's base address (http://127.0.0.1:port).</summary>
    public Uri Address { get; }

    /// <summary>The key the gateway adds to every forwarded request.</summary>
    public string Key { get; }

    public static async Task<SandboxHost> StartAsync(
        IWaharoaStore store, TimeProvider time, SandboxOptions options, Action<ILoggingBuilder> configureLogging, CancellationToken cancellationToken)
    {
        var key = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(IPAddress.Loopback, 0);
        });
        builder.Services.AddRoutingCore();
        configureLogging(builder.Logging);
        builder.Services.AddSandbox(store, time, options);
        var app = builder.Build().MapSandbox(KeyHeader, key);
        await app.StartAsync(cancellationToken);

        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new SandboxHost(app, new Uri(bound.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)), key);
    }

    /// <summary>
    /// The gateway routes to the sandbox services, on the endpoints IR publishes them on, each taking the authentication
    /// IR's identity and access table gives it (Intermediation OAuth only; the Customer Service Suite's Account API OAuth and M2M;
    /// the Return and Employment services, on the desktop endpoint too, OAuth only).
    /// </summary>
    public (IReadOnlyList<RouteConfig> Routes, IReadOnlyList<ClusterConfig> Clusters) ProxyConfig()
    {
        const string Cluster = "waharoa-sandbox";
        var routes = new List<RouteConfig>();
        void Add(string service, string[] paths, IReadOnlyDictionary<string, string> metadata)
        {
            for (var i = 0; i < paths.Length; i++)
            {
                routes.Add(new RouteConfig
                {
                    RouteId = $"waharoa-{service}-{i}",
                    ClusterId = Cluster,
                    Match = new RouteMatch { Path = paths[i].TrimEnd('/') + "/{**rest}" },
                    Metadata = metadata,
                    Transforms = [new Dictionary<string, string> { ["RequestHeader"] = KeyHeader, ["Set"] = Key }],
                });
            }
        }

        Add("intermediation", IntermediationEndpoints.Paths, new Dictionary<string, string>
        {
            [GatewayRouteMetadata.Endpoints] = "cloud",
            [GatewayRouteMetadata.Service] = "intermediation",
            [GatewayRouteMetadata.Errors] = GatewayRouteMetadata.SoapErrors,
            [GatewayRouteMetadata.Authentication] = GatewayRouteMetadata.OAuth,
        });
        Add("account", AccountApiEndpoints.Paths, new Dictionary<string, string>
        {
            [GatewayRouteMetadata.Endpoints] = "cloud",
            [GatewayRouteMetadata.Service] = "account",
            [GatewayRouteMetadata.AuthenticationFailureStatus] = "400",
            [GatewayRouteMetadata.Authentication] = $"{GatewayRouteMetadata.OAuth},{GatewayRouteMetadata.M2m}",
        });
        // The Return service on both endpoints, each at its own path; OAuth only (IR's identity table: no M2M).
        foreach (var (path, endpoint) in new[] { (ReturnsEndpoints.CloudPath, "cloud"), (ReturnsEndpoints.DesktopPath, "desktop") })
        {
            Add("returns-" + endpoint, [path], new Dictionary<string, string>
            {
                [GatewayRouteMetadata.Endpoints] = endpoint,
                [GatewayRouteMetadata.Service] = "returns",
                [GatewayRouteMetadata.Errors] = GatewayRouteMetadata.SoapErrors,
                [GatewayRouteMetadata.Authentication] = GatewayRouteMetadata.OAuth,
            });
        }

        // The Employment service v2 likewise: OAuth only, the cloud endpoint at its v2 path and the one without a version.
        foreach (var (paths, endpoint) in new[] { (new[] { EmploymentEndpoints.CloudPath, EmploymentEndpoints.CloudUnversionedPath }, "cloud"), ([EmploymentEndpoints.DesktopPath], "desktop") })
        {
            Add("employment-" + endpoint, paths, new Dictionary<string, string>
            {
                [GatewayRouteMetadata.Endpoints] = endpoint,
                [GatewayRouteMetadata.Service] = "employment",
                [GatewayRouteMetadata.Errors] = GatewayRouteMetadata.SoapErrors,
                [GatewayRouteMetadata.Authentication] = GatewayRouteMetadata.OAuth,
            });
        }

        var cluster = new ClusterConfig
        {
            ClusterId = Cluster,
            Destinations = new Dictionary<string, DestinationConfig> { ["sandbox"] = new() { Address = Address.ToString() } },
        };
        return (routes, [cluster]);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
