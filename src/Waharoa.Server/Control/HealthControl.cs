using Waharoa.Server.Administration;
using Waharoa.Server.Coordination;
using Waharoa.Server.Gateway;
using Waharoa.Server.Observability;
using Waharoa.Storage;

namespace Waharoa.Server.Control;

/// <summary><c>/control/health</c>: this instance at a glance (the console's home page).</summary>
internal static class HealthControl
{
    internal static RouteGroupBuilder MapHealthControl(this RouteGroupBuilder group)
    {
        group.MapGet("/health", async (
                IWaharoaStore store, RedisConnection redis, DspThrottle throttle, WaharoaMetrics metrics, ControlInstance instance, TimeProvider time,
                CancellationToken cancellationToken) =>
        {
            var health = await new InstanceHealth(store, redis, throttle, metrics, time).DescribeAsync(cancellationToken);
            return Results.Json(new HealthAnswer(instance.Describe(), health.Store, health.Redis, health.Throttle, health.Metrics, health.At), ControlJson.Options);
        })
        .WithName("GetHealth")
        .WithSummary("This instance: its store (provider, answers, schema version), Redis and the instances it knows of, "
            + "the gateway's throttle counters per DSP and endpoint since it started, and Waharoa's metrics (as /metrics publishes them).")
        .Produces<HealthAnswer>();
        return group;
    }
}

/// <summary>This instance (as <c>/control/instance</c> describes it) and its health (see <see cref="HealthView"/>).</summary>
public sealed record HealthAnswer(
    ControlInstanceView Instance, StoreHealth Store, RedisHealth Redis, IReadOnlyList<ThrottleCounters> Throttle, IReadOnlyList<MetricValue> Metrics, DateTimeOffset At);
