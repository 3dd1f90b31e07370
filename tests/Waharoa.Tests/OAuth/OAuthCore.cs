using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Waharoa.Clients;
using Waharoa.Grants;
using Waharoa.OAuth;
using Waharoa.Storage;
using Waharoa.Tests.Coordination;
using Waharoa.Tokens;

namespace Waharoa.Tests.OAuth;

/// <summary>
/// The OAuth core over a real SQLite store on a virtual clock, with the tests' own <see cref="OpaqueTestTokens"/>
/// dialect, and a record of what it told its revocation listeners.
/// </summary>
internal sealed class OAuthCore : IAsyncDisposable, IRevocationListener
{
    public static readonly DspClient Client = new("client-a", "Client A", ClientKind.Cloud, "unused", ["https://app.example/cb"], null, DateTimeOffset.UnixEpoch);
    public static readonly DspClient OtherClient = Client with { ClientId = "client-b" };
    public const string RedirectUri = "https://app.example/cb";
    public const string Logon = "alice";

    private readonly StoreFolder? _folder;

    private OAuthCore(StoreFolder? folder, IWaharoaStore store, FakeTimeProvider time, SigningKeyRing keys)
    {
        _folder = folder;
        Store = store;
        Time = time;
        var formats = new ITokenFormat[] { new OpaqueTestTokens() };
        Issued = new IssuedTokens(formats, new JwtSigner(keys), store, store, time);
        Revocations = new Revocations(store, [this], time, NullLogger<Revocations>.Instance);
        var mint = new TokenMint(formats);
        Codes = new CodeExchange(store, mint, Revocations, time, NullLogger<CodeExchange>.Instance);
        Refreshes = new RefreshExchange(Issued, store, store, mint, Revocations, time, NullLogger<RefreshExchange>.Instance);
    }

    public IWaharoaStore Store { get; }

    public FakeTimeProvider Time { get; }

    public IssuedTokens Issued { get; }

    public Revocations Revocations { get; }

    public CodeExchange Codes { get; }

    public RefreshExchange Refreshes { get; }

    /// <summary>What the listeners were told, in order: a jti, or null for "any token".</summary>
    public List<string?> Told { get; } = [];

    public static async Task<OAuthCore> StartAsync()
    {
        var folder = new StoreFolder();
        var store = folder.Open();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.Zero));
        return new OAuthCore(folder, store, time, await SigningKeyRing.LoadAsync(store, null, time, CancellationToken.None));
    }

    /// <summary>A second core over the same database (another instance); its store closes with this one's folder.</summary>
    public async Task<OAuthCore> AnotherInstanceAsync()
    {
        var store = _folder!.Open();
        return new OAuthCore(null, store, Time, await SigningKeyRing.LoadAsync(store, null, Time, CancellationToken.None));
    }

    /// <summary>Issues a code for <see cref="Logon"/> to <see cref="Client"/> with consent given, as the pages would.</summary>
    public async Task<AuthorizationCode> IssueCodeAsync(string? challenge = null)
    {
        await Store.GrantConsentAsync(Logon, Client.ClientId, Time.GetUtcNow(), CancellationToken.None);
        return await Codes.IssueAsync(Guid.NewGuid().ToString("N"), new CodeRequest(Client.ClientId, Logon, RedirectUri, "MYIR.Services", challenge), OpaqueTestTokens.Policy, CancellationToken.None);
    }

    /// <summary>Exchanges <paramref name="codeId"/> as <paramref name="client"/> (default <see cref="Client"/>) on the cloud endpoint.</summary>
    public Task<GrantOutcome> ExchangeAsync(string codeId, DspClient? client = null, string redirectUri = RedirectUri, string? verifier = null, DialectPolicy? policy = null) =>
        Codes.ExchangeAsync(new PresentedCode(codeId, redirectUri, verifier), client ?? Client, GatewayEndpoint.Cloud, policy ?? OpaqueTestTokens.Policy, CancellationToken.None);

    /// <summary>A token set issued from a fresh code.</summary>
    public async Task<MintedTokens> IssueTokensAsync(DialectPolicy? policy = null)
    {
        var outcome = await ExchangeAsync((await IssueCodeAsync()).CodeId, policy: policy);
        return outcome.Tokens ?? throw new InvalidOperationException($"Not issued: {outcome.Refusal}");
    }

    public Task<GrantOutcome> RefreshAsync(string refreshToken, DialectPolicy? policy = null, DspClient? client = null) =>
        Refreshes.RefreshAsync(refreshToken, client ?? Client, GatewayEndpoint.Cloud, policy ?? OpaqueTestTokens.Policy, CancellationToken.None);

    public async Task<bool> IsActiveAsync(string key) =>
        (await Store.FindTokenAsync(key, CancellationToken.None))?.IsActive(Time.GetUtcNow()) == true;

    public Task TokensRevokedAsync(string? jti)
    {
        lock (Told)
        {
            Told.Add(jti);
        }

        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        _folder?.Dispose();
    }
}
