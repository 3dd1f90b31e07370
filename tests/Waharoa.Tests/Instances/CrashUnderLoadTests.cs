using System.Collections.Concurrent;
using System.Net;
using Waharoa.Testing;

namespace Waharoa.Tests.Instances;

/// <summary>
/// <c>kill -9</c> of a server while clients refresh tokens as fast as they can, in both dialects: after a restart,
/// every token a client received before the kill is still valid, except the START refresh tokens that their own
/// rotation spent. (A START client whose refresh was in flight at the kill cannot know whether its last refresh
/// token was spent; one START client therefore stops just before the kill, and its last refresh token must work.)
/// </summary>
public abstract class CrashUnderLoadTests
{
    private const int Workers = 6;

    /// <summary>The arguments that put the server on the store under test.</summary>
    protected abstract string[] StoreArguments { get; }

    [Fact]
    public async Task KilledUnderRefreshLoad_EveryTokenReceivedBeforeTheKillStillVerifies()
    {
        var data = Path.Combine(Path.GetTempPath(), "waharoa-test-" + Guid.NewGuid().ToString("N"));
        var xiams = new ConcurrentBag<string>();
        var startAccess = new ConcurrentBag<string>();
        var startLastRefresh = new ConcurrentDictionary<int, string>();
        const int calmWorker = 1;
        try
        {
            await using (var first = await WaharoaProcess.StartAsync(data, extraArguments: StoreArguments))
            {
                var chains = new List<Task>();
                using var stop = new CancellationTokenSource();
                using var calm = new CancellationTokenSource();
                Task? calmChain = null;
                for (var worker = 0; worker < Workers; worker++)
                {
                    var id = worker;
                    var chain = worker % 2 == 0
                        ? XiamsChainAsync(first, xiams, stop.Token)
                        : StartChainAsync(first, id, startAccess, startLastRefresh, id == calmWorker ? calm.Token : stop.Token);
                    chains.Add(chain);
                    calmChain = id == calmWorker ? chain : calmChain;
                }

                // Let the load run, then kill in the middle of it: requests in flight fail on the client's side.
                var deadline = DateTime.UtcNow.AddSeconds(20);
                while ((xiams.Count < 60 || startAccess.Count < 60) && DateTime.UtcNow < deadline)
                {
                    await Task.Delay(100);
                }

                await calm.CancelAsync();
                await calmChain!;
                first.KillHard();
                await stop.CancelAsync();
                await Task.WhenAll(chains);
            }

            Assert.True(xiams.Count >= 60 && startAccess.Count >= 60, $"too little load before the kill: {xiams.Count} xIAMS, {startAccess.Count} START tokens");

            await using var second = await WaharoaProcess.StartAsync(data, extraArguments: StoreArguments);
            using var cloud = second.CreateCloudClient();
            foreach (var token in xiams)
            {
                var (status, body, _) = await TokenCalls.ValidateAsync(cloud, second.CloudClient, token);
                Assert.True(status == HttpStatusCode.OK, $"an xIAMS token received before the kill is refused after it: {(int)status} {body}");
            }

            foreach (var token in startAccess)
            {
                Assert.True((await StartCalls.IntrospectAsync(cloud, second.CloudClient, token)).Body.GetProperty("active").GetBoolean());
            }

            var reply = await StartCalls.RefreshAsync(cloud, second.CloudClient, startLastRefresh[calmWorker]);
            Assert.True(reply.Status == HttpStatusCode.OK, $"the last START refresh token received before the kill is refused after it: {reply.Raw}");
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>One client refreshing its xIAMS tokens in a loop; keeps every access and refresh token it received.</summary>
    private static async Task XiamsChainAsync(WaharoaProcess server, ConcurrentBag<string> received, CancellationToken stop)
    {
        using var cloud = server.CreateCloudClient();
        var (access, refresh) = await TokenCalls.NewCloudTokensAsync(server, cloud);
        received.Add(access);
        received.Add(refresh);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var (status, body, _) = await TokenCalls.RefreshAsync(cloud, server.CloudClient, refresh);
                Assert.Equal(HttpStatusCode.OK, status);
                refresh = body.GetProperty("refresh_token").GetString()!;
                received.Add(body.GetProperty("access_token").GetString()!);
                received.Add(refresh);
            }
            catch (HttpRequestException)
            {
                return;
            }
        }
    }

    /// <summary>One client refreshing its START tokens in a loop (each refresh token is single-use).</summary>
    private static async Task StartChainAsync(
        WaharoaProcess server, int id, ConcurrentBag<string> access, ConcurrentDictionary<int, string> lastRefresh, CancellationToken stop)
    {
        using var cloud = server.CreateCloudClient();
        var tokens = await StartCalls.NewTokensAsync(server, cloud, server.CloudClient);
        access.Add(tokens.String("access_token"));
        lastRefresh[id] = tokens.String("refresh_token");
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var reply = await StartCalls.RefreshAsync(cloud, server.CloudClient, lastRefresh[id]);
                Assert.Equal(HttpStatusCode.OK, reply.Status);
                access.Add(reply.String("access_token"));
                lastRefresh[id] = reply.String("refresh_token");
            }
            catch (HttpRequestException)
            {
                return;
            }
        }
    }
}

/// <summary>The crash test on the embedded SQLite store.</summary>
public sealed class SqliteCrashUnderLoadTests : CrashUnderLoadTests
{
    protected override string[] StoreArguments => [];
}

/// <summary>The crash test on PostgreSQL.</summary>
public sealed class PostgresCrashUnderLoadTests : CrashUnderLoadTests, IAsyncLifetime
{
    private PostgresDatabase? _database;

    protected override string[] StoreArguments => _database!.StoreArguments;

    public async Task InitializeAsync() => _database = await PostgresDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database!.DisposeAsync();
}
