using Waharoa.Grants;

namespace Waharoa.Tests.Storage;

public abstract partial class StoreContractTests
{
    protected static AuthorizationCode NewCode(string codeId, string logon = "alice", string clientId = "client-a") =>
        new(codeId, clientId, logon, "https://app.example/callback", "MYIR.Services", Now, Now.AddMinutes(5)) { CodeChallenge = "E9Melhoa2Owv" };

    /// <summary>What the token endpoint makes of a code: a grant with an access and a refresh token.</summary>
    protected static (Grant Grant, IReadOnlyList<IssuedToken> Tokens) Issue(AuthorizationCode code)
    {
        var grantId = $"grant-{Guid.NewGuid():N}";
        return (
            new Grant(grantId, code.ClientId, code.Logon, code.Scope, GatewayEndpoint.Cloud, Now, null),
            [
                new IssuedToken($"access-{grantId}", grantId, TokenKind.Access, Now, Now.AddHours(1)),
                new IssuedToken($"refresh-{grantId}", grantId, TokenKind.Refresh, Now, Now.AddDays(30)),
            ]);
    }

    /// <summary>A grant of <paramref name="logon"/> to <paramref name="clientId"/>, made by redeeming a code; its tokens are access then refresh.</summary>
    protected async Task<(Grant Grant, IReadOnlyList<IssuedToken> Tokens)> NewGrantAsync(string logon = "alice", string clientId = "client-a")
    {
        var code = NewCode($"code-{Guid.NewGuid():N}", logon, clientId);
        await Store.AddCodeAsync(code, default);
        (Grant, IReadOnlyList<IssuedToken>)? issued = null;
        var (outcome, _) = await Store.RedeemCodeAsync(code.CodeId, Now, c => issued = Issue(c), default);
        Assert.Equal(CodeRedemption.Redeemed, outcome);
        return issued!.Value;
    }

    private static IssuedToken Refresh(string jti, string grantId, DateTimeOffset? expires = null) =>
        new(jti, grantId, TokenKind.Refresh, Now, expires ?? Now.AddDays(30));

    [Fact]
    public async Task RedeemCode_Unused_StoresGrantAndTokens()
    {
        var code = NewCode("code-1");
        await Store.AddCodeAsync(code, default);
        var issued = Issue(code);

        var (outcome, redeemed) = await Store.RedeemCodeAsync("code-1", Now.AddSeconds(10), _ => issued, default);

        Assert.Equal(CodeRedemption.Redeemed, outcome);
        Assert.Equal(code, redeemed);
        foreach (var token in issued.Tokens)
        {
            var status = await Store.FindTokenAsync(token.Jti, default);
            Assert.Equal(new TokenStatus(token, issued.Grant, null), status);
        }
    }

    [Fact]
    public async Task RedeemCode_Unknown_Invalid()
    {
        var (outcome, code) = await Store.RedeemCodeAsync("nothing", Now, _ => throw new InvalidOperationException("not called"), default);

        Assert.Equal(CodeRedemption.Invalid, outcome);
        Assert.Null(code);
    }

    [Fact]
    public async Task RedeemCode_Expired_InvalidWithoutIssuing()
    {
        await Store.AddCodeAsync(NewCode("code-1"), default);

        var (outcome, code) = await Store.RedeemCodeAsync("code-1", Now.AddMinutes(5), _ => throw new InvalidOperationException("not called"), default);

        Assert.Equal(CodeRedemption.Invalid, outcome);
        Assert.Equal("code-1", code?.CodeId);
    }

    [Fact]
    public async Task RedeemCode_BindingRefused_LeavesCodeUnused()
    {
        await Store.AddCodeAsync(NewCode("code-1"), default);

        var (refused, _) = await Store.RedeemCodeAsync("code-1", Now, _ => null, default);
        var (accepted, _) = await Store.RedeemCodeAsync("code-1", Now, c => Issue(c), default);

        Assert.Equal(CodeRedemption.Invalid, refused);
        Assert.Equal(CodeRedemption.Redeemed, accepted);
    }

    [Fact]
    public async Task RedeemCode_Reused_ReplayedAndGrantRevoked()
    {
        await Store.AddCodeAsync(NewCode("code-1"), default);
        var issued = Issue(NewCode("code-1"));
        await Store.RedeemCodeAsync("code-1", Now, _ => issued, default);

        var (outcome, code) = await Store.RedeemCodeAsync("code-1", Now.AddMinutes(1), _ => throw new InvalidOperationException("not called"), default);

        Assert.Equal(CodeRedemption.Replayed, outcome);
        Assert.Equal("code-1", code?.CodeId);
        var status = await Store.FindTokenAsync(issued.Tokens[1].Jti, default);
        Assert.Equal(Now.AddMinutes(1), status!.Grant.RevokedAt);
        Assert.False(status.IsActive(Now.AddMinutes(1)));
    }

    [Fact]
    public async Task RedeemCode_Concurrently_ExactlyOneRedeemed()
    {
        await Store.AddCodeAsync(NewCode("code-1"), default);

        var outcomes = await ConcurrentlyAsync(8, async (store, _) => (await store.RedeemCodeAsync("code-1", Now, c => Issue(c), default)).Outcome);

        Assert.Single(outcomes, o => o == CodeRedemption.Redeemed);
        Assert.All(outcomes.Where(o => o != CodeRedemption.Redeemed), o => Assert.Equal(CodeRedemption.Replayed, o));
    }

    [Fact]
    public async Task AddTokens_ExistingGrant_FoundWithTheirGrant()
    {
        var (grant, _) = await NewGrantAsync();
        var more = new IssuedToken("access-2", grant.GrantId, TokenKind.Access, Now.AddHours(1), Now.AddHours(2));

        await Store.AddTokensAsync([more], default);

        Assert.Equal(new TokenStatus(more, grant, null), await Store.FindTokenAsync("access-2", default));
    }

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
    public async Task RotateRefreshToken_Active_UsesItAndStoresNewTokens()
    {
        var (grant, tokens) = await NewGrantAsync();
        var next = Refresh("refresh-2", grant.GrantId);

        Assert.True(await Store.RotateRefreshTokenAsync(tokens[1].Jti, Now.AddMinutes(1), [next], default));

        Assert.Equal(Now.AddMinutes(1), (await Store.FindTokenAsync(tokens[1].Jti, default))!.TokenRevokedAt);
        Assert.Equal(new TokenStatus(next, grant, null), await Store.FindTokenAsync("refresh-2", default));
    }

    [Fact]
    public async Task RotateRefreshToken_AlreadyUsed_FalseAndStoresNothing()
    {
        var (grant, tokens) = await NewGrantAsync();
        await Store.RotateRefreshTokenAsync(tokens[1].Jti, Now, [Refresh("refresh-2", grant.GrantId)], default);

        Assert.False(await Store.RotateRefreshTokenAsync(tokens[1].Jti, Now, [Refresh("refresh-3", grant.GrantId)], default));

        Assert.Null(await Store.FindTokenAsync("refresh-3", default));
    }

    [Fact]
    public async Task RotateRefreshToken_ExpiredOrGrantRevoked_False()
    {
        var (expiredGrant, _) = await NewGrantAsync();
        await Store.AddTokensAsync([Refresh("short", expiredGrant.GrantId, Now.AddMinutes(1))], default);
        var (revokedGrant, revokedTokens) = await NewGrantAsync();
        await Store.RevokeGrantAsync(revokedGrant.GrantId, Now, default);

        Assert.False(await Store.RotateRefreshTokenAsync("short", Now.AddMinutes(1), [Refresh("r-a", expiredGrant.GrantId)], default));
        Assert.False(await Store.RotateRefreshTokenAsync(revokedTokens[1].Jti, Now, [Refresh("r-b", revokedGrant.GrantId)], default));
        Assert.False(await Store.RotateRefreshTokenAsync("nothing", Now, [], default));

        Assert.Null(await Store.FindTokenAsync("r-a", default));
        Assert.Null(await Store.FindTokenAsync("r-b", default));
    }

    [Fact]
    public async Task RotateRefreshToken_Concurrently_ExactlyOneTrue()
    {
        var (grant, tokens) = await NewGrantAsync();

        var rotated = await ConcurrentlyAsync(8, (store, i) => store.RotateRefreshTokenAsync(tokens[1].Jti, Now, [Refresh($"next-{i}", grant.GrantId)], default));

        var winner = Assert.Single(Enumerable.Range(0, rotated.Length), i => rotated[i]);
        for (var i = 0; i < rotated.Length; i++)
        {
            Assert.Equal(i == winner, await Store.FindTokenAsync($"next-{i}", default) is not null);
        }
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
