using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using Waharoa.OAuth;

namespace Waharoa.Tests.OAuth;

/// <summary>The OAuth core's code exchange, for every dialect: single use, bound to its client, redirect URI and PKCE challenge.</summary>
public sealed class CodeExchangeTests
{
    [Fact]
    public async Task Exchange_UnusedCode_IssuesAGrantWithActiveTokens()
    {
        await using var core = await OAuthCore.StartAsync();
        var code = await core.IssueCodeAsync();

        var outcome = await core.ExchangeAsync(code.CodeId);

        Assert.Equal(GrantRefusal.None, outcome.Refusal);
        Assert.Equal(OAuthCore.Logon, outcome.Tokens!.Grant.Logon);
        Assert.True(await core.IsActiveAsync(outcome.Tokens.Access.Record.Jti));
        Assert.True(await core.IsActiveAsync(outcome.Tokens.Refresh!.Record.Jti));
    }

    [Fact]
    public async Task Exchange_UnknownCode_Refused()
    {
        await using var core = await OAuthCore.StartAsync();

        Assert.Equal(GrantRefusal.UnknownCode, (await core.ExchangeAsync("no-such-code")).Refusal);
    }

    [Fact]
    public async Task Exchange_CodeUsedBefore_RefusedAndRevokesTheGrantItMade()
    {
        await using var core = await OAuthCore.StartAsync();
        var code = await core.IssueCodeAsync();
        var first = (await core.ExchangeAsync(code.CodeId)).Tokens!;

        var again = await core.ExchangeAsync(code.CodeId);

        Assert.Equal(GrantRefusal.CodeReplayed, again.Refusal);
        Assert.False(await core.IsActiveAsync(first.Access.Record.Jti));
        Assert.False(await core.IsActiveAsync(first.Refresh!.Record.Jti));
        Assert.Equal([null], core.Told);
    }

    [Fact]
    public async Task Exchange_ExpiredCode_Refused()
    {
        await using var core = await OAuthCore.StartAsync();
        var code = await core.IssueCodeAsync();
        core.Time.Advance(OpaqueTestTokens.Policy.CodeLifetime);

        Assert.Equal(GrantRefusal.CodeExpired, (await core.ExchangeAsync(code.CodeId)).Refusal);
    }

    [Theory]
    [InlineData("other client")]
    [InlineData("other redirect URI")]
    [InlineData("no verifier")]
    [InlineData("wrong verifier")]
    public async Task Exchange_BindingRefused_LeavesTheCodeUnusedForTheRightCaller(string mismatch)
    {
        await using var core = await OAuthCore.StartAsync();
        var verifier = new string('v', 43);
        var code = await core.IssueCodeAsync(challenge: Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));

        var refused = mismatch switch
        {
            "other client" => await core.ExchangeAsync(code.CodeId, client: OAuthCore.OtherClient, verifier: verifier),
            "other redirect URI" => await core.ExchangeAsync(code.CodeId, redirectUri: OAuthCore.RedirectUri + "/other", verifier: verifier),
            "no verifier" => await core.ExchangeAsync(code.CodeId),
            _ => await core.ExchangeAsync(code.CodeId, verifier: new string('w', 43)),
        };
        var accepted = await core.ExchangeAsync(code.CodeId, verifier: verifier);

        Assert.Equal(
            mismatch switch
            {
                "other client" => GrantRefusal.CodeOfAnotherClient,
                "other redirect URI" => GrantRefusal.RedirectUriMismatch,
                _ => GrantRefusal.VerifierMismatch,
            },
            refused.Refusal);
        Assert.Equal(GrantRefusal.None, accepted.Refusal);
    }

    [Fact]
    public async Task Exchange_ConcurrentlyOnTwoInstances_ExactlyOneIssues_AndTheReplaysRevokeIt()
    {
        await using var core = await OAuthCore.StartAsync();
        await using var other = await core.AnotherInstanceAsync();
        var code = await core.IssueCodeAsync();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var calls = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            await start.Task;
            return await (i % 2 == 0 ? core : other).ExchangeAsync(code.CodeId);
        })).ToList();
        start.SetResult();
        var outcomes = await Task.WhenAll(calls);

        var issued = Assert.Single(outcomes, o => o.Refusal == GrantRefusal.None);
        Assert.All(outcomes.Where(o => o != issued), o => Assert.Equal(GrantRefusal.CodeReplayed, o.Refusal));
        Assert.False(await core.IsActiveAsync(issued.Tokens!.Access.Record.Jti));
    }

    [Fact]
    public async Task Exchange_NativeClient_GetsNoRefreshToken()
    {
        await using var core = await OAuthCore.StartAsync();
        var code = await core.IssueCodeAsync();

        var outcome = await core.ExchangeAsync(code.CodeId, client: OAuthCore.Client with { Kind = Clients.ClientKind.Native });

        Assert.NotNull(outcome.Tokens);
        Assert.Null(outcome.Tokens.Refresh);
    }
}
