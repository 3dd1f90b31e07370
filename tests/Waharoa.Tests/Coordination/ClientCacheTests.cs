using Waharoa.Clients;
using Waharoa.Server.Coordination;
using Waharoa.Storage;
using Waharoa.Testing;

namespace Waharoa.Tests.Coordination;

/// <summary>
/// An instance alone on its store (embedded SQLite, no Redis) remembers the clients the gateway finds by certificate
/// for a second: every change it makes itself holds at once, one written behind its back once the second is over; an
/// instance that shares its store or a Redis reads the store every time.
/// </summary>
public sealed class ClientCacheTests : IDisposable
{
    private const string Thumbprint = "0F1E2D3C4B5A69788796A5B4C3D2E1F00F1E2D3C4B5A69788796A5B4C3D2E1F0";
    private readonly StoreFolder _store = new();

    private static DspClient Enrolled(string clientId = "client1") =>
        new(clientId, "Client one", ClientKind.Cloud, "unused", ["https://dsp.example/cb"], Thumbprint, DateTimeOffset.UnixEpoch) { Services = ["*"] };

    [Fact]
    public async Task AloneOnItsStore_AClientDisabledBehindItsBack_IsStillFoundWithinTheSecond_AndRefusedAfterIt()
    {
        await using var a = CoordinatedInstance.Start(_store.Open(), redis: null);
        Assert.IsType<CachedClientStore>(a.Clients);
        Assert.True(await a.Clients.AddClientAsync(Enrolled(), CancellationToken.None));
        Assert.Equal("client1", (await a.Clients.FindClientByCertificateAsync(Thumbprint, null, CancellationToken.None))?.ClientId);

        // Straight into the database, as the CLI writes when it cannot reach the server: nothing tells the instance.
        Assert.True(await _store.Open().SetClientDisabledAsync("client1", true, CancellationToken.None));

        Assert.NotNull(await a.Clients.FindClientByCertificateAsync(Thumbprint, null, CancellationToken.None));
        await Eventually.TrueAsync(
            async () => await a.Clients.FindClientByCertificateAsync(Thumbprint, null, CancellationToken.None) is null,
            "A disabled client was still found after the cache's lifetime.",
            CachedClientStore.Lifetime + TimeSpan.FromMilliseconds(500));
    }

    public static TheoryData<string> EveryChange => ["disable", "certificate removed", "remove"];

    [Theory]
    [MemberData(nameof(EveryChange))]
    public async Task AloneOnItsStore_EveryChangeOfItsOwn_HoldsAtOnce(string change)
    {
        await using var a = CoordinatedInstance.Start(_store.Open(), redis: null);
        Assert.True(await a.Clients.AddClientAsync(Enrolled(), CancellationToken.None));
        Assert.NotNull(await a.Clients.FindClientByCertificateAsync(Thumbprint, null, CancellationToken.None));
        Assert.NotNull(await a.Clients.FindClientAsync("client1", CancellationToken.None));

        switch (change)
        {
            case "disable":
                Assert.True(await a.Clients.SetClientDisabledAsync("client1", true, CancellationToken.None));
                break;
            case "certificate removed":
                Assert.True(await a.Clients.UpdateClientAsync(Enrolled() with { CertificateThumbprint = null }, CancellationToken.None));
                break;
            default:
                Assert.True(await a.Revocations.RemoveClientAsync("client1", CancellationToken.None));
                break;
        }

        Assert.Null(await a.Clients.FindClientByCertificateAsync(Thumbprint, null, CancellationToken.None));
        Assert.Equal(change == "certificate removed", await a.Clients.FindClientAsync("client1", CancellationToken.None) is not null);
    }

    [Fact]
    public async Task AloneOnItsStore_AClientAddedBehindItsBack_IsFoundAtOnce()
    {
        await using var a = CoordinatedInstance.Start(_store.Open(), redis: null);
        Assert.Null(await a.Clients.FindClientByCertificateAsync(Thumbprint, null, CancellationToken.None));

        Assert.True(await _store.Open().AddClientAsync(Enrolled(), CancellationToken.None));

        Assert.Equal("client1", (await a.Clients.FindClientByCertificateAsync(Thumbprint, null, CancellationToken.None))?.ClientId);
    }

    [Fact]
    public async Task WithRedis_ClientsAreReadFromTheStoreEveryTime()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var a = CoordinatedInstance.Start(_store.Open(), redis.Configuration);
        Assert.IsNotType<CachedClientStore>(a.Clients);
        Assert.True(await a.Clients.AddClientAsync(Enrolled(), CancellationToken.None));
        Assert.NotNull(await a.Clients.FindClientByCertificateAsync(Thumbprint, null, CancellationToken.None));

        Assert.True(await _store.Open().SetClientDisabledAsync("client1", true, CancellationToken.None));

        Assert.Null(await a.Clients.FindClientByCertificateAsync(Thumbprint, null, CancellationToken.None));
    }

    public void Dispose() => _store.Dispose();
}
