using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Prometheus;

namespace Waharoa.Server.Observability;

/// <summary>
/// <c>/health/live</c> (the process serves), <c>/health/ready</c> (and its store answers) and <c>/metrics</c>
/// (Prometheus text format), on both endpoints, without authentication.
/// </summary>
internal static class ObservabilityEndpoints
{
    public const string LivePath = "/health/live";
    public const string ReadyPath = "/health/ready";
    public const string MetricsPath = "/metrics";
    private const string ReadyTag = "ready";

    public static IServiceCollection AddWaharoaObservability(this IServiceCollection services, ObservabilityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.AddSingleton<WaharoaMetrics>();
        services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>("store", HealthStatus.Unhealthy, [ReadyTag], TimeSpan.FromSeconds(3))
            .AddCheck<RedisHealthCheck>("redis", HealthStatus.Degraded, [ReadyTag]);
        return services;
    }

    /// <summary>Counts and times every request by route, method and status (<c>http_request_duration_seconds</c> and friends).</summary>
    public static IApplicationBuilder UseWaharoaRequestMetrics(this IApplicationBuilder app)
    {
        var registry = app.ApplicationServices.GetRequiredService<WaharoaMetrics>().Registry;
        return app.UseHttpMetrics(o =>
        {
            o.RequestCount.Registry = registry;
            o.RequestDuration.Registry = registry;
            o.InProgress.Registry = registry;
        });
    }

    public static IEndpointRouteBuilder MapWaharoaObservability(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        endpoints.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync });
        if (endpoints.ServiceProvider.GetRequiredService<ObservabilityOptions>().Metrics)
        {
            endpoints.MapMetrics(MetricsPath, endpoints.ServiceProvider.GetRequiredService<WaharoaMetrics>().Registry);
        }

        return endpoints;
    }

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("status", report.Status.ToString());
            w.WriteStartObject("checks");
            foreach (var (name, entry) in report.Entries)
            {
                w.WriteStartObject(name);
                w.WriteString("status", entry.Status.ToString());
                w.WriteString("description", entry.Description);
                foreach (var (key, value) in entry.Data)
                {
                    w.WriteString(key, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
                }

                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        return context.Response.Body.WriteAsync(buffer.ToArray()).AsTask();
    }
}
