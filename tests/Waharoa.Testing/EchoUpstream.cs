using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Waharoa.Testing;

/// <summary>
/// A real upstream on Kestrel (127.0.0.1, a free port) for gateway tests: answers any path with the request's
/// headers as JSON; <c>/slow</c> waits on <see cref="Release"/> (or the test's patience) before answering;
/// <c>/trickle</c> sends the first line of its answer at once and the rest once released.
/// </summary>
public sealed class EchoUpstream : IAsyncDisposable
{
    private readonly WebApplication _app;
    private TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private EchoUpstream(WebApplication app) => _app = app;

    public Uri Address { get; private set; } = null!;

    public int SlowRequestsWaiting;

    public static async Task<EchoUpstream> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        builder.Services.AddRoutingCore();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var upstream = new EchoUpstream(app);
        app.Map("/slow", async (HttpContext context) =>
        {
            Interlocked.Increment(ref upstream.SlowRequestsWaiting);
            await upstream._gate.Task.WaitAsync(TimeSpan.FromSeconds(30), context.RequestAborted);
            return Echo(context);
        });
        app.Map("/trickle", async (HttpContext context) =>
        {
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync("first\n", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await upstream._gate.Task.WaitAsync(TimeSpan.FromSeconds(30), context.RequestAborted);
            await context.Response.WriteAsync("rest\n", context.RequestAborted);
        });
        app.Map("/{**path}", (HttpContext context) => Echo(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        upstream.Address = new Uri(address);
        return upstream;
    }

    /// <summary>Lets every waiting <c>/slow</c> request answer.</summary>
    public void Release() => _gate.TrySetResult();

    /// <summary>YARP configuration with one route <paramref name="routeId"/> from <paramref name="pathPattern"/> to this upstream.</summary>
    public IConfiguration Route(
        string routeId, string pathPattern, string? service = null, string? endpoints = null, TimeSpan? timeout = null, Uri? address = null,
        IReadOnlyDictionary<string, string>? metadata = null)
    {
        var settings = new Dictionary<string, string?>
        {
            [$"ReverseProxy:Routes:{routeId}:ClusterId"] = routeId,
            [$"ReverseProxy:Routes:{routeId}:Match:Path"] = pathPattern,
            [$"ReverseProxy:Routes:{routeId}:Transforms:0:PathRemovePrefix"] = pathPattern.Split("/{")[0],
            [$"ReverseProxy:Clusters:{routeId}:Destinations:upstream:Address"] = (address ?? Address).ToString(),
        };
        if (service is not null)
        {
            settings[$"ReverseProxy:Routes:{routeId}:Metadata:Service"] = service;
        }

        if (endpoints is not null)
        {
            settings[$"ReverseProxy:Routes:{routeId}:Metadata:Endpoints"] = endpoints;
        }

        foreach (var (key, value) in metadata ?? new Dictionary<string, string>())
        {
            settings[$"ReverseProxy:Routes:{routeId}:Metadata:{key}"] = value;
        }

        if (timeout is not null)
        {
            settings[$"ReverseProxy:Clusters:{routeId}:HttpRequest:ActivityTimeout"] = timeout.Value.ToString("c");
        }

        return new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    }

    private static IResult Echo(HttpContext context) =>
        Results.Json(new
        {
            path = context.Request.Path.Value,
            headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()),
        });

    public async ValueTask DisposeAsync()
    {
        Release();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
