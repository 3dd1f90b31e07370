using StackExchange.Redis;

namespace Waharoa.Server.Coordination;

/// <summary>
/// The instance's one connection to the Redis the instances share, when one is configured. It connects in the
/// background: a Redis that is missing at start neither delays nor fails the start, and a lost one is reconnected
/// to for as long as the instance runs. Logs one warning when Redis is lost and one line when it is back.
/// </summary>
internal sealed partial class RedisConnection : IAsyncDisposable
{
    private readonly ILogger<RedisConnection> _logger;
    private readonly string _endpoints = "";
    private readonly Task<ConnectionMultiplexer?>? _connecting;
    private volatile ConnectionMultiplexer? _multiplexer;
    private long _epoch;
    private int _lost;

    /// <summary>Starts connecting to <paramref name="configuration"/> (StackExchange.Redis's form); null or blank: no Redis.</summary>
    public RedisConnection(string? configuration, ILogger<RedisConnection> logger)
    {
        _logger = logger;
        if (string.IsNullOrWhiteSpace(configuration))
        {
            return;
        }

        var options = Options(configuration);
        _endpoints = string.Join(", ", options.EndPoints.Select(EndPointCollection.ToString));
        _connecting = ConnectAsync(options);
    }

    /// <summary>True when a Redis is configured.</summary>
    public bool IsConfigured => _connecting is not null;

    /// <summary>True when a Redis is configured and the instance is connected to it now.</summary>
    public bool IsConnected => _multiplexer?.IsConnected == true;

    /// <summary>
    /// Changes each time the connection is lost or restored, so that state kept on the strength of the connection
    /// (a cache evicted by messages) can tell that messages may have been missed since.
    /// </summary>
    public long Epoch => Interlocked.Read(ref _epoch);

    /// <summary>The database, or null while not connected (so that no call waits on a Redis that is away).</summary>
    public IDatabase? Database => IsConnected ? _multiplexer!.GetDatabase() : null;

    /// <summary>Completes with the multiplexer once the first attempt to connect has ended, connected or not; null without Redis.</summary>
    public Task<ConnectionMultiplexer?>? Connecting => _connecting;

    /// <summary>
    /// Options for a connection that never blocks a caller on a Redis that is away: the first connect does not
    /// abort, commands fail at once while disconnected, timeouts are short and reconnects frequent.
    /// </summary>
    private static ConfigurationOptions Options(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = Math.Min(options.ConnectTimeout, 2000);
        options.SyncTimeout = Math.Min(options.SyncTimeout, 1000);
        options.AsyncTimeout = Math.Min(options.AsyncTimeout, 1000);
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ReconnectRetryPolicy = new LinearRetry(500);
        return options;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_connecting is not null)
        {
            if (await _connecting.ConfigureAwait(false) is { } multiplexer)
            {
                await multiplexer.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task<ConnectionMultiplexer?> ConnectAsync(ConfigurationOptions options)
    {
        // Yield first, so that the constructor returns before the connect attempt does any work.
        await Task.Yield();
        ConnectionMultiplexer multiplexer;
        try
        {
            multiplexer = await ConnectionMultiplexer.ConnectAsync(options).ConfigureAwait(false);
        }
        catch (RedisException ex)
        {
            // Not expected without AbortOnConnectFail; the instance then runs as if Redis were away for good.
            Log.Lost(_logger, _endpoints, ex.GetType().Name);
            return null;
        }

        multiplexer.ConnectionFailed += (_, e) => OnFailed(e.FailureType);
        multiplexer.ConnectionRestored += (_, _) => OnRestored();
        _multiplexer = multiplexer;
        Interlocked.Increment(ref _epoch);
        if (multiplexer.IsConnected)
        {
            Log.Connected(_logger, _endpoints);
        }
        else
        {
            OnFailed(ConnectionFailureType.UnableToConnect);
        }

        return multiplexer;
    }

    private void OnFailed(ConnectionFailureType failure)
    {
        Interlocked.Increment(ref _epoch);
        if (Interlocked.Exchange(ref _lost, 1) == 0)
        {
            Log.Lost(_logger, _endpoints, failure.ToString());
        }
    }

    private void OnRestored()
    {
        Interlocked.Increment(ref _epoch);
        if (IsConnected && Interlocked.Exchange(ref _lost, 0) == 1)
        {
            Log.Restored(_logger, _endpoints);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(6001, LogLevel.Information, "Connected to Redis at {Endpoints}: throttling and revocations are shared with other instances")]
        public static partial void Connected(ILogger logger, string endpoints);

        [LoggerMessage(6002, LogLevel.Warning, "Redis at {Endpoints} is unreachable ({Failure}): throttling per instance and reading every token's status from the store until it is back")]
        public static partial void Lost(ILogger logger, string endpoints, string failure);

        [LoggerMessage(6003, LogLevel.Information, "Redis at {Endpoints} is back: throttling and revocations are shared again")]
        public static partial void Restored(ILogger logger, string endpoints);
    }
}
