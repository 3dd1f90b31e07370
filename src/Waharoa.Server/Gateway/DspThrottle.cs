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

    /// <summary>Admits a request, returning a lease to dispose when it completes; a null lease (with the wait) when throttled.</summary>
    public async ValueTask<(IDisposable? Lease, TimeSpan RetryAfter)> TryAdmitAsync(GatewayEndpoint endpoint, string clientId)
    {
        var policy = endpoint == GatewayEndpoint.Cloud ? options.Cloud : options.Desktop;
        var key = (endpoint, clientId);
        var counter = _inFlight.GetOrAdd(key, static _ => new StrongBox<int>());
        if (Interlocked.Increment(ref counter.Value) > policy.MaxConcurrentRequests)
        {
            Interlocked.Decrement(ref counter.Value);
            return (null, TimeSpan.FromSeconds(1));
        }

        var taken = shared is null ? null : await shared.TryTakeAsync($"{endpoint.ToString().ToLowerInvariant()}:{clientId}", policy.RatePerSecond, policy.Burst);
        var (allowed, retryAfter) = taken ?? TakeLocally(key, policy);
        if (!allowed)
        {
            Interlocked.Decrement(ref counter.Value);
            return (null, retryAfter);
        }

        return (new Lease(counter), TimeSpan.Zero);
    }

    private (bool Allowed, TimeSpan RetryAfter) TakeLocally((GatewayEndpoint, string) key, EndpointPolicy policy)
    {
        var bucket = _buckets.GetOrAdd(key, static (_, state) => new TokenBucket(state.policy.RatePerSecond, state.policy.Burst, state.time), (policy, time));
        return (bucket.TryTake(out var retryAfter), retryAfter);
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
