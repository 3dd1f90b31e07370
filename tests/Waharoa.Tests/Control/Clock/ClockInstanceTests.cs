using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Waharoa.Server.Coordination;
using Waharoa.Testing;
using Waharoa.Tests.AccountApi;
using Waharoa.Tests.Coordination;
using static Waharoa.Tests.Control.Clock.ClockApi;

namespace Waharoa.Tests.Control.Clock;

/// <summary>Two instances on one PostgreSQL database and one Redis: one clock.</summary>
public sealed class ClockInstanceTests
{
    [Fact]
    public async Task A_clock_advanced_on_A_is_Bs_clock_at_once_and_B_refuses_the_token_it_expired()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var database = await PostgresDatabase.CreateAsync();
        void Configure(Server.Hosting.WaharoaOptions o)
        {
            o.Postgres = database.ConnectionString;
            o.Store.KeyEncryptionKey = PostgresDatabase.KeyEncryptionKey;
            o.Redis = redis.Configuration;
        }

        await using var a = await WaharoaTestHost.StartAsync(configure: Configure);
        await using var b = await WaharoaTestHost.StartAsync(configure: Configure);
        await Eventually.TrueAsync(
            () => a.Server.Services.GetRequiredService<RedisConnection>().IsConnected && b.Server.Services.GetRequiredService<RedisConnection>().IsConnected,
            "The instances did not connect to Redis.");
        using var controlA = a.CreateControlClient();
        using var controlB = b.CreateControlClient();
        using var cloudA = a.CreateCloudClient();
        using var cloudB = b.CreateCloudClient(a.LoadCloudClientCertificate());
        var (access, _) = await TokenCalls.NewCloudTokensAsync(a, cloudA);
        Assert.Equal(HttpStatusCode.OK, (await AccountApiCalls.ListAsync(cloudB, "Bearer " + access, AccountApiCalls.DemoCustomer)).Status);

        var moved = await MovedAsync(AdvanceAsync(controlA, "8h1m"));

        // Announced over Redis: well within the second an instance without Redis may take to re-read it.
        await Eventually.TrueAsync(
            async () => (await GetAsync(controlB)).Body.GetProperty("offset").GetString() == "+8h1m",
            "B did not take A's clock", TimeSpan.FromMilliseconds(500));
        Assert.Equal(moved.GetProperty("offsetMilliseconds").GetInt64(), (await GetAsync(controlB)).Body.GetProperty("offsetMilliseconds").GetInt64());
        var (refused, body) = await AccountApiCalls.ListAsync(cloudB, "Bearer " + access, AccountApiCalls.DemoCustomer);
        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.Contains("EV1020", body.ToString(), StringComparison.Ordinal);

        // And back, from B.
        await MovedAsync(ResetAsync(controlB));
        await Eventually.TrueAsync(async () => !(await GetAsync(controlA)).Body.GetProperty("virtual").GetBoolean(), "A did not take B's reset", TimeSpan.FromMilliseconds(500));
        Assert.Equal(HttpStatusCode.OK, (await AccountApiCalls.ListAsync(cloudA, "Bearer " + access, AccountApiCalls.DemoCustomer)).Status);
    }

    [Fact]
    public async Task Without_Redis_an_instance_takes_the_others_clock_from_the_store_within_a_second_or_so()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        void Configure(Server.Hosting.WaharoaOptions o)
        {
            o.Postgres = database.ConnectionString;
            o.Store.KeyEncryptionKey = PostgresDatabase.KeyEncryptionKey;
        }

        await using var a = await WaharoaTestHost.StartAsync(configure: Configure);
        await using var b = await WaharoaTestHost.StartAsync(configure: Configure);
        using var controlA = a.CreateControlClient();
        using var controlB = b.CreateControlClient();

        await MovedAsync(AdvanceAsync(controlA, "2d"));

        await Eventually.TrueAsync(
            async () => (await GetAsync(controlB)).Body.GetProperty("offset").GetString() == "+2d",
            "B did not re-read the clock from the store", TimeSpan.FromSeconds(3));
    }
}
