using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Waharoa.Server.Coordination;
using Waharoa.Server.Data;
using Waharoa.Server.Hosting;
using Waharoa.Testing;
using Waharoa.Tests.AccountApi;
using Waharoa.Tokens;

namespace Waharoa.Tests.Instances;

/// <summary>
/// Two real Waharoa instances (real Kestrel, real TLS) on one PostgreSQL database and one Redis, as behind a load
/// balancer: either instance finishes what the other began.
/// </summary>
public sealed class TwoInstanceTests
{
    [Fact]
    public async Task ACodeIssuedByA_IsExchangedOnB_InBothDialects_WithTheSameClientCertificate()
    {
        await using var pair = await InstancePair.StartAsync();

        using var cloudB = pair.B.CreateCloudClient(pair.A.LoadCloudClientCertificate());
        var xiamsCode = await TokenCalls.NewCodeAsync(pair.A, pair.A.CloudClient);
        var (status, body, _) = await TokenCalls.ExchangeCodeAsync(cloudB, pair.B.CloudClient, xiamsCode, pair.A.CloudClient.RedirectUri);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(body.TryGetProperty("refresh_token", out _));

        var startCode = await StartCalls.NewCodeAsync(pair.A, pair.A.CloudClient);
        var reply = await StartCalls.ExchangeCodeAsync(cloudB, pair.B.CloudClient, startCode, pair.A.CloudClient.RedirectUri);
        Assert.Equal(HttpStatusCode.OK, reply.Status);

        // Single use holds across instances: the same code again, on A, is refused.
        using var cloudA = pair.A.CreateCloudClient();
        var again = await StartCalls.ExchangeCodeAsync(cloudA, pair.A.CloudClient, startCode, pair.A.CloudClient.RedirectUri);
        Assert.Equal(HttpStatusCode.Unauthorized, again.Status);
        Assert.Equal("invalid_grant", again.String("error"));
    }

    [Fact]
    public async Task ALogonSessionStartedOnA_ContinuesOnB_AndAConsentPageFromA_IsAcceptedByB()
    {
        await using var pair = await InstancePair.StartAsync();
        var client = pair.A.CloudClient;

        // Logged on at A: B recognises the session and issues a code without asking to log on again.
        using var onA = new MyIrSession(pair.A);
        await onA.AuthorizeAsync(XiamsUrls.AuthorizeUrl(client.ClientId, client.RedirectUri), pair.A.User.Logon, pair.A.User.Password);
        using var onB = onA.ContinueOn(pair.B);
        using var authorize = await onB.GetAsync(XiamsUrls.AuthorizeUrl(client.ClientId, client.RedirectUri));
        Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
        Assert.True(MyIrSession.RedirectQuery(authorize).ContainsKey("code"));

        // A consent page rendered by A (its anti-forgery token) is posted to B.
        var second = pair.A.Demo.Users[1];
        using var fresh = new MyIrSession(pair.A);
        await fresh.GetAsync(XiamsUrls.AuthorizeUrl(client.ClientId, client.RedirectUri));
        await fresh.LogonAsync(second.Logon, second.Password);
        Assert.Contains("action=\"/myir/consent\"", fresh.LastPage, StringComparison.Ordinal);
        using var freshOnB = fresh.ContinueOn(pair.B);
        using var decided = await freshOnB.DecideAsync(authorise: true);
        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
        var code = MyIrSession.RedirectQuery(decided)["code"];

        using var cloudA = pair.A.CreateCloudClient();
        Assert.Equal(HttpStatusCode.OK, (await TokenCalls.ExchangeCodeAsync(cloudA, client, code, client.RedirectUri)).Status);
    }

    [Fact]
    public async Task ARevocationOnB_IsRefusedByA_WellWithinOneSecond_EvenThoughAHadTheTokenCached()
    {
        await using var pair = await InstancePair.StartAsync();
        using var cloudA = pair.A.CreateCloudClient();
        using var cloudB = pair.B.CreateCloudClient(pair.A.LoadCloudClientCertificate());

        var start = (await StartCalls.NewTokensAsync(pair.A, cloudA, pair.A.CloudClient)).String("access_token");
        var (xiams, _) = await TokenCalls.NewCloudTokensAsync(pair.A, cloudA);
        Assert.True((await StartCalls.IntrospectAsync(cloudA, pair.A.CloudClient, start)).Body.GetProperty("active").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await TokenCalls.ValidateAsync(cloudA, pair.A.CloudClient, xiams)).Status);

        Assert.Equal(HttpStatusCode.OK, (await StartCalls.RevokeAsync(cloudB, pair.B.CloudClient, start)).Status);
        Assert.Equal(HttpStatusCode.OK, (await TokenCalls.DeleteAsync(cloudB, pair.B.CloudClient, xiams)).Status);

        // A keeps an active token's status for up to a second; well inside that, the revocation on B has reached it.
        await Task.Delay(200);
        Assert.False((await StartCalls.IntrospectAsync(cloudA, pair.A.CloudClient, start)).Body.GetProperty("active").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenCalls.ValidateAsync(cloudA, pair.A.CloudClient, xiams)).Status);
    }

    [Fact]
    public async Task Throttling_IsSharedAcrossInstances()
    {
        await using var pair = await InstancePair.StartAsync(o =>
        {
            o.Gateway.Cloud.Burst = 2;
            o.Gateway.Cloud.RatePerSecond = 0.01;
        });
        using var certificate = pair.A.LoadCloudClientCertificate();
        using var cloudA = pair.A.CreateCloudClient(certificate);
        using var cloudB = pair.B.CreateCloudClient(certificate);
        var jwt = AccountApiCalls.M2m(pair.A, pair.A.User.Logon);

        Assert.Equal(HttpStatusCode.OK, await AccountListAsync(cloudA, jwt));
        Assert.Equal(HttpStatusCode.OK, await AccountListAsync(cloudB, jwt));
        Assert.Equal(HttpStatusCode.TooManyRequests, await AccountListAsync(cloudA, jwt));
        Assert.Equal(HttpStatusCode.TooManyRequests, await AccountListAsync(cloudB, jwt));
    }

    [Fact]
    public async Task RedisStoppedMidTest_BothInstancesKeepServingAndRevoking_WhenItComesBack_SharingResumes()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var pair = await InstancePair.StartAsync(o =>
        {
            o.Gateway.Cloud.Burst = 2;
            o.Gateway.Cloud.RatePerSecond = 0.01;
        }, redis.Configuration);
        using var certificate = pair.A.LoadCloudClientCertificate();
        using var cloudA = pair.A.CreateCloudClient(certificate);
        using var cloudB = pair.B.CreateCloudClient(certificate);
        var jwt = AccountApiCalls.M2m(pair.A, pair.A.User.Logon);
        var (token, _) = await TokenCalls.NewCloudTokensAsync(pair.A, cloudA);
        Assert.Equal(HttpStatusCode.OK, (await TokenCalls.ValidateAsync(cloudB, pair.B.CloudClient, token)).Status);

        await redis.StopAsync();
        using var desktopA = pair.A.CreateDesktopClient();
        await WaitUntilAsync(
            async () =>
            {
                // Degraded, not unready: the instance serves on without Redis.
                using var ready = await desktopA.GetAsync("/health/ready");
                Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
                return (await ready.Content.ReadAsStringAsync()).Contains("\"redis\":{\"status\":\"Degraded\"", StringComparison.Ordinal);
            },
            TimeSpan.FromSeconds(10),
            "readiness reports Redis as degraded");

        // Without Redis each instance throttles on its own: its own burst of two, then 429.
        Assert.Equal(HttpStatusCode.OK, await AccountListAsync(cloudA, jwt));
        Assert.Equal(HttpStatusCode.OK, await AccountListAsync(cloudA, jwt));
        Assert.Equal(HttpStatusCode.TooManyRequests, await AccountListAsync(cloudA, jwt));
        Assert.Equal(HttpStatusCode.OK, await AccountListAsync(cloudB, jwt));

        // Tokens still issue and validate, and a revocation on A holds on B at once.
        var (other, _) = await TokenCalls.NewCloudTokensAsync(pair.B, cloudB);
        Assert.Equal(HttpStatusCode.OK, (await TokenCalls.ValidateAsync(cloudA, pair.A.CloudClient, other)).Status);
        Assert.Equal(HttpStatusCode.OK, (await TokenCalls.DeleteAsync(cloudA, pair.A.CloudClient, token)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenCalls.ValidateAsync(cloudB, pair.B.CloudClient, token)).Status);

        await redis.RestartAsync();
        await WaitUntilAsync(() => pair.Connected, TimeSpan.FromSeconds(20), "both instances reconnect to Redis");

        // After a failure the throttle stays local for a moment before it tries Redis again.
        await pair.WarmAsync();

        // Shared again: the restarted Redis holds a fresh bucket of two for both instances together.
        Assert.Equal(HttpStatusCode.OK, await AccountListAsync(cloudA, jwt));
        Assert.Equal(HttpStatusCode.OK, await AccountListAsync(cloudB, jwt));
        Assert.Equal(HttpStatusCode.TooManyRequests, await AccountListAsync(cloudB, jwt));
        Assert.Equal(HttpStatusCode.TooManyRequests, await AccountListAsync(cloudA, jwt));
    }

    [Fact]
    public async Task Readiness_FailsWhileTheDatabaseIsUnreachable_AndRecovers()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var target = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        await using var relay = TcpRelay.Start(target.Host!, target.Port);
        var throughRelay = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Host = "127.0.0.1", Port = relay.Port, Timeout = 3 }.ConnectionString;
        await using var host = await WaharoaTestHost.StartAsync(configure: o => OnPostgres(o, throughRelay));
        using var desktop = host.CreateDesktopClient();
        Assert.Equal(HttpStatusCode.OK, (await desktop.GetAsync("/health/ready")).StatusCode);

        relay.Cut();
        using var down = await desktop.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        var body = await down.Content.ReadAsStringAsync();
        Assert.Contains("\"provider\":\"postgresql\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Password=", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await desktop.GetAsync("/health/live")).StatusCode);

        relay.Restore();
        await WaitUntilAsync(async () => (await desktop.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(20), "ready again");
    }

    [Fact]
    public async Task InstancesStartingTogether_ShareOneCaOneServerCertificateOneSigningKeyAndOneDemoClient()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var starting = Enumerable.Range(0, 2).Select(_ => WaharoaTestHost.StartAsync(configure: o => OnPostgres(o, database.ConnectionString))).ToArray();
        await using var a = await starting[0];
        await using var b = await starting[1];

        Assert.Equal(await File.ReadAllTextAsync(a.Folder.CaCertificate), await File.ReadAllTextAsync(b.Folder.CaCertificate));
        Assert.Equal(await File.ReadAllTextAsync(a.Folder.ServerCertificate), await File.ReadAllTextAsync(b.Folder.ServerCertificate));
        Assert.Equal(a.Server.Services.GetRequiredService<SigningKeyRing>().Current.KeyId, b.Server.Services.GetRequiredService<SigningKeyRing>().Current.KeyId);
        Assert.Equal(a.CloudClient.ClientSecret, b.CloudClient.ClientSecret);
        Assert.Equal(await File.ReadAllTextAsync(a.CloudClient.Certificate!), await File.ReadAllTextAsync(b.CloudClient.Certificate!));

        // B trusts the client certificate A handed out, and A's tokens.
        using var cloudA = a.CreateCloudClient();
        using var cloudB = b.CreateCloudClient(a.LoadCloudClientCertificate());
        var (token, _) = await TokenCalls.NewCloudTokensAsync(a, cloudA);
        Assert.Equal(HttpStatusCode.OK, (await TokenCalls.ValidateAsync(cloudB, b.CloudClient, token)).Status);
    }

    [Fact]
    public async Task AKeyRotatedOnA_SignsOnB_AndTokensOfEitherKeyVerifyOnBoth()
    {
        await using var pair = await InstancePair.StartAsync();
        using var cloudA = pair.A.CreateCloudClient();
        using var cloudB = pair.B.CreateCloudClient(pair.A.LoadCloudClientCertificate());
        var (before, _) = await TokenCalls.NewCloudTokensAsync(pair.A, cloudA);

        var rotated = await pair.A.Server.Services.GetRequiredService<SigningKeyRing>().RotateAsync(TimeSpan.FromHours(8), CancellationToken.None);
        var (afterOnA, _) = await TokenCalls.NewCloudTokensAsync(pair.A, cloudA);
        Assert.Equal(XiamsTokenHeaders.Expected(rotated.Certificate), XiamsTokenHeaders.Text(afterOnA));

        // The rotation is fanned out: B signs with the new key within a second, before anything reaches B.
        await WaitUntilAsync(() => pair.B.Server.Services.GetRequiredService<SigningKeyRing>().Current.KeyId == rotated.KeyId, TimeSpan.FromSeconds(1), "B signs with the new key");
        Assert.Equal(HttpStatusCode.OK, (await TokenCalls.ValidateAsync(cloudB, pair.B.CloudClient, afterOnA)).Status);
        var (afterOnB, _) = await TokenCalls.NewCloudTokensAsync(pair.B, cloudB);
        Assert.Equal(XiamsTokenHeaders.Expected(rotated.Certificate), XiamsTokenHeaders.Text(afterOnB));
        foreach (var (cloud, client) in new[] { (cloudA, pair.A.CloudClient), (cloudB, pair.B.CloudClient) })
        {
            Assert.Equal(HttpStatusCode.OK, (await TokenCalls.ValidateAsync(cloud, client, before)).Status);
            Assert.Equal(HttpStatusCode.OK, (await TokenCalls.ValidateAsync(cloud, client, afterOnB)).Status);
        }
    }

    [Fact]
    public async Task ClientsAddVerb_OnTheSharedDatabase_IssuesACertificateEveryInstanceAccepts()
    {
        await using var pair = await InstancePair.StartAsync();
        var cli = Path.Combine(Path.GetTempPath(), "waharoa-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (exit, output) = await WaharoaProcess.RunAsync("clients", "add", "--data", cli, "--postgres", pair.Postgres, "--key-encryption-key-file", PostgresDatabase.KeyFile,
                "--client-id", "Acme_Cloud", "--kind", "cloud", "--redirect-uri", "https://acme.example/cb", "--issue-certificate");
            Assert.True(exit == 0, output);
            var secret = output.Split('\n').Single(l => l.StartsWith("client_secret:", StringComparison.Ordinal))["client_secret:".Length..].Trim();
            var folder = new DataFolder(cli);

            // Issued from the database's CA: the CLI's own folder gets the new certificate and key, and no CA.
            Assert.False(File.Exists(folder.CaKey));
            using var certificate = Waharoa.Certificates.CertificateFiles.LoadWithKey(folder.ClientCertificate("Acme_Cloud"), folder.ClientKey("Acme_Cloud"));
            var acme = pair.A.CloudClient with { ClientId = "Acme_Cloud", ClientSecret = secret, RedirectUri = "https://acme.example/cb" };

            foreach (var instance in new[] { pair.A, pair.B })
            {
                using var cloud = instance.CreateCloudClient(certificate);
                var code = await TokenCalls.NewCodeAsync(instance, acme);
                Assert.Equal(HttpStatusCode.OK, (await TokenCalls.ExchangeCodeAsync(cloud, acme, code, acme.RedirectUri)).Status);
            }
        }
        finally
        {
            Directory.Delete(cli, recursive: true);
        }
    }

    /// <summary>An Account API list call as the demo user (who owns the customer), through the gateway.</summary>
    [Fact]
    public async Task AnInstanceStartingWhileAnotherHoldsTheStartUpLock_SaysItWaits_AndStartsOnceItIsFree()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var data = Path.Combine(Path.GetTempPath(), "waharoa-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var other = await Waharoa.Storage.Postgres.PostgresStore.OpenAsync(database.ConnectionString);
            var held = await other.AcquireStartupLockAsync(CancellationToken.None);
            var starting = WaharoaProcess.StartAsync(data, extraArguments: database.StoreArguments);
            await Task.Delay(TimeSpan.FromSeconds(4));
            Assert.False(starting.IsCompleted);
            await held.DisposeAsync();

            await using var server = await starting;
            Assert.Contains("Waiting for another instance to finish starting on this postgresql database.", server.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("Password=", server.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task AnEmbeddedDataFolder_MovedToAFreshPostgresDatabase_GetsTheDemoDataSeededThere()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var data = Path.Combine(Path.GetTempPath(), "waharoa-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using (var embedded = await WaharoaTestHost.StartAsync(dataDirectory: data))
            {
                Assert.True(File.Exists(embedded.Folder.DemoFile));
            }

            await using var shared = await WaharoaTestHost.StartAsync(dataDirectory: data, configure: o => OnPostgres(o, database.ConnectionString));
            Assert.True(File.Exists(shared.Folder.DemoFile + ".before-shared"));
            using var cloud = shared.CreateCloudClient();
            var (token, _) = await TokenCalls.NewCloudTokensAsync(shared, cloud);
            Assert.Equal(HttpStatusCode.OK, (await TokenCalls.ValidateAsync(cloud, shared.CloudClient, token)).Status);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task<HttpStatusCode> AccountListAsync(HttpClient cloud, string jwt) =>
        (await AccountApiCalls.ListAsync(cloud, jwt, AccountApiCalls.DemoCustomer)).Status;

    private static Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what) =>
        WaitUntilAsync(() => Task.FromResult(condition()), timeout, what);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (deadline.Elapsed > timeout)
            {
                throw new Xunit.Sdk.XunitException($"Timed out after {timeout.TotalSeconds} s waiting until {what}.");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Two instances on one fresh PostgreSQL database and one Redis (a fresh one of their own, unless given).</summary>
    private static void OnPostgres(WaharoaOptions options, string connectionString)
    {
        options.Postgres = connectionString;
        options.Store.KeyEncryptionKey = PostgresDatabase.KeyEncryptionKey;
    }

    internal sealed class InstancePair : IAsyncDisposable
    {
        private readonly PostgresDatabase _database;
        private readonly RedisServer? _redis;

        private InstancePair(PostgresDatabase database, RedisServer? redis, WaharoaTestHost a, WaharoaTestHost b)
        {
            _database = database;
            _redis = redis;
            A = a;
            B = b;
        }

        public WaharoaTestHost A { get; }

        public WaharoaTestHost B { get; }

        public string Postgres => _database.ConnectionString;

        public bool Connected =>
            A.Server.Services.GetRequiredService<RedisConnection>().IsConnected && B.Server.Services.GetRequiredService<RedisConnection>().IsConnected;

        public static async Task<InstancePair> StartAsync(Action<WaharoaOptions>? configure = null, string? redis = null)
        {
            // What a later step's failure leaves started is stopped before the failure is reported.
            var database = await PostgresDatabase.CreateAsync();
            RedisServer? own = null;
            WaharoaTestHost? a = null, b = null;
            try
            {
                own = redis is null ? await RedisServer.StartAsync() : null;
                redis ??= own!.Configuration;
                void Configure(WaharoaOptions o)
                {
                    OnPostgres(o, database.ConnectionString);
                    o.Redis = redis;
                    configure?.Invoke(o);
                }

                a = await WaharoaTestHost.StartAsync(configure: Configure);
                b = await WaharoaTestHost.StartAsync(configure: Configure);
            }
            catch
            {
                foreach (var started in new IAsyncDisposable?[] { a, own, database })
                {
                    if (started is not null)
                    {
                        await started.DisposeAsync();
                    }
                }

                throw;
            }

            var pair = new InstancePair(database, own, a, b);
            try
            {
                await pair.WarmAsync();
            }
            catch
            {
                await pair.DisposeAsync();
                throw;
            }

            return pair;
        }

        /// <summary>Until both instances' throttles answer from Redis (a cold first call may time out and go local a moment).</summary>
        public async Task WarmAsync()
        {
            foreach (var host in new[] { A, B })
            {
                await Coordination.Eventually.SharedAsync(host.Server.Services.GetRequiredService<SharedTokenBucket>());
            }
        }

        public async ValueTask DisposeAsync()
        {
            await A.DisposeAsync();
            await B.DisposeAsync();
            await _database.DisposeAsync();
            if (_redis is not null)
            {
                await _redis.DisposeAsync();
            }
        }
    }
}
