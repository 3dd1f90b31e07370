using System.Collections.Immutable;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace Waharoa.Server.Coordination;

/// <summary>
/// <see cref="ICoordinationBus"/> over one Redis channel that every instance subscribes to. A message travels as
/// <c>sender\ntopic\nmessage</c>; an instance delivers its own messages to its subscribers directly and ignores
/// their echo from Redis, so each subscriber hears each message once. It subscribes as the host starts.
/// </summary>
internal sealed partial class CoordinationBus(RedisConnection connection, ILogger<CoordinationBus> logger) : ICoordinationBus, IHostedService
{
    /// <summary>The channel the instances share.</summary>
    public static readonly RedisChannel Channel = RedisChannel.Literal("waharoa:coordination");

    /// <summary>The longest a publish waits on Redis before giving up (with a warning).</summary>
    public static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(1);

    private readonly string _sender = Guid.NewGuid().ToString("N");
    private readonly Lock _gate = new();
    private readonly ChannelListener _listener = new(connection, Channel, logger);
    private ImmutableDictionary<string, ImmutableArray<Action<string>>> _handlers = ImmutableDictionary<string, ImmutableArray<Action<string>>>.Empty;

    /// <summary>
    /// True when other instances' messages reach this one now: Redis is configured, connected, and has confirmed the
    /// subscription (<see cref="ChannelListener.IsListening"/>).
    /// </summary>
    public bool IsListening => _listener.IsListening;

    /// <summary>
    /// Publishes one message to every instance listening on the Redis at <paramref name="redisConfiguration"/>, then
    /// disconnects: for a command run beside the instances (revoking consents, rotating keys). Returns how many
    /// instances received it; throws <see cref="RedisConnectionException"/> when Redis cannot be reached.
    /// </summary>
    public static async Task<long> PublishOnceAsync(string redisConfiguration, string topic, string message, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(redisConfiguration);
        var envelope = Envelope(Guid.NewGuid().ToString("N"), topic, message);
        var options = ConfigurationOptions.Parse(redisConfiguration);
        options.ConnectTimeout = Math.Min(options.ConnectTimeout, 5000);
        await using var multiplexer = await ConnectionMultiplexer.ConnectAsync(options).WaitAsync(cancellationToken).ConfigureAwait(false);
        return await multiplexer.GetSubscriber().PublishAsync(Channel, envelope).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task PublishAsync(string topic, string message, CancellationToken cancellationToken = default)
    {
        var envelope = Envelope(_sender, topic, message);
        Deliver(topic, message);
        if (!connection.IsConfigured)
        {
            return;
        }

        var database = connection.Database;
        if (database is null)
        {
            Log.NotPublished(logger, topic, "not connected");
            return;
        }

        try
        {
            await database.PublishAsync(Channel, envelope).WaitAsync(PublishTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Log.NotPublished(logger, topic, ex.GetType().Name);
        }
    }

    /// <inheritdoc />
    /// <remarks>Does not wait for Redis: the subscription is made once the connection is, and again after each reconnect.</remarks>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _listener.Start(Received);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public IDisposable Subscribe(string topic, Action<string> handler)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentNullException.ThrowIfNull(handler);
        lock (_gate)
        {
            _handlers = _handlers.SetItem(topic, _handlers.GetValueOrDefault(topic, []).Add(handler));
        }

        return new Subscription(this, topic, handler);
    }

    private static string Envelope(string sender, string topic, string message)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentNullException.ThrowIfNull(message);
        if (topic.Contains('\n', StringComparison.Ordinal))
        {
            throw new ArgumentException("A topic is one line.", nameof(topic));
        }

        return string.Concat(sender, "\n", topic, "\n", message);
    }

    private void Received(RedisValue value)
    {
        var text = (string?)value;
        var parts = text?.Split('\n', 3);
        if (parts is not { Length: 3 } || parts[0] == _sender)
        {
            return;
        }

        Deliver(parts[1], parts[2]);
    }

    private void Deliver(string topic, string message)
    {
        if (!Volatile.Read(ref _handlers).TryGetValue(topic, out var handlers))
        {
            return;
        }

        foreach (var handler in handlers)
        {
            // One failing subscriber must not keep the message from the others.
            try
            {
                handler(message);
            }
            catch (Exception ex)
            {
                Log.HandlerFailed(logger, topic, ex);
            }
        }
    }

    private void Unsubscribe(string topic, Action<string> handler)
    {
        lock (_gate)
        {
            if (_handlers.TryGetValue(topic, out var handlers))
            {
                handlers = handlers.Remove(handler);
                _handlers = handlers.IsEmpty ? _handlers.Remove(topic) : _handlers.SetItem(topic, handlers);
            }
        }
    }

    private sealed class Subscription(CoordinationBus bus, string topic, Action<string> handler) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                bus.Unsubscribe(topic, handler);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(6021, LogLevel.Warning, "A {Topic} signal reached this instance only: Redis did not take it ({Reason})")]
        public static partial void NotPublished(ILogger logger, string topic, string reason);

        [LoggerMessage(6022, LogLevel.Error, "A subscriber to {Topic} signals failed")]
        public static partial void HandlerFailed(ILogger logger, string topic, Exception exception);
    }
}
