using Microsoft.Extensions.Diagnostics.HealthChecks;
using Waharoa.Server.Coordination;

namespace Waharoa.Server.Observability;

/// <summary>
/// Redis, when configured: without it an instance still serves (throttling locally, reading every token's status
/// from the store), so its absence makes the instance degraded, not unready. So does a connection on which the
/// coordination channel is not (yet) subscribed: the counters are shared, but other instances' revocations do not
/// arrive, so every token's status is read from the store.
/// </summary>
internal sealed class RedisHealthCheck(RedisConnection redis, CoordinationBus bus) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(!redis.IsConfigured
            ? HealthCheckResult.Healthy("Not configured: this instance throttles on its own.")
            : !redis.IsConnected
                ? HealthCheckResult.Degraded("Unreachable: throttling locally and reading every token's status from the store until it is back.")
                : bus.IsListening
                    ? HealthCheckResult.Healthy("Connected: throttle counters and revocations are shared.")
                    : HealthCheckResult.Degraded("Connected, but not subscribed to the coordination channel: throttle counters are shared; every token's status is read from the store."));
}
