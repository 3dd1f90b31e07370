using Microsoft.Extensions.Logging;
using Waharoa.Grants;
using Waharoa.OAuth;
using Waharoa.Server.Coordination;
using Waharoa.Storage.Postgres;
using Waharoa.Testing;
using Waharoa.Tests.OAuth;

namespace Waharoa.Tests.Coordination;

/// <summary>
/// Two instances over one store and one real Redis: a revocation through either reaches the other's cache of token
/// statuses, and while Redis is away nothing is served from a cache; without Redis, an instance alone on its store
/// caches statuses that its own revocations evict, and one on a shared store reads the store every time.
/// </summary>
public sealed class RevocationFanOutTests : IDisposable
{
    private static readonly TimeSpan LongCacheLifetime = TimeSpan.FromMinutes(5);
    private readonly StoreFolder _store = new();

    /// <summary>Every way the OAuth core revokes (what <see cref="RevokeAsync"/> does).</summary>
    public static TheoryData<string> EveryRevocation => ["token", "refresh rotation", "grant", "code replay", "consent", "client removal"];

    [Theory]
    [MemberData(nameof(EveryRevocation))]
    public async Task Revocation_OnOneInstance_IsSeenByAnotherThatHadTheTokenCached_WithinOneSecond(string revocation)
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await StartListeningAsync(redis, LongCacheLifetime);
        await using var b = await StartListeningAsync(redis, LongCacheLifetime);
        var issued = await a.IssueAsync();
        var watched = revocation == "refresh rotation" ? issued.RefreshJti : issued.AccessJti;
        Assert.True(await b.IsActiveAsync(watched));
        Assert.Equal(1, b.Cache.Count);

        await RevokeAsync(a, revocation, issued);

        await Eventually.TrueAsync(async () => !await b.IsActiveAsync(watched), $"The other instance still took the token after the {revocation}.", TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Cache_WhileListening_KeepsAStatusRevokedBehindItsBack()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await StartListeningAsync(redis, LongCacheLifetime);
        await using var b = await StartListeningAsync(redis, LongCacheLifetime);
        var issued = await a.IssueAsync();
        Assert.True(await b.IsActiveAsync(issued.AccessJti));

        // Straight into the database: nothing announces it.
        Assert.True(await _store.Open().RevokeTokenAsync(issued.AccessJti, DateTimeOffset.UtcNow, CancellationToken.None));

        Assert.True(await b.IsActiveAsync(issued.AccessJti));
        Assert.False(await a.IsActiveAsync(issued.AccessJti));
    }

    [Fact]
    public async Task Cache_RevocationNobodyAnnounced_IsSeenOnceTheOneSecondLifetimeEnds()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await StartListeningAsync(redis, cacheLifetime: null);
        var issued = await a.IssueAsync();
        Assert.True(await a.IsActiveAsync(issued.AccessJti));

        await _store.Open().RevokeTokenAsync(issued.AccessJti, DateTimeOffset.UtcNow, CancellationToken.None);

        await Eventually.TrueAsync(
            async () => !await a.IsActiveAsync(issued.AccessJti), "A cached status outlived its lifetime.", TokenStatusCache.DefaultLifetime + TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public async Task Cache_WhileRedisIsDown_IsBypassed_SoARevocationIsSeenAtOnce()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await StartListeningAsync(redis, LongCacheLifetime);
        await using var b = await StartListeningAsync(redis, LongCacheLifetime);
        var issued = await a.IssueAsync();
        Assert.True(await b.IsActiveAsync(issued.AccessJti));

        await redis.StopAsync();
        await a.WaitUntilDisconnectedAsync();
        await b.WaitUntilDisconnectedAsync();
        Assert.True(await a.Revocations.RevokeTokenAsync(issued.AccessJti, CancellationToken.None));

        Assert.False(await b.IsActiveAsync(issued.AccessJti));
        await Eventually.TrueAsync(() => b.Logs.At(LogLevel.Warning, nameof(RedisConnection)).Count == 1, "No warning that Redis was lost.");
        Assert.Contains(a.Logs.At(LogLevel.Warning, nameof(CoordinationBus)), e => e.Message.Contains("revocations", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cache_AfterRedisComesBack_StartsEmpty()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = await StartListeningAsync(redis, LongCacheLifetime);
        var issued = await a.IssueAsync();
        Assert.True(await a.IsActiveAsync(issued.AccessJti));

        await redis.StopAsync();
        await a.WaitUntilDisconnectedAsync();
        await _store.Open().RevokeTokenAsync(issued.AccessJti, DateTimeOffset.UtcNow, CancellationToken.None);
        await redis.RestartAsync();
        await a.WaitUntilListeningAsync();

        Assert.False(await a.IsActiveAsync(issued.AccessJti));
        // The client library raises its "restored" event on a worker of its own, possibly after the bus listens again.
        await Eventually.TrueAsync(
            () => a.Logs.At(LogLevel.Information, nameof(RedisConnection)).Any(e => e.Message.Contains("is back", StringComparison.Ordinal)),
            "No line that Redis is back.");
    }

    [Theory]
    [MemberData(nameof(EveryRevocation))]
    public async Task Cache_WithoutRedis_OnAStoreOfItsOwn_TakesEveryRevocationOfTheInstanceAtOnce(string revocation)
    {
        await using var a = CoordinatedInstance.Start(_store.Open(), redis: null, cacheLifetime: LongCacheLifetime);
        var issued = await a.IssueAsync();
        var watched = revocation == "refresh rotation" ? issued.RefreshJti : issued.AccessJti;
        Assert.True(await a.IsActiveAsync(watched));
        Assert.Equal(1, a.Cache.Count);

        await RevokeAsync(a, revocation, issued);

        Assert.False(await a.IsActiveAsync(watched));
    }

    [Fact]
    public async Task Cache_WithoutRedis_OnAStoreOfItsOwn_SeesAWriteBehindItsBackOnceTheOneSecondLifetimeEnds()
    {
        await using var a = CoordinatedInstance.Start(_store.Open(), redis: null);
        var issued = await a.IssueAsync();
        Assert.True(await a.IsActiveAsync(issued.AccessJti));
        Assert.Equal(1, a.Cache.Count);

        // Straight into the database: nothing announces it (as a second server on the same folder, or the CLI writing to
        // the store when it cannot reach the running server, would).
        await _store.Open().RevokeTokenAsync(issued.AccessJti, DateTimeOffset.UtcNow, CancellationToken.None);

        await Eventually.TrueAsync(
            async () => !await a.IsActiveAsync(issued.AccessJti), "A cached status outlived its lifetime.", TokenStatusCache.DefaultLifetime + TimeSpan.FromMilliseconds(500));
    }

    [Fact]
    public async Task Store_SharedWithoutRedis_IsTheStoreItself_SoEveryRevocationIsSeenAtOnce()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using var store = await PostgresStore.OpenAsync(database.ConnectionString);
        await using var other = await PostgresStore.OpenAsync(database.ConnectionString);
        await using var a = CoordinatedInstance.Start(store, redis: null);
        var issued = await a.IssueAsync();
        Assert.True(await a.IsActiveAsync(issued.AccessJti));

        // Another instance's revocation, which no bus carries here.
        await other.RevokeTokenAsync(issued.AccessJti, DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.True(store.IsShared);
        Assert.Same(store, a.Tokens);
        Assert.False(await a.IsActiveAsync(issued.AccessJti));
        Assert.False(a.Connection.IsConfigured);
    }

    public void Dispose() => _store.Dispose();

    private async Task<CoordinatedInstance> StartListeningAsync(RedisServer redis, TimeSpan? cacheLifetime)
    {
        var instance = CoordinatedInstance.Start(_store.Open(), redis.Configuration, cacheLifetime: cacheLifetime);
        await instance.WaitUntilListeningAsync();
        return instance;
    }

    private static async Task RevokeAsync(CoordinatedInstance instance, string revocation, (string GrantId, string AccessJti, string RefreshJti, string CodeId) issued)
    {
        var none = CancellationToken.None;
        var client = CoordinatedInstance.Client;
        switch (revocation)
        {
            case "token":
                Assert.True(await instance.Revocations.RevokeTokenAsync(issued.AccessJti, none));
                break;
            case "refresh rotation":
                var refreshed = await instance.Refreshes.RefreshAsync(issued.RefreshJti, client, GatewayEndpoint.Cloud, OpaqueTestTokens.Policy, none);
                Assert.NotNull(refreshed.Tokens);
                break;
            case "grant":
                Assert.True(await instance.Revocations.RevokeGrantAsync(issued.GrantId, none));
                break;
            case "code replay":
                var replayed = await instance.Codes.ExchangeAsync(
                    new PresentedCode(issued.CodeId, "https://dsp.example/cb", null), client, GatewayEndpoint.Cloud, OpaqueTestTokens.Policy, none);
                Assert.Equal(GrantRefusal.CodeReplayed, replayed.Refusal);
                break;
            case "consent":
                await instance.Revocations.RevokeConsentAsync("user1", "client1", none);
                break;
            case "client removal":
                await instance.Revocations.RemoveClientAsync("client1", none);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(revocation), revocation, null);
        }
    }
}
