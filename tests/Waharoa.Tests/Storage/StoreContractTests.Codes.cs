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

    /// <summary>A grant of <paramref name="logon"/> to <paramref name="clientId"/>, made by using a code; its tokens are access then refresh.</summary>
    protected async Task<(Grant Grant, IReadOnlyList<IssuedToken> Tokens)> NewGrantAsync(string logon = "alice", string clientId = "client-a")
    {
        var code = NewCode($"code-{Guid.NewGuid():N}", logon, clientId);
        await Store.AddCodeAsync(code, default);
        var issued = Issue(code);
        Assert.Equal(new CodeUse(CodeUseOutcome.Redeemed, null), await Store.UseCodeAsync(code.CodeId, Now, issued.Grant, issued.Tokens, default));
        return issued;
    }

    [Fact]
    public async Task FindCode_Added_ReturnsItUnused()
    {
        var code = NewCode("code-1");
        await Store.AddCodeAsync(code, default);

        Assert.Equal(new StoredCode(code, null, null), await Store.FindCodeAsync("code-1", default));
    }

    [Fact]
    public async Task FindCode_Unknown_ReturnsNull()
    {
        Assert.Null(await Store.FindCodeAsync("nothing", default));
    }

    [Fact]
    public async Task FindCode_Unused_LeavesItUnused()
    {
        // What the caller checks (binding, expiry) it checks on a found code; looking uses nothing up.
        await Store.AddCodeAsync(NewCode("code-1"), default);
        var issued = Issue(NewCode("code-1"));

        await Store.FindCodeAsync("code-1", default);
        var use = await Store.UseCodeAsync("code-1", Now, issued.Grant, issued.Tokens, default);

        Assert.Equal(CodeUseOutcome.Redeemed, use.Outcome);
    }

    [Fact]
    public async Task UseCode_Unused_RedeemedStoringGrantAndTokens()
    {
        var code = NewCode("code-1");
        await Store.AddCodeAsync(code, default);
        var issued = Issue(code);

        var use = await Store.UseCodeAsync("code-1", Now.AddSeconds(10), issued.Grant, issued.Tokens, default);

        Assert.Equal(new CodeUse(CodeUseOutcome.Redeemed, null), use);
        Assert.Equal(new StoredCode(code, Now.AddSeconds(10), issued.Grant.GrantId), await Store.FindCodeAsync("code-1", default));
        foreach (var token in issued.Tokens)
        {
            Assert.Equal(new TokenStatus(token, issued.Grant, null), await Store.FindTokenAsync(token.Jti, default));
        }
    }

    [Fact]
    public async Task UseCode_Unknown_UnknownAndStoresNothing()
    {
        var issued = Issue(NewCode("nothing"));

        var use = await Store.UseCodeAsync("nothing", Now, issued.Grant, issued.Tokens, default);

        Assert.Equal(new CodeUse(CodeUseOutcome.Unknown, null), use);
        Assert.Null(await Store.FindTokenAsync(issued.Tokens[0].Jti, default));
        Assert.Null(await Store.FindCodeAsync("nothing", default));
    }

    [Fact]
    public async Task UseCode_Expired_RedeemedSinceExpiryIsTheCallers()
    {
        await Store.AddCodeAsync(NewCode("code-1"), default);
        var issued = Issue(NewCode("code-1"));

        var use = await Store.UseCodeAsync("code-1", Now.AddMinutes(5), issued.Grant, issued.Tokens, default);

        Assert.Equal(CodeUseOutcome.Redeemed, use.Outcome);
    }

    [Fact]
    public async Task UseCode_Used_ReplayedNamingTheFirstGrantAndStoringNothing()
    {
        await Store.AddCodeAsync(NewCode("code-1"), default);
        var first = Issue(NewCode("code-1"));
        await Store.UseCodeAsync("code-1", Now, first.Grant, first.Tokens, default);
        var second = Issue(NewCode("code-1"));

        var use = await Store.UseCodeAsync("code-1", Now.AddMinutes(1), second.Grant, second.Tokens, default);

        Assert.Equal(new CodeUse(CodeUseOutcome.Replayed, first.Grant.GrantId), use);
        Assert.Null(await Store.FindTokenAsync(second.Tokens[0].Jti, default));
        Assert.Equal((Now, first.Grant.GrantId), await Store.FindCodeAsync("code-1", default) is { } code ? (code.UsedAt, code.GrantId) : default);

        // What a replay means for the first grant is decided above the store.
        Assert.True((await Store.FindTokenAsync(first.Tokens[1].Jti, default))!.IsActive(Now.AddMinutes(1)));
    }

    [Fact]
    public async Task UseCode_Concurrently_ExactlyOneRedeemedOthersReplayedNamingIt()
    {
        await Store.AddCodeAsync(NewCode("code-1"), default);
        var issued = Enumerable.Range(0, 8).Select(_ => Issue(NewCode("code-1"))).ToArray();

        var uses = await ConcurrentlyAsync(8, (store, i) => store.UseCodeAsync("code-1", Now, issued[i].Grant, issued[i].Tokens, default));

        var winner = Assert.Single(Enumerable.Range(0, uses.Length), i => uses[i].Outcome == CodeUseOutcome.Redeemed);
        Assert.All(uses.Where((_, i) => i != winner), u => Assert.Equal(new CodeUse(CodeUseOutcome.Replayed, issued[winner].Grant.GrantId), u));
        for (var i = 0; i < issued.Length; i++)
        {
            Assert.Equal(i == winner, await Store.FindTokenAsync(issued[i].Tokens[0].Jti, default) is not null);
        }
    }
}
