using System.Runtime.CompilerServices;
using System.Collections.Concurrent;
using Waharoa.Grants;

namespace Waharoa.Server.Gateway;

/// <summary>Per-DSP traffic controls of each endpoint: a token bucket for the rate and a cap on requests in flight.</summary>
internal sealed class DspThrottle(GatewayOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<(GatewayEndpoint, string), TokenBucket> _buckets = new();
    private readonly ConcurrentDictionary<(GatewayEndpoint, string), StrongBox<int>> _inFlight = new();

    /// <summary>Admits a request, returning a lease to dispose when it completes; null (with the wait) when throttled.</summary>
    public IDisposable? TryAdmit(GatewayEndpoint endpoint, string clientId, out TimeSpan retryAfter)
    {
        var policy = endpoint == GatewayEndpoint.Cloud ? options.Cloud : options.Desktop;
        var key = (endpoint, clientId);
        var bucket = _buckets.GetOrAdd(key, _ => new TokenBucket(policy.RatePerSecond, policy.Burst, time));
        var counter = _inFlight.GetOrAdd(key, _ => new StrongBox<int>());
        if (Interlocked.Increment(ref counter.Value) > policy.MaxConcurrentRequests)
        {
            Interlocked.Decrement(ref counter.Value);
            retryAfter = TimeSpan.FromSeconds(1);
            return null;
        }

        if (!bucket.TryTake(out retryAfter))
        {
            Interlocked.Decrement(ref counter.Value);
            return null;
        }

        return new Lease(counter);
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
