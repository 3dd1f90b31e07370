using Microsoft.Extensions.Logging.Abstractions;
using Waharoa.Grants;
using Waharoa.OAuth;

namespace Waharoa.Tests.OAuth;

/// <summary>The OAuth core's refresh grant: single-use tokens spent and their reuse punished, or reusable ones, as the dialect says.</summary>
public sealed class RefreshExchangeTests
{
    private static readonly DialectPolicy Reusable = OpaqueTestTokens.Policy with { SingleUseRefreshTokens = false };

    [Fact]
    public async Task Refresh_SingleUse_IssuesASetInTheSameGrantAndSpendsTheToken()
    {
        await using var core = await OAuthCore.StartAsync();
        var first = await core.IssueTokensAsync();

        var next = await core.RefreshAsync(first.Refresh!.Value!);

        Assert.Equal(first.Grant.GrantId, next.Tokens!.Grant.GrantId);
        Assert.False(await core.IsActiveAsync(first.Refresh.Record.Jti));
        Assert.True(await core.IsActiveAsync(next.Tokens.Refresh!.Record.Jti));
        Assert.Equal([first.Refresh.Record.Jti], core.Told);
    }

    [Fact]
    public async Task Refresh_SpentTokenAgain_RefusedAndRevokesTheWholeSet()
    {
        await using var core = await OAuthCore.StartAsync();
        var first = await core.IssueTokensAsync();
        var next = (await core.RefreshAsync(first.Refresh!.Value!)).Tokens!;

        var reused = await core.RefreshAsync(first.Refresh.Value!);

        Assert.Equal(GrantRefusal.TokenNotActive, reused.Refusal);
        Assert.False(await core.IsActiveAsync(next.Access.Record.Jti));
        Assert.False(await core.IsActiveAsync(next.Refresh!.Record.Jti));
    }

    [Fact]
    public async Task Refresh_SingleUseConcurrentlyOnTwoInstances_ExactlyOneIssues_AndTheLosersRevokeTheSet()
    {
        await using var core = await OAuthCore.StartAsync();
        await using var other = await core.AnotherInstanceAsync();
        var first = await core.IssueTokensAsync();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var calls = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            await start.Task;
            return await (i % 2 == 0 ? core : other).RefreshAsync(first.Refresh!.Value!);
        })).ToList();
        start.SetResult();
        var outcomes = await Task.WhenAll(calls);

        var issued = Assert.Single(outcomes, o => o.Tokens is not null);
        Assert.All(outcomes.Where(o => o != issued), o => Assert.Equal(GrantRefusal.TokenNotActive, o.Refusal));
        Assert.False(await core.IsActiveAsync(issued.Tokens!.Refresh!.Record.Jti));
    }

    [Fact]
    public async Task Refresh_Reusable_LeavesThePresentedTokenActive()
    {
        await using var core = await OAuthCore.StartAsync();
        var first = await core.IssueTokensAsync(Reusable);

        var once = await core.RefreshAsync(first.Refresh!.Value!, Reusable);
        var twice = await core.RefreshAsync(first.Refresh.Value!, Reusable);

        Assert.NotNull(once.Tokens);
        Assert.NotNull(twice.Tokens);
        Assert.True(await core.IsActiveAsync(first.Refresh.Record.Jti));
        Assert.Empty(core.Told);
    }

    [Fact]
    public async Task Refresh_RevokedToken_RefusedAndStoresNothing()
    {
        await using var core = await OAuthCore.StartAsync();
        var first = await core.IssueTokensAsync(Reusable);
        await core.Revocations.RevokeTokenAsync(first.Refresh!.Record.Jti, CancellationToken.None);

        var refused = await core.RefreshAsync(first.Refresh.Value!, Reusable);

        Assert.Equal(GrantRefusal.TokenNotActive, refused.Refusal);
        Assert.True(await core.IsActiveAsync(first.Access.Record.Jti), "A revoked reusable token must not take its set with it.");
    }

    [Fact]
    public async Task Refresh_Reusable_DeletedBetweenItsReadAndItsRenewal_RefusedAndStoresNoSuccessor()
    {
        await using var core = await OAuthCore.StartAsync();
        var first = await core.IssueTokensAsync(Reusable);
        var found = await core.Issued.FindAsync(first.Refresh!.Value!, CancellationToken.None);
        var racing = new RevokedBeforeRenewal(core.Store, () => core.Revocations.RevokePresentedAsync(found, OAuthCore.Client, Reusable));
        var refreshes = new RefreshExchange(
            core.Issued, core.Store, racing, new TokenMint([new OpaqueTestTokens()]), core.Revocations, core.Time, NullLogger<RefreshExchange>.Instance);

        var refused = await refreshes.RefreshAsync(first.Refresh.Value!, OAuthCore.Client, GatewayEndpoint.Cloud, Reusable, CancellationToken.None);

        Assert.Equal(GrantRefusal.TokenNotActive, refused.Refusal);
        Assert.NotEmpty(racing.Asked);
        foreach (var token in racing.Asked)
        {
            Assert.Null(await core.Store.FindTokenAsync(token.Jti, CancellationToken.None));
        }
    }

    [Fact]
    public async Task Refresh_ExpiredToken_Refused()
    {
        await using var core = await OAuthCore.StartAsync();
        var first = await core.IssueTokensAsync();
        core.Time.Advance(OpaqueTestTokens.Policy.RefreshTokenLifetime);

        Assert.Equal(GrantRefusal.TokenNotActive, (await core.RefreshAsync(first.Refresh!.Value!)).Refusal);
    }

    [Theory]
    [InlineData("another client")]
    [InlineData("another dialect")]
    [InlineData("an access token")]
    [InlineData("no token of ours")]
    public async Task Refresh_NotTheClientsRefreshTokenOfThisDialect_RefusedAsUnknown(string presented)
    {
        await using var core = await OAuthCore.StartAsync();
        var first = await core.IssueTokensAsync();

        var refused = presented switch
        {
            "another client" => await core.RefreshAsync(first.Refresh!.Value!, client: OAuthCore.OtherClient),
            "another dialect" => await core.RefreshAsync(first.Refresh!.Value!, OpaqueTestTokens.Policy with { Dialect = "other" }),
            "an access token" => await core.RefreshAsync(first.Access.Value!),
            _ => await core.RefreshAsync("refresh-nothing"),
        };

        Assert.Equal(GrantRefusal.UnknownToken, refused.Refusal);
        Assert.True(await core.IsActiveAsync(first.Refresh!.Record.Jti));
    }
}
