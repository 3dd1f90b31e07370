using Microsoft.Extensions.Diagnostics.HealthChecks;
using Waharoa.Server.Coordination;

namespace Waharoa.Server.Observability;

/// <summary>
/// Redis, when configured: without it an instance still serves (throttling locally, reading every token's status
/// from the store), so its absence makes the instance degraded, not unready.
/// </summary>
internal sealed class RedisHealthCheck(RedisConnection redis) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(!redis.IsConfigured
            ? HealthCheckResult.Healthy("Not configured: this instance throttles on its own.")
            : redis.IsConnected
                ? HealthCheckResult.Healthy("Connected: throttle counters and revocations are shared.")
                : HealthCheckResult.Degraded("Unreachable: throttling locally and reading every token's status from the store until it is back."));
}
