using System.Globalization;
using StackExchange.Redis;

namespace Waharoa.Server.Coordination;

/// <summary>
/// Token buckets every instance shares, kept in Redis (the gateway keeps one per endpoint and DSP), refilled and taken from
/// atomically by a script on Redis's own clock (so instances whose clocks differ agree). When Redis is away the
/// caller is told at once (null) and throttles on its own buckets; after a failure Redis is left alone for
/// <see cref="RetryAfterFailure"/>, and then one call tries it again.
/// </summary>
internal sealed partial class SharedTokenBucket(RedisConnection connection, TimeProvider time, ILogger<SharedTokenBucket> logger)
{
    /// <summary>How long the instance throttles locally after Redis failed before trying it again.</summary>
    public static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(1.5);

    /// <summary>The longest a call waits on Redis before throttling locally instead.</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromMilliseconds(500);

    // KEYS[1] the bucket; ARGV rate per second, burst, time to live (ms), the virtual clock's offset (µs). Tokens and the
    // time of the last take (µs on Redis's clock, moved by the offset) live in a hash that expires once the bucket would
    // be full again anyway.
    private const string Script = """
        local rate = tonumber(ARGV[1])
        local burst = tonumber(ARGV[2])
        local clock = redis.call('TIME')
        local now = tonumber(clock[1]) * 1000000 + tonumber(clock[2]) + tonumber(ARGV[4])
        local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
        local tokens = tonumber(state[1])
        local at = tonumber(state[2])
        if tokens == nil or at == nil then
          tokens = burst
          at = now
        end
        tokens = math.min(burst, tokens + math.max(0, now - at) / 1000000 * rate)
        local allowed = 0
        local wait = 0
        if tokens >= 1 then
          tokens = tokens - 1
          allowed = 1
        else
          wait = math.ceil((1 - tokens) / rate * 1000)
        end
        redis.call('HSET', KEYS[1], 'tokens', tokens, 'at', now)
        redis.call('PEXPIRE', KEYS[1], ARGV[3])
        return { allowed, wait }
        """;

    private long _retryAt;
    private int _probing;
    private int _local;

    /// <summary>
    /// Takes a token from the shared bucket named <paramref name="bucket"/>, refilled at <paramref name="ratePerSecond"/>
    /// up to <paramref name="burst"/>; null when Redis cannot answer now, and the caller should use its own bucket.
    /// </summary>
    public ValueTask<(bool Allowed, TimeSpan RetryAfter)?> TryTakeAsync(string bucket, double ratePerSecond, int burst)
    {
        var database = connection.Database;
        if (database is null)
        {
            Failed(null);
            return ValueTask.FromResult<(bool, TimeSpan)?>(null);
        }

        var probe = false;
        if (Volatile.Read(ref _retryAt) != 0)
        {
            if (Environment.TickCount64 < Volatile.Read(ref _retryAt) || Interlocked.CompareExchange(ref _probing, 1, 0) != 0)
            {
                return ValueTask.FromResult<(bool, TimeSpan)?>(null);
            }

            probe = true;
        }

        return TakeAsync(database, bucket, ratePerSecond, burst, probe);
    }

    private async ValueTask<(bool Allowed, TimeSpan RetryAfter)?> TakeAsync(IDatabase database, string bucket, double ratePerSecond, int burst, bool probe)
    {
        var key = "waharoa:throttle:" + bucket;
        var timeToLive = (long)Math.Ceiling(burst / ratePerSecond * 1000) + 1000;
        RedisResult[] result;
        try
        {
            var reply = await database.ScriptEvaluateAsync(
                Script,
                [key],
                [ratePerSecond.ToString("R", CultureInfo.InvariantCulture), burst, timeToLive, OffsetMicroseconds()]).WaitAsync(CallTimeout).ConfigureAwait(false);
            result = (RedisResult[])reply!;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Failed(ex);
            if (probe)
            {
                Volatile.Write(ref _probing, 0);
            }

            return null;
        }

        if (Volatile.Read(ref _retryAt) != 0)
        {
            Volatile.Write(ref _retryAt, 0);
            Volatile.Write(ref _probing, 0);
        }

        if (Interlocked.Exchange(ref _local, 0) == 1)
        {
            Log.Shared(logger);
        }

        return ((int)result[0] == 1, TimeSpan.FromMilliseconds((long)result[1]));
    }

    private void Failed(Exception? exception)
    {
        Volatile.Write(ref _retryAt, Environment.TickCount64 + (long)RetryAfterFailure.TotalMilliseconds);
        if (Interlocked.Exchange(ref _local, 1) == 0)
        {
            Log.Local(logger, exception?.GetType().Name ?? "not connected");
        }
    }

    private static partial class Log
    {
        [LoggerMessage(6011, LogLevel.Warning, "Shared throttling unavailable ({Reason}): each instance throttles on its own buckets until Redis answers again")]
        public static partial void Local(ILogger logger, string reason);

        [LoggerMessage(6012, LogLevel.Information, "Shared throttling resumed")]
        public static partial void Shared(ILogger logger);
    }

    private long OffsetMicroseconds() => time is Waharoa.Time.VirtualClock clock ? clock.Offset.Ticks / TimeSpan.TicksPerMicrosecond : 0;
}
