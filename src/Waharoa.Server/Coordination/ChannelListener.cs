using System.Net;
using StackExchange.Redis;

namespace Waharoa.Server.Coordination;

/// <summary>
/// An instance's subscription to the coordination channel (<see cref="CoordinationBus"/>), kept for as long as the
/// instance runs. It is made once the first connection attempt has ended, connected or not; the client makes it again
/// by itself whenever its pub/sub connection is made, and this listener checks that Redis took it, saying so in the log
/// when Redis refused it or did not answer.
/// </summary>
/// <param name="connection">The instance's Redis connection.</param>
/// <param name="channel">The channel.</param>
/// <param name="logger">Where a refusal or a late answer is said (the bus's own log category).</param>
internal sealed partial class ChannelListener(RedisConnection connection, RedisChannel channel, ILogger logger)
{
    /// <summary>How many times a probe asks again when Redis's answer comes too late.</summary>
    private const int ProbeAttempts = 10;

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
        connection.IsConnected && _subscriber is { } subscriber && subscriber.SubscribedEndpoint(channel) is not null && subscriber.IsConnected(channel);

    /// <summary>
    /// Starts listening, handing each message heard to <paramref name="received"/>, without waiting for Redis (once;
    /// nothing without Redis).
    /// </summary>
    public void Start(Action<RedisValue> received)
    {
        if (connection.Connecting is { } connecting && Interlocked.Exchange(ref _started, 1) == 0)
        {
            _ = ListenAsync(connecting, received);
        }
    }

    private async Task ListenAsync(Task<ConnectionMultiplexer?> connecting, Action<RedisValue> received)
    {
        if (await connecting.ConfigureAwait(false) is not { } multiplexer)
        {
            return;
        }

        var subscriber = multiplexer.GetSubscriber();
        _subscriber = subscriber;

        // The client registers the handler before this call first awaits, and from then on keeps the subscription.
        var subscribing = AnswerAsync(() => subscriber.SubscribeAsync(channel, (_, value) => received(value)));

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
                    answer = await AnswerAsync(() => subscriber.SubscribeAsync(channel, Confirm)).ConfigureAwait(false);
                }
                finally
                {
                    // The instance's own handler stays, so the client keeps the subscription (and sends no UNSUBSCRIBE).
                    subscriber.Unsubscribe(channel, Confirm, CommandFlags.FireAndForget);
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

    private static partial class Log
    {
        [LoggerMessage(6023, LogLevel.Warning, "Redis refused this instance's subscription to the coordination channel ({Reason}): revocations and key rotations on other instances will not reach it")]
        public static partial void NotSubscribed(ILogger logger, string reason);

        [LoggerMessage(6024, LogLevel.Warning, "Redis did not answer this instance's subscription to the coordination channel in time: other instances are heard once it has")]
        public static partial void SubscribeTimedOut(ILogger logger);

    }
}
