using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Waharoa.Clients;
using Waharoa.Grants;
using Waharoa.OAuth;
using Waharoa.Server.Coordination;
using Waharoa.Server.Gateway;
using Waharoa.Server.OAuth;
using Waharoa.Storage;
using Waharoa.Testing;
using Waharoa.Tests.OAuth;
using Waharoa.Tokens;

namespace Waharoa.Tests.Coordination;

/// <summary>
/// What one Waharoa instance holds for coordination, built by <see cref="CoordinationServiceCollectionExtensions.AddWaharoaCoordination"/>
/// over a store, with its own Redis connection: the store as the instance sees it, the bus, the gateway throttle, and the
/// OAuth core whose revocations the instance announces (over the tests' own <see cref="OpaqueTestTokens"/> dialect).
/// </summary>
internal sealed class CoordinatedInstance : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private CoordinatedInstance(ServiceProvider services, LogRecorder logs)
    {
        _services = services;
        Logs = logs;
    }

    public LogRecorder Logs { get; }

    /// <summary>The DSP client the tokens of <see cref="IssueAsync"/> are issued to.</summary>
    public static readonly DspClient Client = new("client1", "Client one", ClientKind.Cloud, "unused", ["https://dsp.example/cb"], null, DateTimeOffset.UnixEpoch);

    public ITokenStore Tokens => _services.GetRequiredService<ITokenStore>();

    /// <summary>The clients as the instance reads them.</summary>
    public IClientStore Clients => _services.GetRequiredService<IClientStore>();

    public IWaharoaStore Store => _services.GetRequiredService<IWaharoaStore>();

    public Revocations Revocations => _services.GetRequiredService<Revocations>();

    public CodeExchange Codes => _services.GetRequiredService<CodeExchange>();

    public RefreshExchange Refreshes => _services.GetRequiredService<RefreshExchange>();

    public RedisConnection Connection => _services.GetRequiredService<RedisConnection>();

    public CoordinationBus Bus => _services.GetRequiredService<CoordinationBus>();

    public DspThrottle Throttle => _services.GetRequiredService<DspThrottle>();

    public SharedTokenBucket SharedBucket => _services.GetRequiredService<SharedTokenBucket>();

    public TokenStatusCache Cache => _services.GetRequiredService<TokenStatusCache>();

    /// <summary>
    /// An instance over <paramref name="store"/>; with <paramref name="redis"/> it coordinates through it. A long
    /// <paramref name="cacheLifetime"/> shows that only a revocation message could have evicted a status.
    /// </summary>
    public static CoordinatedInstance Start(IWaharoaStore store, string? redis, GatewayOptions? gateway = null, TimeSpan? cacheLifetime = null)
    {
        var logs = new LogRecorder();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(gateway ?? new GatewayOptions());
        services.AddSingleton<DspThrottle>();
        services.AddWaharoaCoordination(store, new CoordinationOptions { Redis = redis });
        services.AddSingleton(SigningKeyRing.LoadAsync(store, null, TimeProvider.System, CancellationToken.None).GetAwaiter().GetResult());
        services.AddOAuthCore(new OAuthOptions());
        services.AddSingleton<ITokenFormat, OpaqueTestTokens>();
        if (cacheLifetime is { } lifetime)
        {
            services.AddSingleton(sp => redis is null && !store.IsShared
                ? TokenStatusCache.ForThisInstanceOnly(sp.GetRequiredService<CoordinationBus>(), lifetime)
                : new TokenStatusCache(sp.GetRequiredService<RedisConnection>(), sp.GetRequiredService<CoordinationBus>(), lifetime));
        }

        var provider = services.BuildServiceProvider();

        // As the host's start would.
        provider.GetRequiredService<CoordinationBus>().StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        return new CoordinatedInstance(provider, logs);
    }

    /// <summary>Waits until the instance is connected to Redis and hears the other instances.</summary>
    public Task WaitUntilListeningAsync() => Eventually.TrueAsync(() => Bus.IsListening, "The instance did not connect to Redis.");

    /// <summary>Waits until the instance has seen Redis go away.</summary>
    public Task WaitUntilDisconnectedAsync() => Eventually.TrueAsync(() => !Connection.IsConnected, "The instance did not notice Redis stop.");

    /// <summary>
    /// Stores a grant of user1 to <see cref="Client"/> (with consent) holding an access and a refresh token, through this
    /// instance's store, from a code it uses.
    /// </summary>
    public async Task<(string GrantId, string AccessJti, string RefreshJti, string CodeId)> IssueAsync(string logon = "user1", string clientId = "client1")
    {
        var now = DateTimeOffset.UtcNow;
        var grant = new Grant(Guid.NewGuid().ToString("N"), clientId, logon, "MYIR.Services", GatewayEndpoint.Cloud, now, null);
        var access = new IssuedToken("access-" + Guid.NewGuid().ToString("N"), grant.GrantId, TokenKind.Access, now, now.AddHours(8));
        var refresh = new IssuedToken("refresh-" + Guid.NewGuid().ToString("N"), grant.GrantId, TokenKind.Refresh, now, now.AddDays(30));
        var code = new AuthorizationCode(Guid.NewGuid().ToString("N"), clientId, logon, "https://dsp.example/cb", "MYIR.Services", now, now.AddMinutes(5));
        await Store.GrantConsentAsync(logon, clientId, now, CancellationToken.None);
        await Store.AddCodeAsync(code, CancellationToken.None);
        var use = await Store.UseCodeAsync(code.CodeId, now, grant, [access, refresh], CancellationToken.None);
        Assert.Equal(CodeUseOutcome.Redeemed, use.Outcome);
        return (grant.GrantId, access.Jti, refresh.Jti, code.CodeId);
    }

    public async Task<bool> IsActiveAsync(string jti)
    {
        var status = await Tokens.FindTokenAsync(jti, CancellationToken.None);
        return status is not null && status.IsActive(DateTimeOffset.UtcNow);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
