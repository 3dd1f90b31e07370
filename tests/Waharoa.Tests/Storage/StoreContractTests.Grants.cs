using Waharoa.Grants;

namespace Waharoa.Tests.Storage;

public abstract partial class StoreContractTests
{
    private static IssuedToken Refresh(string jti, string grantId, DateTimeOffset? expires = null) =>
        new(jti, grantId, TokenKind.Refresh, Now, expires ?? Now.AddDays(30));

    [Fact]
    public async Task FindToken_Unknown_ReturnsNull()
    {
        Assert.Null(await Store.FindTokenAsync("nothing", default));
    }

    [Fact]
    public async Task RevokeToken_Active_OnceOnly()
    {
        var (_, tokens) = await NewGrantAsync();

        Assert.True(await Store.RevokeTokenAsync(tokens[0].Jti, Now.AddMinutes(1), default));
        Assert.False(await Store.RevokeTokenAsync(tokens[0].Jti, Now.AddMinutes(2), default));
        Assert.False(await Store.RevokeTokenAsync("nothing", Now, default));

        var status = await Store.FindTokenAsync(tokens[0].Jti, default);
        Assert.Equal(Now.AddMinutes(1), status!.TokenRevokedAt);
        Assert.Null(status.Grant.RevokedAt);
    }

    [Fact]
    public async Task Renew_NotSpending_ActiveToken_StoresTokensWithTheirGrantAndLeavesItActive()
    {
        var (grant, tokens) = await NewGrantAsync();
        var more = new IssuedToken("access-2", grant.GrantId, TokenKind.Access, Now.AddHours(1), Now.AddHours(2));

        Assert.True(await Store.RenewAsync(tokens[1].Jti, Now.AddMinutes(1), [more], spend: false, default));

        Assert.Equal(new TokenStatus(more, grant, null), await Store.FindTokenAsync("access-2", default));
        Assert.Equal(new TokenStatus(tokens[1], grant, null), await Store.FindTokenAsync(tokens[1].Jti, default));
    }

    [Fact]
    public async Task Renew_NotSpending_SameTokenAgain_StoresEachTime()
    {
        var (grant, tokens) = await NewGrantAsync();

        Assert.True(await Store.RenewAsync(tokens[1].Jti, Now, [Refresh("refresh-2", grant.GrantId)], spend: false, default));
        Assert.True(await Store.RenewAsync(tokens[1].Jti, Now, [Refresh("refresh-3", grant.GrantId)], spend: false, default));

        Assert.NotNull(await Store.FindTokenAsync("refresh-2", default));
        Assert.NotNull(await Store.FindTokenAsync("refresh-3", default));
    }

    [Fact]
    public async Task Renew_Spending_ActiveToken_SpendsItAndStoresNewTokens()
    {
        var (grant, tokens) = await NewGrantAsync();
        var next = Refresh("refresh-2", grant.GrantId);

        Assert.True(await Store.RenewAsync(tokens[1].Jti, Now.AddMinutes(1), [next], spend: true, default));

        Assert.Equal(Now.AddMinutes(1), (await Store.FindTokenAsync(tokens[1].Jti, default))!.TokenRevokedAt);
        Assert.Equal(new TokenStatus(next, grant, null), await Store.FindTokenAsync("refresh-2", default));
    }

    [Fact]
    public async Task Renew_Spending_AlreadySpent_FalseAndStoresNothing()
    {
        var (grant, tokens) = await NewGrantAsync();
        await Store.RenewAsync(tokens[1].Jti, Now, [Refresh("refresh-2", grant.GrantId)], spend: true, default);

        Assert.False(await Store.RenewAsync(tokens[1].Jti, Now, [Refresh("refresh-3", grant.GrantId)], spend: true, default));

        Assert.Null(await Store.FindTokenAsync("refresh-3", default));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Renew_TokenExpiredRevokedOrOfRevokedGrant_FalseStoringAndSpendingNothing(bool spend)
    {
        var (expiredGrant, expiredTokens) = await NewGrantAsync();
        await Store.RenewAsync(expiredTokens[0].Jti, Now, [Refresh("short", expiredGrant.GrantId, Now.AddMinutes(1))], spend: false, default);
        var (revokedTokenGrant, revokedTokens) = await NewGrantAsync();
        await Store.RevokeTokenAsync(revokedTokens[1].Jti, Now, default);
        var (revokedGrant, revokedGrantTokens) = await NewGrantAsync();
        await Store.RevokeGrantAsync(revokedGrant.GrantId, Now, default);

        Assert.False(await Store.RenewAsync("short", Now.AddMinutes(1), [Refresh("r-a", expiredGrant.GrantId)], spend, default));
        Assert.False(await Store.RenewAsync(revokedTokens[1].Jti, Now.AddMinutes(1), [Refresh("r-b", revokedTokenGrant.GrantId)], spend, default));
        Assert.False(await Store.RenewAsync(revokedGrantTokens[1].Jti, Now.AddMinutes(1), [Refresh("r-c", revokedGrant.GrantId)], spend, default));
        Assert.False(await Store.RenewAsync("nothing", Now, [], spend, default));

        foreach (var jti in new[] { "r-a", "r-b", "r-c" })
        {
            Assert.Null(await Store.FindTokenAsync(jti, default));
        }

        Assert.Null((await Store.FindTokenAsync("short", default))!.TokenRevokedAt);
        Assert.Equal(Now, (await Store.FindTokenAsync(revokedTokens[1].Jti, default))!.TokenRevokedAt);
        Assert.Null((await Store.FindTokenAsync(revokedGrantTokens[1].Jti, default))!.TokenRevokedAt);
    }

    /// <remarks>
    /// The race of a refresh and a revocation (an xIAMS <c>delete</c> of the token, or its grant revoked) on two
    /// instances: the refresh read the token as active; the revocation is made, but not committed, before the renewal
    /// starts, and commits while the renewal waits for it or, had the renewal locked nothing, after it.
    /// </remarks>
    [Theory]
    [InlineData("token", false)]
    [InlineData("token", true)]
    [InlineData("grant", false)]
    [InlineData("grant", true)]
    public async Task Renew_RevokedByAnotherInstanceBeforeTheRenewalCommits_FalseAndStoresNothing(string revoked, bool spend)
    {
        var (grant, tokens) = await NewGrantAsync();
        Assert.True((await Store.FindTokenAsync(tokens[1].Jti, default))!.IsActive(Now));
        var revocation = await BeginUncommittedAsync(revoked == "token"
            ? $"UPDATE tokens SET revoked_at = {Now.ToUnixTimeMilliseconds()} WHERE jti = '{tokens[1].Jti}'"
            : $"UPDATE grants SET revoked_at = {Now.ToUnixTimeMilliseconds()} WHERE grant_id = '{grant.GrantId}'");

        var renewal = Store.RenewAsync(tokens[1].Jti, Now, [Refresh("successor", grant.GrantId)], spend, default);
        await Task.WhenAny(renewal, Task.Delay(TimeSpan.FromSeconds(1)));
        await revocation.DisposeAsync();

        Assert.False(await renewal);
        Assert.Null(await Store.FindTokenAsync("successor", default));
    }

    [Fact]
    public async Task Renew_SpendingConcurrently_ExactlyOneTrue()
    {
        var (grant, tokens) = await NewGrantAsync();

        var renewed = await ConcurrentlyAsync(8, (store, i) => store.RenewAsync(tokens[1].Jti, Now, [Refresh($"next-{i}", grant.GrantId)], spend: true, default));

        var winner = Assert.Single(Enumerable.Range(0, renewed.Length), i => renewed[i]);
        for (var i = 0; i < renewed.Length; i++)
        {
            Assert.Equal(i == winner, await Store.FindTokenAsync($"next-{i}", default) is not null);
        }
    }

    [Fact]
    public async Task Renew_NotSpendingConcurrently_EveryOneTrue()
    {
        var (grant, tokens) = await NewGrantAsync();

        var renewed = await ConcurrentlyAsync(8, (store, i) => store.RenewAsync(tokens[1].Jti, Now, [Refresh($"next-{i}", grant.GrantId)], spend: false, default));

        Assert.All(renewed, Assert.True);
        Assert.Null((await Store.FindTokenAsync(tokens[1].Jti, default))!.TokenRevokedAt);
    }

    [Fact]
    public async Task RevokeGrant_Active_RevokesEveryTokenOnceOnly()
    {
        var (grant, tokens) = await NewGrantAsync();

        Assert.True(await Store.RevokeGrantAsync(grant.GrantId, Now.AddMinutes(1), default));
        Assert.False(await Store.RevokeGrantAsync(grant.GrantId, Now.AddMinutes(2), default));
        Assert.False(await Store.RevokeGrantAsync("nothing", Now, default));

        foreach (var token in tokens)
        {
            var status = await Store.FindTokenAsync(token.Jti, default);
            Assert.Equal(Now.AddMinutes(1), status!.Grant.RevokedAt);
            Assert.False(status.IsActive(Now));
        }
    }
}
