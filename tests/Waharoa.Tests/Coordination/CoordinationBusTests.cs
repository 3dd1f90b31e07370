using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Waharoa.Server.Coordination;
using Waharoa.Testing;

namespace Waharoa.Tests.Coordination;

/// <summary>Signals between instances over a real Redis, and within one instance without it.</summary>
public sealed class CoordinationBusTests : IDisposable
{
    private const string Topic = "test-topic";
    private readonly StoreFolder _store = new();

    [Fact]
    public async Task Publish_ReachesEverySubscriberOnEveryInstance_Once()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await StartListeningAsync(redis);
        await using var b = await StartListeningAsync(redis);
        var onA = Record(a);
        var onB = Record(b);

        await a.Bus.PublishAsync(Topic, "keys rotated");

        Assert.Equal(["keys rotated"], onA);
        await WaitForAsync(() => !onB.IsEmpty);
        await Task.Delay(200);
        Assert.Equal(["keys rotated"], onA);
        Assert.Equal(["keys rotated"], onB);
    }

    [Fact]
    public async Task PublishOnce_FromACommandBesideTheInstances_ReachesEachOfThem()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await StartListeningAsync(redis);
        await using var b = await StartListeningAsync(redis);
        var onA = Record(a);
        var onB = Record(b);

        var receivers = await CoordinationBus.PublishOnceAsync(redis.Configuration, Topic, "*");

        Assert.Equal(2, receivers);
        await WaitForAsync(() => !onA.IsEmpty && !onB.IsEmpty);
        Assert.Equal(["*"], onA);
        Assert.Equal(["*"], onB);
    }

    [Fact]
    public async Task TwoSandboxesOnOneRedis_WithTheirOwnChannelPrefix_DoNotHearEachOther()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var sandboxA = await StartListeningAsync(redis.Configuration + ",channelPrefix=sandbox-a:");
        await using var sandboxB = await StartListeningAsync(redis.Configuration + ",channelPrefix=sandbox-b:");
        await using var alsoB = await StartListeningAsync(redis.Configuration + ",channelPrefix=sandbox-b:");
        var onA = Record(sandboxA);
        var onAlsoB = Record(alsoB);

        await sandboxB.Bus.PublishAsync(Topic, "for b");

        await WaitForAsync(() => !onAlsoB.IsEmpty);
        await Task.Delay(200);
        Assert.Equal(["for b"], onAlsoB);
        Assert.Empty(onA);
    }

    [Fact]
    public async Task Subscribe_RedisRefusesTheChannel_NotListening_AndWarns()
    {
        await using var redis = await RedisServer.StartAsync();
        var withoutChannels = await redis.ConfigurationForUserWithoutChannelsAsync();

        await using var a = CoordinatedInstance.Start(_store.Open(), withoutChannels);
        await Eventually.TrueAsync(() => Refusals(a).Any(), "No warning that Redis refused the subscription.");

        // Connected, but hearing nothing: an instance that counted itself as listening would cache token statuses that
        // another instance's revocation could never evict.
        Assert.True(a.Connection.IsConnected);
        Assert.False(a.Bus.IsListening);
    }

    /// <summary>
    /// Redis is away as the instance starts, so its subscription waits in the client; once Redis is back, the client
    /// subscribes by itself and Redis refuses: the instance still warns (a busy machine whose first connect outlasts
    /// its timeout takes this path).
    /// </summary>
    [Fact]
    public async Task Subscribe_RedisRefusesTheChannelOnceReachedAfterTheStart_Warns()
    {
        await using var redis = await RedisServer.StartAsync();
        var withoutChannels = await redis.ConfigurationForUserWithoutChannelsAsync();
        await redis.StopAsync();
        await using var a = CoordinatedInstance.Start(_store.Open(), withoutChannels);
        Assert.False((await a.Connection.Connecting!)!.IsConnected);

        // Back empty, as a restarted Redis without a saved ACL is: the user is added again.
        await redis.RestartAsync();
        await redis.ConfigurationForUserWithoutChannelsAsync();

        await Eventually.TrueAsync(() => Refusals(a).Any(), "No warning that Redis refused the subscription the client made once Redis was back.");
        Assert.True(a.Connection.IsConnected);
        Assert.False(a.Bus.IsListening);
    }

    /// <summary>
    /// The channel is taken from the instance's Redis user while it listens: Redis closes the connection, the client
    /// subscribes again by itself as it reconnects, and Redis refuses. The instance warns, once, and no longer counts
    /// itself as listening.
    /// </summary>
    [Fact]
    public async Task Subscribe_RefusedWhenTheClientSubscribesAgainAfterAReconnect_Warns()
    {
        await using var redis = await RedisServer.StartAsync();
        var configuration = await redis.ConfigurationForUserAsync("loses-channels");
        await using var a = CoordinatedInstance.Start(_store.Open(), configuration);
        await a.WaitUntilListeningAsync();

        await redis.TakeChannelsFromAsync("loses-channels");

        await Eventually.TrueAsync(() => Refusals(a).Any(), "No warning that Redis refused the subscription the client made again after the reconnect.");
        Assert.True(a.Connection.IsConnected);
        Assert.False(a.Bus.IsListening);
        await Task.Delay(500);
        Assert.Single(Refusals(a));
    }

    /// <summary>
    /// Redis's refusal arrives after the client has stopped waiting (a busy moment), and the client drops a late answer:
    /// the instance warns that Redis did not answer in time, asks again, and then warns that Redis refused.
    /// </summary>
    [Fact]
    public async Task Subscribe_RefusalArrivesTooLate_WarnsOfTheRefusalOnceAskedAgain()
    {
        await using var redis = await RedisServer.StartAsync();
        var withoutChannels = await redis.ConfigurationForUserWithoutChannelsAsync();
        await using var proxy = LateSubscribeAnswerProxy.Start(redis.Port, hold: TimeSpan.FromSeconds(3));
        await using var a = CoordinatedInstance.Start(_store.Open(), withoutChannels.Replace(redis.Configuration, $"127.0.0.1:{proxy.Port}", StringComparison.Ordinal));

        await Eventually.TrueAsync(() => Refusals(a).Any(), "No warning that Redis refused the subscription it answered late.");
        Assert.True(proxy.HeldAnAnswer);
        Assert.Contains(a.Logs.At(LogLevel.Warning, nameof(CoordinationBus)), e => e.Message.Contains("in time", StringComparison.Ordinal));
        Assert.False(a.Bus.IsListening);
    }

    /// <summary>
    /// Redis answers the subscription after the client has stopped waiting (a busy moment): the instance warns, counts
    /// itself as listening once the subscription is confirmed, and then hears the other instances, each message once.
    /// </summary>
    [Fact]
    public async Task Subscribe_RedisAnswersTooLate_Warns_ThenHearsEachMessageOnce()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var proxy = LateSubscribeAnswerProxy.Start(redis.Port, hold: TimeSpan.FromSeconds(3));
        await using var a = CoordinatedInstance.Start(_store.Open(), $"127.0.0.1:{proxy.Port}");
        var onA = Record(a);

        await a.WaitUntilListeningAsync();
        Assert.True(proxy.HeldAnAnswer);
        Assert.Contains(a.Logs.At(LogLevel.Warning, nameof(CoordinationBus)), e => e.Message.Contains("in time", StringComparison.Ordinal));
        await using var b = await StartListeningAsync(redis);
        await b.Bus.PublishAsync(Topic, "after a late answer");

        await WaitForAsync(() => !onA.IsEmpty);
        await Task.Delay(200);
        Assert.Equal(["after a late answer"], onA);
    }

    [Fact]
    public async Task PublishOnce_RedisAway_Throws()
    {
        await using var redis = await RedisServer.StartAsync();
        await redis.StopAsync();

        await Assert.ThrowsAsync<RedisConnectionException>(() => CoordinationBus.PublishOnceAsync(redis.Configuration, Topic, "*"));
    }

    [Fact]
    public async Task Subscribe_RedisAwayAtStart_HearsOtherInstancesOnceItIsUp()
    {
        await using var redis = await RedisServer.StartAsync();
        await redis.StopAsync();

        // The store opens (and migrates) first, off the clock: only what Redis being away costs is timed.
        var store = _store.Open();
        var clock = Stopwatch.StartNew();
        await using var a = CoordinatedInstance.Start(store, redis.Configuration);
        var onA = Record(a);
        // Waiting for Redis would take its whole connect timeout (2 s); anything under it did not wait. (Starting itself
        // takes up to a second on a loaded machine, so a tighter bound only measures the machine.)
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"Starting took {clock.Elapsed} without Redis.");

        await redis.RestartAsync();
        await a.WaitUntilListeningAsync();
        await using var b = await StartListeningAsync(redis);
        await b.Bus.PublishAsync(Topic, "hello");

        await WaitForAsync(() => !onA.IsEmpty);
        await Task.Delay(200);
        Assert.Equal(["hello"], onA);
    }

    [Fact]
    public async Task Publish_RedisAway_DeliversWithinTheInstanceAndWarns()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await StartListeningAsync(redis);
        var onA = Record(a);
        await redis.StopAsync();
        await a.WaitUntilDisconnectedAsync();

        await a.Bus.PublishAsync(Topic, "alone");

        Assert.Equal(["alone"], onA);
        Assert.Contains(a.Logs.At(LogLevel.Warning, nameof(CoordinationBus)), e => e.Message.Contains(Topic, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Publish_WithoutRedis_StaysWithinTheInstance_AndADisposedSubscriptionHearsNothing()
    {
        await using var a = CoordinatedInstance.Start(_store.Open(), redis: null);
        var heard = new ConcurrentQueue<string>();
        var subscription = a.Bus.Subscribe(Topic, heard.Enqueue);

        await a.Bus.PublishAsync(Topic, "one");
        subscription.Dispose();
        await a.Bus.PublishAsync(Topic, "two");

        Assert.Equal(["one"], heard);
        Assert.False(a.Bus.IsListening);
        Assert.Empty(a.Logs.At(LogLevel.Warning, nameof(CoordinationBus)));
    }

    [Fact]
    public async Task Publish_ASubscriberThrows_OthersStillHearIt()
    {
        await using var a = CoordinatedInstance.Start(_store.Open(), redis: null);
        using var failing = a.Bus.Subscribe(Topic, _ => throw new InvalidOperationException("subscriber fault"));
        var heard = Record(a);

        await a.Bus.PublishAsync(Topic, "still delivered");

        Assert.Equal(["still delivered"], heard);
        Assert.Single(a.Logs.At(LogLevel.Error, nameof(CoordinationBus)));
    }

    /// <summary>The instance's warnings that Redis refused its subscription.</summary>
    private static IEnumerable<LogEntry> Refusals(CoordinatedInstance instance) =>
        instance.Logs.At(LogLevel.Warning, nameof(CoordinationBus)).Where(e => e.Message.Contains("refused", StringComparison.Ordinal));

    public void Dispose() => _store.Dispose();

    private static ConcurrentQueue<string> Record(CoordinatedInstance instance)
    {
        var heard = new ConcurrentQueue<string>();
        instance.Bus.Subscribe(Topic, heard.Enqueue);
        return heard;
    }

    private static Task WaitForAsync(Func<bool> condition) => Eventually.TrueAsync(condition, "The message did not arrive.", TimeSpan.FromSeconds(5));

    private Task<CoordinatedInstance> StartListeningAsync(RedisServer redis) => StartListeningAsync(redis.Configuration);

    private async Task<CoordinatedInstance> StartListeningAsync(string configuration)
    {
        var instance = CoordinatedInstance.Start(_store.Open(), configuration);
        await instance.WaitUntilListeningAsync();
        return instance;
    }
}
