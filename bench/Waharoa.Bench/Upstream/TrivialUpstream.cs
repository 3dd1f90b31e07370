using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Waharoa.Bench.Upstream;

/// <summary>The service behind the gateway in the benchmark: plain HTTP on 127.0.0.1, every path answers a 16-byte JSON body.</summary>
internal static class TrivialUpstream
{
    private static readonly byte[] Body = Encoding.ASCII.GetBytes("{\"status\":\"ok\"}\n");

    public static async Task RunAsync(int port, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(IPAddress.Loopback, port);
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        await using var app = builder.Build();
        app.Run(context =>
        {
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = Body.Length;
            return context.Response.Body.WriteAsync(Body, context.RequestAborted).AsTask();
        });
        await app.StartAsync(cancellationToken);
        Console.WriteLine($"upstream listening on http://127.0.0.1:{port}");
        await app.WaitForShutdownAsync(cancellationToken);
    }
}
