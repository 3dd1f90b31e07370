using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Waharoa.Grants;
using Waharoa.Server.Data;
using Waharoa.Server.Hosting;
using Waharoa.Server.Tls;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Transforms;

namespace Waharoa.Bench.Upstream;

/// <summary>
/// What the framework alone costs: Waharoa's cloud listener (the same Kestrel, certificates, mutual TLS, IR's suites and
/// client-certificate check, built by Waharoa's own code) in front of a bare YARP forwarder to the upstream, with none of
/// the gateway's work (no token, no client lookup, no throttling, metrics or logging). The gateway cannot be faster than it.
/// </summary>
internal static class FloorProxy
{
    public static async Task RunAsync(int port, int upstreamPort, string dataDirectory, CancellationToken cancellationToken)
    {
        var time = TimeProvider.System;
        using var certificates = ServerCertificates.LoadOrCreate(new DataFolder(Path.GetFullPath(dataDirectory)), time, TlsPolicy.Ir);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            EndpointListeners.Listen(kestrel, IPAddress.Loopback, port, GatewayEndpoint.Cloud, certificates, TlsPolicy.Ir, time);
        });
        builder.Services.AddRoutingCore();
        builder.Services.AddHttpForwarder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        await using var app = builder.Build();
        app.UseRouting();
        // The gateway's route to the upstream: /gateway/bench/{rest} to http://127.0.0.1:{upstream}/{rest}.
        app.MapForwarder("/gateway/bench/{**rest}", $"http://127.0.0.1:{upstreamPort}/", ForwarderRequestConfig.Empty,
            transforms => transforms.AddPathRemovePrefix("/gateway/bench"));
        await app.StartAsync(cancellationToken);
        Console.WriteLine($"floor proxy listening on https://127.0.0.1:{port}");
        await app.WaitForShutdownAsync(cancellationToken);
    }
}
