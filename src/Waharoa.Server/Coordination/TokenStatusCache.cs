using System.Collections.Concurrent;
using Waharoa.Grants;

namespace Waharoa.Server.Coordination;

/// <summary>
/// Recently read statuses of active tokens, so that a token used many times a second is read from the store about
/// once a second. Used only while revocation messages reach this instance: a revocation anywhere evicts the token
/// (or clears everything) through <see cref="CoordinationTopics.Revocations"/>, and the short lifetime bounds what a
/// lost message could cost. With Redis, while it is away every lookup reads the store, and when the connection changes
/// the cache starts empty, as messages may have been missed. On a store no other instance uses
/// (<see cref="ForThisInstanceOnly"/>) every revocation is this instance's own, told on the bus at once, and the cache is
/// always used. Lifetimes run on the real clock: a token's own expiry is checked by the caller against the
/// application's clock.
/// </summary>
internal sealed class TokenStatusCache : IDisposable
{
    /// <summary>How long a status is kept. One second: even a lost message leaves a revoked token usable no longer.</summary>
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromSeconds(1);

    /// <summary>The most statuses kept.</summary>
    public const int DefaultCapacity = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    // Null for an instance alone on its store, whose revocations are all its own: no connection to lose.
    private readonly RedisConnection? _connection;
    private readonly CoordinationBus _bus;
    private readonly IDisposable _subscription;
    private readonly long _lifetimeMs;
    private readonly int _capacity;
    private long _version;
    private long _epoch = -1;

    public TokenStatusCache(RedisConnection connection, CoordinationBus bus, TimeSpan? lifetime = null, int capacity = DefaultCapacity)
        : this(bus, connection ?? throw new ArgumentNullException(nameof(connection)), lifetime, capacity)
    {
    }

    private TokenStatusCache(CoordinationBus bus, RedisConnection? connection, TimeSpan? lifetime, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _connection = connection;
        _bus = bus;
        _lifetimeMs = (long)(lifetime ?? DefaultLifetime).TotalMilliseconds;
        _capacity = capacity;
        _subscription = bus.Subscribe(CoordinationTopics.Revocations, OnRevoked);
    }

    /// <summary>
    /// A cache for an instance that is alone on its store (embedded SQLite, no Redis): every revocation is made here and
    /// told on <paramref name="bus"/> before the call that made it answers, so the cache is trusted at all times.
    /// </summary>
    public static TokenStatusCache ForThisInstanceOnly(CoordinationBus bus, TimeSpan? lifetime = null, int capacity = DefaultCapacity) =>
        new(bus, null, lifetime, capacity);

    /// <summary>How many statuses are held now.</summary>
    public int Count => _entries.Count;

    /// <summary>The status of <paramref name="jti"/>: a cached one while it may be trusted, otherwise <paramref name="read"/>'s.</summary>
    public async Task<TokenStatus?> FindAsync(string jti, Func<string, CancellationToken, Task<TokenStatus?>> read, CancellationToken cancellationToken)
    {
        if (!Listening)
        {
            return await read(jti, cancellationToken).ConfigureAwait(false);
        }

        var epoch = Epoch;
        if (Interlocked.Exchange(ref _epoch, epoch) != epoch)
        {
            Clear();
        }

        if (_entries.TryGetValue(jti, out var cached) && cached.ExpiresAt > Environment.TickCount64)
        {
            return cached.Status;
        }

        // A revocation that lands while the store is read changes the version, and the status read is not kept.
        var version = Interlocked.Read(ref _version);
        var status = await read(jti, cancellationToken).ConfigureAwait(false);
        if (status is { TokenRevokedAt: null, Grant.RevokedAt: null } && Unchanged(version, epoch))
        {
            if (_entries.Count >= _capacity)
            {
                Sweep();
            }

            var entry = new Entry(status, Environment.TickCount64 + _lifetimeMs);
            _entries[jti] = entry;
            if (!Unchanged(version, epoch))
            {
                _entries.TryRemove(new KeyValuePair<string, Entry>(jti, entry));
            }
        }

        return status;
    }

    /// <inheritdoc />
    public void Dispose() => _subscription.Dispose();

    private bool Listening => _connection is null || _bus.IsListening;

    private long Epoch => _connection?.Epoch ?? 0;

    private bool Unchanged(long version, long epoch) =>
        Interlocked.Read(ref _version) == version && Epoch == epoch && Listening;

    private void OnRevoked(string message)
    {
        Interlocked.Increment(ref _version);
        if (message == CoordinationTopics.EveryToken)
        {
            _entries.Clear();
        }
        else
        {
            _entries.TryRemove(message, out _);
        }
    }

    private void Clear()
    {
        Interlocked.Increment(ref _version);
        _entries.Clear();
    }

    private void Sweep()
    {
        var now = Environment.TickCount64;
        foreach (var (jti, entry) in _entries)
        {
            if (entry.ExpiresAt <= now)
            {
                _entries.TryRemove(new KeyValuePair<string, Entry>(jti, entry));
            }
        }

        if (_entries.Count >= _capacity)
        {
            _entries.Clear();
        }
    }

    private sealed record Entry(TokenStatus Status, long ExpiresAt);
}
