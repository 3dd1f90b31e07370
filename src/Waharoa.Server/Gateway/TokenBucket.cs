namespace Waharoa.Server.Gateway;

/// <summary>
/// A token bucket on a <see cref="TimeProvider"/>: holds at most <see cref="Burst"/> tokens, refilled continuously at
/// <see cref="RatePerSecond"/>; each request takes one. Time passes for it as the clock's timestamps say, and as far as
/// the virtual clock is moved forward (so a throttle window ends when the clock is advanced past it). Thread-safe.
/// </summary>
public sealed class TokenBucket
{
    private readonly Lock _gate = new();
    private double _tokens;
    private long _lastTimestamp;
    private TimeSpan _lastOffset;
    private readonly TimeProvider _time;

    /// <summary>Creates a full bucket.</summary>
    public TokenBucket(double ratePerSecond, int burst, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ratePerSecond);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(burst);
        ArgumentNullException.ThrowIfNull(time);
        RatePerSecond = ratePerSecond;
        Burst = burst;
        _time = time;
        _tokens = burst;
        _lastTimestamp = time.GetTimestamp();
        _lastOffset = OffsetOf(time);
    }

    /// <summary>Tokens added per second.</summary>
    public double RatePerSecond { get; }

    /// <summary>The most tokens the bucket holds.</summary>
    public int Burst { get; }

    /// <summary>Takes a token when one is there; otherwise says how long until one will be.</summary>
    public bool TryTake(out TimeSpan retryAfter)
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            var offset = OffsetOf(_time);
            var elapsed = (_time.GetElapsedTime(_lastTimestamp, now) + (offset > _lastOffset ? offset - _lastOffset : TimeSpan.Zero)).TotalSeconds;
            _lastTimestamp = now;
            _lastOffset = offset;
            _tokens = Math.Min(Burst, _tokens + (elapsed * RatePerSecond));
            if (_tokens >= 1)
            {
                _tokens -= 1;
                retryAfter = TimeSpan.Zero;
                return true;
            }

            retryAfter = TimeSpan.FromSeconds((1 - _tokens) / RatePerSecond);
            return false;
        }
    }

    private static TimeSpan OffsetOf(TimeProvider time) => time is Waharoa.Time.VirtualClock clock ? clock.Offset : TimeSpan.Zero;
}
