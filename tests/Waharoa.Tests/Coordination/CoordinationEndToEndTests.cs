using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Waharoa.Server.Coordination;
using Waharoa.Testing;
using Waharoa.Tests.Gateway;

namespace Waharoa.Tests.Coordination;

/// <summary>Two real servers configured with one real Redis, which goes away and comes back.</summary>
public sealed class CoordinationEndToEndTests
{
    private const string Path = "/gateway/echo/things";

    [Fact]
    public async Task Servers_WithRedis_ShareTheThrottle_KeepServingWhileItIsAway_AndShareAgainWhenItReturns()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var upstream = await EchoUpstream.StartAsync();
        await using var one = await StartAsync(redis, upstream);
        await using var two = await StartAsync(redis, upstream);
        using var cloudOne = one.CreateCloudClient();
        using var cloudTwo = two.CreateCloudClient();
        var jwtOne = M2mJwt(one);
        var jwtTwo = M2mJwt(two);
        var (access, _) = await TokenCalls.NewCloudTokensAsync(one, cloudOne);
        await WaitUntilListeningAsync(one, two);

        // Both servers' demo cloud client is one DSP: a burst of three across the two.
        await AssertSharedBurstAsync(cloudOne, jwtOne, cloudTwo, jwtTwo);

        await redis.StopAsync();
        var clock = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.OK, (await cloudOne.SendAsync(Get("Bearer " + access))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await cloudOne.SendAsync(Get(jwtOne))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await TokenCalls.ValidateAsync(cloudOne, one.CloudClient, access)).Status);
        Assert.Equal(HttpStatusCode.OK, (await TokenCalls.DeleteAsync(cloudOne, one.CloudClient, access)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await cloudOne.SendAsync(Get("Bearer " + access))).StatusCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"Serving without Redis took {clock.Elapsed}.");

        await redis.RestartAsync();
        await WaitUntilListeningAsync(one, two);
        await AssertSharedBurstAsync(cloudOne, jwtOne, cloudTwo, jwtTwo);
    }

    private static async Task AssertSharedBurstAsync(HttpClient cloudOne, string jwtOne, HttpClient cloudTwo, string jwtTwo)
    {
        Assert.Equal(HttpStatusCode.OK, (await cloudOne.SendAsync(Get(jwtOne))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await cloudTwo.SendAsync(Get(jwtTwo))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await cloudOne.SendAsync(Get(jwtOne))).StatusCode);
        using var throttledOnTwo = await cloudTwo.SendAsync(Get(jwtTwo));
        Assert.Equal(HttpStatusCode.TooManyRequests, throttledOnTwo.StatusCode);
        Assert.True(throttledOnTwo.Headers.RetryAfter!.Delta >= TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await cloudOne.SendAsync(Get(jwtOne))).StatusCode);
    }

    private static Task<WaharoaTestHost> StartAsync(RedisServer redis, EchoUpstream upstream) =>
        WaharoaTestHost.StartAsync(
            configure: o =>
            {
                o.Redis = redis.Configuration;
                o.Gateway.Cloud.Burst = 3;
                o.Gateway.Cloud.RatePerSecond = 0.01;
            },
            configuration: upstream.Route("echo", "/gateway/echo/{**rest}", service: "echo"));

    private static async Task WaitUntilListeningAsync(params WaharoaTestHost[] hosts)
    {
        foreach (var host in hosts)
        {
            var bus = host.Server.Services.GetRequiredService<CoordinationBus>();
            await Eventually.TrueAsync(() => bus.IsListening, "A server did not connect to Redis.");
            await Eventually.SharedAsync(host.Server.Services.GetRequiredService<SharedTokenBucket>());
        }
    }

    private static string M2mJwt(WaharoaTestHost host)
    {
        using var certificate = host.LoadCloudClientCertificate();
        return M2mTokens.Create(certificate, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(9));
    }

    private static HttpRequestMessage Get(string authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Path);
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return request;
    }
}
