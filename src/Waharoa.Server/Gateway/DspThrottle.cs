using System.Runtime.CompilerServices;
using System.Collections.Concurrent;
using Waharoa.Grants;
using Waharoa.Server.Coordination;

namespace Waharoa.Server.Gateway;

/// <summary>
/// Per-DSP traffic controls of each endpoint: a token bucket for the rate and a cap on requests in flight. With
/// <paramref name="shared"/> (a Redis is configured) the rate is counted across every instance while Redis answers,
/// and on this instance's own buckets while it does not; the cap on requests in flight is always per instance.
/// </summary>
internal sealed class DspThrottle(GatewayOptions options, TimeProvider time, SharedTokenBucket? shared = null)
{
    private readonly ConcurrentDictionary<(GatewayEndpoint, string), TokenBucket> _buckets = new();
    private readonly ConcurrentDictionary<(GatewayEndpoint, string), StrongBox<int>> _inFlight = new();
    private readonly ConcurrentDictionary<(GatewayEndpoint, string), Counts> _counts = new();

    /// <summary>
    /// What this instance admitted and refused per endpoint and DSP since it started, with the requests in flight now and
    /// the policy the endpoint applies; ordered by client and endpoint.
    /// </summary>
    public IReadOnlyList<ThrottleCounters> Counters() =>
        [.. _counts
            .Select(c =>
            {
                var (endpoint, clientId) = c.Key;
                var policy = endpoint == GatewayEndpoint.Cloud ? options.Cloud : options.Desktop;
                return new ThrottleCounters(
                    clientId, endpoint == GatewayEndpoint.Cloud ? "cloud" : "desktop", Interlocked.Read(ref c.Value.Admitted), Interlocked.Read(ref c.Value.Throttled),
                    _inFlight.TryGetValue(c.Key, out var flying) ? Volatile.Read(ref flying.Value) : 0, policy.RatePerSecond, policy.Burst, policy.MaxConcurrentRequests);
            })
            .OrderBy(c => c.Client, StringComparer.Ordinal)
            .ThenBy(c => c.Endpoint, StringComparer.Ordinal)];

    /// <summary>Admits a request, returning a lease to dispose when it completes; a null lease (with the wait) when throttled.</summary>
    public async ValueTask<(IDisposable? Lease, TimeSpan RetryAfter)> TryAdmitAsync(GatewayEndpoint endpoint, string clientId)
    {
        var policy = endpoint == GatewayEndpoint.Cloud ? options.Cloud : options.Desktop;
        var key = (endpoint, clientId);
        var counts = _counts.GetOrAdd(key, static _ => new Counts());
        var counter = _inFlight.GetOrAdd(key, static _ => new StrongBox<int>());
        if (Interlocked.Increment(ref counter.Value) > policy.MaxConcurrentRequests)
        {
            Interlocked.Decrement(ref counter.Value);
            Interlocked.Increment(ref counts.Throttled);
            return (null, TimeSpan.FromSeconds(1));
        }

        var taken = shared is null ? null : await shared.TryTakeAsync($"{endpoint.ToString().ToLowerInvariant()}:{clientId}", policy.RatePerSecond, policy.Burst);
        var (allowed, retryAfter) = taken ?? TakeLocally(key, policy);
        if (!allowed)
        {
            Interlocked.Decrement(ref counter.Value);
            Interlocked.Increment(ref counts.Throttled);
            return (null, retryAfter);
        }

        Interlocked.Increment(ref counts.Admitted);
        return (new Lease(counter), TimeSpan.Zero);
    }

    private (bool Allowed, TimeSpan RetryAfter) TakeLocally((GatewayEndpoint, string) key, EndpointPolicy policy)
    {
        var bucket = _buckets.GetOrAdd(key, static (_, state) => new TokenBucket(state.policy.RatePerSecond, state.policy.Burst, state.time), (policy, time));
        return (bucket.TryTake(out var retryAfter), retryAfter);
    }

    private sealed class Counts
    {
        public long Admitted;
        public long Throttled;
    }

    private sealed class Lease(StrongBox<int> counter) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                Interlocked.Decrement(ref counter.Value);
            }
        }
    }
}

/// <summary>
/// One DSP's traffic on one endpoint as this instance saw it: calls admitted and throttled since it started, requests in
/// flight now, and the endpoint's policy (rate per second, burst, most requests in flight).
/// </summary>
public sealed record ThrottleCounters(string Client, string Endpoint, long Admitted, long Throttled, int InFlight, double RatePerSecond, int Burst, int MaxInFlight);
