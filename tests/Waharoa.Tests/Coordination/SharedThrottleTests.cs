using System.Diagnostics;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using Waharoa.Grants;
using Waharoa.Server.Coordination;
using Waharoa.Server.Gateway;
using Waharoa.Testing;

namespace Waharoa.Tests.Coordination;

/// <summary>The gateway's per-DSP rate counted across instances in a real Redis, and locally while Redis is away.</summary>
public sealed class SharedThrottleTests : IDisposable
{
    private const int Burst = 4;
    private readonly StoreFolder _store = new();

    [Fact]
    public async Task TryAdmit_TwoInstancesOverOneRedis_ShareOneBucket()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await StartListeningAsync(redis);
        await using var b = await StartListeningAsync(redis);

        for (var i = 0; i < Burst; i++)
        {
            Assert.NotNull((await (i % 2 == 0 ? a : b).Throttle.TryAdmitAsync(GatewayEndpoint.Cloud, "dsp")).Lease);
        }

        var refusedOnA = await a.Throttle.TryAdmitAsync(GatewayEndpoint.Cloud, "dsp");
        var refusedOnB = await b.Throttle.TryAdmitAsync(GatewayEndpoint.Cloud, "dsp");

        Assert.Null(refusedOnA.Lease);
        Assert.Null(refusedOnB.Lease);
        Assert.InRange(refusedOnA.RetryAfter, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1));
        Assert.NotNull((await a.Throttle.TryAdmitAsync(GatewayEndpoint.Desktop, "dsp")).Lease);
        Assert.NotNull((await b.Throttle.TryAdmitAsync(GatewayEndpoint.Cloud, "another dsp")).Lease);
    }

    [Fact]
    public async Task Bucket_InRedis_ExpiresOnceItWouldBeFullAgain()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await StartListeningAsync(redis);
        await using var raw = await ConnectionMultiplexer.ConnectAsync(redis.Configuration);

        Assert.NotNull((await a.Throttle.TryAdmitAsync(GatewayEndpoint.Cloud, "dsp")).Lease);

        var timeToLive = await raw.GetDatabase().KeyTimeToLiveAsync("waharoa:throttle:cloud:dsp");
        Assert.NotNull(timeToLive);
        Assert.InRange(timeToLive.Value, TimeSpan.FromMilliseconds(1), TimeSpan.FromSeconds(Burst / Options().Cloud.RatePerSecond + 1));
    }

    [Fact]
    public async Task TryAdmit_RedisStopped_ThrottlesLocallyAtOnceAndWarnsOnce()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await StartListeningAsync(redis);
        Assert.NotNull((await a.Throttle.TryAdmitAsync(GatewayEndpoint.Cloud, "dsp")).Lease);

        await redis.StopAsync();
        var admitted = 0;
        var slowest = TimeSpan.Zero;
        for (var i = 0; i < Burst + 3; i++)
        {
            var call = Stopwatch.StartNew();
            var (lease, _) = await a.Throttle.TryAdmitAsync(GatewayEndpoint.Cloud, "dsp");
            slowest = i == 0 ? slowest : TimeSpan.FromTicks(Math.Max(slowest.Ticks, call.Elapsed.Ticks));
            admitted += lease is null ? 0 : 1;
        }

        // The instance's own bucket, full when Redis went: a burst, then refusals.
        Assert.Equal(Burst, admitted);
        Assert.True(slowest < TimeSpan.FromMilliseconds(100), $"A call waited {slowest} on a Redis that was away.");
        Assert.Single(a.Logs.At(LogLevel.Warning, nameof(SharedTokenBucket)));
        await Eventually.TrueAsync(() => a.Logs.At(LogLevel.Warning, nameof(RedisConnection)).Count == 1, "No warning that Redis was lost.");
    }

    [Fact]
    public async Task TryAdmit_RedisRestarted_SharingResumes()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await StartListeningAsync(redis);
        await using var b = await StartListeningAsync(redis);
        await redis.StopAsync();
        await a.WaitUntilDisconnectedAsync();
        Assert.NotNull((await a.Throttle.TryAdmitAsync(GatewayEndpoint.Cloud, "dsp")).Lease);

        await redis.RestartAsync();
        await a.WaitUntilListeningAsync();
        await b.WaitUntilListeningAsync();
        await Task.Delay(SharedTokenBucket.RetryAfterFailure + TimeSpan.FromMilliseconds(200));

        for (var i = 0; i < Burst; i++)
        {
            Assert.NotNull((await (i % 2 == 0 ? a : b).Throttle.TryAdmitAsync(GatewayEndpoint.Cloud, "dsp 2")).Lease);
        }

        Assert.Null((await a.Throttle.TryAdmitAsync(GatewayEndpoint.Cloud, "dsp 2")).Lease);
        Assert.Null((await b.Throttle.TryAdmitAsync(GatewayEndpoint.Cloud, "dsp 2")).Lease);
        Assert.Contains(a.Logs.At(LogLevel.Information, nameof(SharedTokenBucket)), e => e.Message.Contains("resumed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TryAdmit_ManyConcurrentCallsFromThreeInstances_NeverAdmitMoreThanTheBurst()
    {
        const int burst = 25;
        var options = Options(ratePerSecond: 0.001, burst, maxConcurrentRequests: 1000);
        await using var redis = await RedisServer.StartAsync();
        await using var a = await StartListeningAsync(redis, options);
        await using var b = await StartListeningAsync(redis, options);
        await using var c = await StartListeningAsync(redis, options);
        CoordinatedInstance[] instances = [a, b, c];

        var calls = Enumerable.Range(0, 300)
            .Select(i => Task.Run(async () => await instances[i % 3].Throttle.TryAdmitAsync(GatewayEndpoint.Cloud, "dsp")))
            .ToArray();
        var results = await Task.WhenAll(calls);

        Assert.Equal(burst, results.Count(r => r.Lease is not null));
        Assert.All(results.Where(r => r.Lease is null), r => Assert.True(r.RetryAfter > TimeSpan.FromSeconds(100)));
        Assert.Empty(a.Logs.At(LogLevel.Warning, nameof(SharedTokenBucket)));
    }

    public void Dispose() => _store.Dispose();

    private static GatewayOptions Options(double ratePerSecond = 1, int burst = Burst, int maxConcurrentRequests = 100)
    {
        var options = new GatewayOptions();
        foreach (var policy in new[] { options.Cloud, options.Desktop })
        {
            policy.RatePerSecond = ratePerSecond;
            policy.Burst = burst;
            policy.MaxConcurrentRequests = maxConcurrentRequests;
        }

        return options;
    }

    private async Task<CoordinatedInstance> StartListeningAsync(RedisServer redis, GatewayOptions? options = null)
    {
        var instance = CoordinatedInstance.Start(_store.Open(), redis.Configuration, options ?? Options());
        await instance.WaitUntilListeningAsync();
        await Eventually.SharedAsync(instance.SharedBucket);
        return instance;
    }
}
