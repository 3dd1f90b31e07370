using System.Collections.Concurrent;
using Waharoa.Clients;
using Waharoa.Storage;

namespace Waharoa.Server.Gateway;

/// <summary>
/// Admits cloud calls by their client certificate: one enrolled for a client passes (with the client), one enrolled for
/// none takes a token from its own bucket. That a certificate is enrolled for none is remembered for
/// <see cref="NotEnrolledLifetime"/>, so a flood of its calls does not become a flood of store lookups; clients are added
/// by <c>clients add</c> from another process, which cannot tell this one, so the memory is short instead. The buckets
/// are this instance's own (a Redis is not asked: such calls should cost nothing shared), at most
/// <see cref="MaxTracked"/> of them; certificates beyond that share one bucket.
/// </summary>
internal sealed partial class UnenrolledCertificateThrottle(
    IClientStore clients, GatewayOptions options, TimeProvider time, ILogger<UnenrolledCertificateThrottle> logger)
{
    /// <summary>How long a certificate found enrolled for no client is taken as such without asking the store again.</summary>
    public static readonly TimeSpan NotEnrolledLifetime = TimeSpan.FromSeconds(5);

    /// <summary>The most certificates given a bucket of their own.</summary>
    public const int MaxTracked = 10_000;

    private readonly ConcurrentDictionary<string, Unenrolled> _unenrolled = new(StringComparer.Ordinal);
    private readonly Lock _sweepGate = new();
    private long _sweptAt;
    private Unenrolled? _overflow;

    /// <summary>The client <paramref name="thumbprint"/> is enrolled for, or null and whether the call may go on (else how long to wait).</summary>
    public async ValueTask<(DspClient? Client, TimeSpan? RetryAfter)> AdmitAsync(string thumbprint, string? commonName, CancellationToken cancellationToken)
    {
        if (!_unenrolled.TryGetValue(thumbprint, out var known) || time.GetElapsedTime(Volatile.Read(ref known.CheckedAt)) >= NotEnrolledLifetime)
        {
            var client = await clients.FindClientByCertificateAsync(thumbprint, commonName, cancellationToken);
            if (client is not null)
            {
                _unenrolled.TryRemove(thumbprint, out _);
                return (client, null);
            }

            known = Track(thumbprint);
        }

        var entry = known ?? LazyInitializer.EnsureInitialized(ref _overflow, () => new Unenrolled(NewBucket()));
        if (entry.Bucket.TryTake(out var retryAfter))
        {
            Volatile.Write(ref entry.Throttled, 0);
            return (null, null);
        }

        // Once each time a certificate goes over its rate, not for every call refused.
        if (Interlocked.Exchange(ref entry.Throttled, 1) == 0)
        {
            Log.Throttled(logger, known is null ? "(beyond those tracked)" : thumbprint);
        }

        return (null, retryAfter);
    }

    /// <summary>The certificate's entry, its lookup refreshed; null when no more can be tracked.</summary>
    private Unenrolled? Track(string thumbprint)
    {
        if (!_unenrolled.TryGetValue(thumbprint, out var entry))
        {
            if (Count() >= MaxTracked)
            {
                return null;
            }

            entry = _unenrolled.GetOrAdd(thumbprint, _ => new Unenrolled(NewBucket()));
        }

        Volatile.Write(ref entry.CheckedAt, time.GetTimestamp());
        return entry;
    }

    private TokenBucket NewBucket() => new(options.UnenrolledCertificates.RatePerSecond, options.UnenrolledCertificates.Burst, time);

    /// <summary>How many are tracked, after dropping (at most once a second) those whose buckets are full again by now.</summary>
    private int Count()
    {
        if (_unenrolled.Count < MaxTracked || time.GetElapsedTime(Volatile.Read(ref _sweptAt)) < TimeSpan.FromSeconds(1) || !_sweepGate.TryEnter())
        {
            return _unenrolled.Count;
        }

        try
        {
            Volatile.Write(ref _sweptAt, time.GetTimestamp());

            // A certificate last used before its lookup expired has had its bucket refill since: dropping it loses nothing.
            var idle = NotEnrolledLifetime + TimeSpan.FromSeconds(options.UnenrolledCertificates.Burst / options.UnenrolledCertificates.RatePerSecond);
            foreach (var (thumbprint, entry) in _unenrolled)
            {
                if (time.GetElapsedTime(Volatile.Read(ref entry.CheckedAt)) > idle)
                {
                    _unenrolled.TryRemove(thumbprint, out _);
                }
            }

            return _unenrolled.Count;
        }
        finally
        {
            _sweepGate.Exit();
        }
    }

    private sealed class Unenrolled(TokenBucket bucket)
    {
        public readonly TokenBucket Bucket = bucket;
        public long CheckedAt;
        public int Throttled;
    }

    private static partial class Log
    {
        [LoggerMessage(3012, LogLevel.Warning, "Client certificate {Thumbprint}, enrolled for no client, throttled on the cloud endpoint")]
        public static partial void Throttled(ILogger logger, string thumbprint);
    }
}
