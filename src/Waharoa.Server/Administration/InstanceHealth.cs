using System.Diagnostics;
using StackExchange.Redis;
using Waharoa.Server.Coordination;
using Waharoa.Server.Gateway;
using Waharoa.Server.Observability;
using Waharoa.Storage;

namespace Waharoa.Server.Administration;

/// <summary>
/// This instance at a glance: its store (provider, whether it answers, schema version), Redis, how many instances share the
/// coordination channel, the gateway's throttle counters per DSP and Waharoa's own metrics (the values <c>/metrics</c>
/// publishes).
/// </summary>
internal sealed class InstanceHealth(
    IWaharoaStore store, RedisConnection redis, DspThrottle throttle, WaharoaMetrics metrics, TimeProvider time)
{
    public async Task<HealthView> DescribeAsync(CancellationToken cancellationToken)
    {
        return new HealthView(
            await StoreAsync(cancellationToken),
            await RedisAsync(),
            throttle.Counters(),
            metrics.Snapshot(),
            time.GetUtcNow());
    }

    private async Task<StoreHealth> StoreAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            await store.PingAsync(timeout.Token);
            var answeredIn = Stopwatch.GetElapsedTime(started);
            var version = await store.SchemaVersionAsync(timeout.Token);
            return new StoreHealth(store.Provider, store.IsShared, true, Math.Round(answeredIn.TotalMilliseconds, 1), version, $"The {store.Provider} store answers.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The exception's type only: its message may name the database's host or user.
            return new StoreHealth(store.Provider, store.IsShared, false, null, null, $"The {store.Provider} store does not answer ({ex.GetType().Name}).");
        }
    }

    private async Task<RedisHealth> RedisAsync()
    {
        if (!redis.IsConfigured)
        {
            return new RedisHealth(false, false, null, "Not configured: this instance throttles on its own and knows of no other instance.");
        }

        if (redis.Database is not { } database)
        {
            return new RedisHealth(true, false, null, "Unreachable: throttling locally and reading every token's status from the store until it is back.");
        }

        long? instances = null;
        try
        {
            // Every instance subscribes to the coordination channel: its subscribers are the instances that hear revocations.
            var answer = await database.ExecuteAsync("PUBSUB", "NUMSUB", CoordinationBus.Channel.ToString()).WaitAsync(TimeSpan.FromSeconds(1));
            if (answer.Resp2Type == ResultType.Array && ((RedisResult[])answer!) is [_, var count])
            {
                instances = (long)count;
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // The count is a nicety: the connection itself is what the page reports.
        }

        return new RedisHealth(true, true, instances, "Connected: throttle counters and revocations are shared.");
    }
}

/// <summary>
/// The health of an instance: its store, Redis (and the instances it knows of through it), throttle counters
/// per DSP and endpoint, Waharoa's metrics, and when this was read.
/// </summary>
public sealed record HealthView(
    StoreHealth Store, RedisHealth Redis, IReadOnlyList<ThrottleCounters> Throttle, IReadOnlyList<MetricValue> Metrics, DateTimeOffset At);

/// <summary>The store: its provider, whether shared, whether it answered and how fast (ms), its schema version, and that in words.</summary>
public sealed record StoreHealth(string Provider, bool Shared, bool Answers, double? PingMilliseconds, int? SchemaVersion, string Description);

/// <summary>Redis: whether configured and connected, how many instances listen on the coordination channel (this one too), and that in words.</summary>
public sealed record RedisHealth(bool Configured, bool Connected, long? Instances, string Description);
