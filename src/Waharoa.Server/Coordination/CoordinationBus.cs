using System.Collections.Immutable;
using System.Net;
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

    /// <summary>How many times a probe asks again when Redis's answer comes too late.</summary>
    private const int ProbeAttempts = 10;

    private readonly string _sender = Guid.NewGuid().ToString("N");
    private readonly Lock _gate = new();
    private ImmutableDictionary<string, ImmutableArray<Action<string>>> _handlers = ImmutableDictionary<string, ImmutableArray<Action<string>>>.Empty;
    private volatile ISubscriber? _subscriber;
    private int _started;
    private int _probing;

    /// <summary>
    /// True when other instances' messages reach this one now: Redis is configured, connected, and has confirmed the
    /// subscription (the client records the subscribed server only on Redis's reply, and forgets it when the connection
    /// drops, until the subscription is made again). A subscription sent but not yet confirmed does not count: a message
    /// published meanwhile would not arrive.
    /// </summary>
    public bool IsListening =>
        connection.IsConnected && _subscriber is { } subscriber && subscriber.SubscribedEndpoint(Channel) is not null && subscriber.IsConnected(Channel);

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
        if (connection.Connecting is { } connecting && Interlocked.Exchange(ref _started, 1) == 0)
        {
            _ = ListenAsync(connecting);
        }

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

    private async Task ListenAsync(Task<ConnectionMultiplexer?> connecting)
    {
        if (await connecting.ConfigureAwait(false) is not { } multiplexer)
        {
            return;
        }

        var subscriber = multiplexer.GetSubscriber();
        _subscriber = subscriber;

        // The client registers the handler before this call first awaits, and from then on keeps the subscription.
        var subscribing = AnswerAsync(() => subscriber.SubscribeAsync(Channel, (_, value) => Received(value)));

        // The client subscribes again by itself whenever its pub/sub connection is made (after a reconnect, or when the
        // attempt above went out before Redis was reached), but says nothing when Redis refuses. Each such connection is
        // therefore followed by a probe: a subscription of this instance's own, with a handler that does nothing. When
        // the client's is confirmed the probe sends nothing; otherwise Redis's answer reaches this instance.
        multiplexer.ConnectionRestored += (_, e) =>
        {
            if (e.ConnectionType == ConnectionType.Subscription || SharesOneConnection(multiplexer, e.EndPoint))
            {
                _ = ProbeAsync(subscriber);
            }
        };

        switch (await subscribing.ConfigureAwait(false))
        {
            case Answer.Late:
                // A refusal arriving after the client stopped waiting is dropped: the probe asks until Redis answers.
                Log.SubscribeTimedOut(logger);
                _ = ProbeAsync(subscriber);
                break;
            case Answer.Away when multiplexer.IsConnected:
                // Connected between the attempt and the handler above: that connection's event was not heard.
                _ = ProbeAsync(subscriber);
                break;
        }
    }

    /// <summary>True when pub/sub shares the one connection to <paramref name="endPoint"/> (RESP3).</summary>
    private static bool SharesOneConnection(ConnectionMultiplexer multiplexer, EndPoint? endPoint)
    {
        try
        {
            return endPoint is not null && multiplexer.GetServer(endPoint).Protocol is >= RedisProtocol.Resp3;
        }
        catch (Exception ex) when (ex is ArgumentException or ObjectDisposedException)
        {
            return false;
        }
    }

    /// <summary>
    /// Makes the probe subscription, one at a time, and says whether Redis refused it. An answer that comes too late
    /// is asked for again (a refusal that arrives after the client stopped waiting would be lost), until Redis answers
    /// or the connection goes (its return probes again).
    /// </summary>
    private async Task ProbeAsync(ISubscriber subscriber)
    {
        if (Interlocked.Exchange(ref _probing, 1) == 1)
        {
            return;
        }

        try
        {
            for (var attempt = 1; attempt <= ProbeAttempts; attempt++)
            {
                Answer answer;
                try
                {
                    answer = await AnswerAsync(() => subscriber.SubscribeAsync(Channel, Confirm)).ConfigureAwait(false);
                }
                finally
                {
                    // The instance's own handler stays, so the client keeps the subscription (and sends no UNSUBSCRIBE).
                    subscriber.Unsubscribe(Channel, Confirm, CommandFlags.FireAndForget);
                }

                if (answer != Answer.Late)
                {
                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(500)).ConfigureAwait(false);
            }

            Log.SubscribeTimedOut(logger);
        }
        finally
        {
            Volatile.Write(ref _probing, 0);
        }
    }

    /// <summary>The handler of the probe subscription, made only to hear Redis's answer.</summary>
    private static void Confirm(RedisChannel channel, RedisValue value)
    {
    }

    /// <summary>Makes a subscription, waits for Redis's answer, and says a refusal.</summary>
    private async Task<Answer> AnswerAsync(Func<Task> subscribe)
    {
        try
        {
            await subscribe().ConfigureAwait(false);
            return Answer.Confirmed;
        }
        catch (RedisServerException ex)
        {
            Log.NotSubscribed(logger, ex.Message);
            return Answer.Refused;
        }
        catch (Exception ex) when (ex is RedisException or ObjectDisposedException)
        {
            // Away, or the connection closed as the instance stopped.
            return Answer.Away;
        }
        catch (TimeoutException)
        {
            return Answer.Late;
        }
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

    /// <summary>How Redis answered a subscription.</summary>
    private enum Answer
    {
        Confirmed,

        /// <summary>Refused (a user without access to the channel, say): this instance hears no other.</summary>
        Refused,

        /// <summary>Redis is away: the subscription stays registered and is made when the connection is.</summary>
        Away,

        /// <summary>No answer in time: the subscription stays registered, and counts once Redis has confirmed it.</summary>
        Late,
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

        [LoggerMessage(6023, LogLevel.Warning, "Redis refused this instance's subscription to the coordination channel ({Reason}): revocations and key rotations on other instances will not reach it")]
        public static partial void NotSubscribed(ILogger logger, string reason);

        [LoggerMessage(6024, LogLevel.Warning, "Redis did not answer this instance's subscription to the coordination channel in time: other instances are heard once it has")]
        public static partial void SubscribeTimedOut(ILogger logger);

        [LoggerMessage(6022, LogLevel.Error, "A subscriber to {Topic} signals failed")]
        public static partial void HandlerFailed(ILogger logger, string topic, Exception exception);
    }
}
