namespace Waharoa.Tests.Storage;

public abstract partial class StoreContractTests
{
    [Fact]
    public async Task GrantConsent_Twice_OneConsentFoundInAnyCaseGivenAtTheLaterTime()
    {
        await Store.GrantConsentAsync("Alice", "client-a", Now, default);
        await Store.GrantConsentAsync("alice", "client-a", Now.AddMinutes(1), default);

        Assert.Equal(Now.AddMinutes(1), await Store.FindConsentAsync("ALICE", "client-a", default));
        Assert.Null(await Store.FindConsentAsync("alice", "client-b", default));
        Assert.Equal([("Alice", "client-a", Now.AddMinutes(1))], await Store.ListConsentsAsync(default));
    }

    [Fact]
    public async Task ListConsents_OrderedByLogonIgnoringCaseThenClient()
    {
        await Store.GrantConsentAsync("bob", "client-a", Now, default);
        await Store.GrantConsentAsync("Alice", "client-b", Now, default);
        await Store.GrantConsentAsync("alice", "client-a", Now, default);

        var consents = await Store.ListConsentsAsync(default);

        Assert.Equal([("alice", "client-a"), ("Alice", "client-b"), ("bob", "client-a")], consents.Select(c => (c.Logon, c.ClientId)));
    }

    [Fact]
    public async Task RevokeConsent_Held_RevokesThatUsersGrantsWithThatClient()
    {
        await Store.GrantConsentAsync("alice", "client-a", Now, default);
        var (_, revoked) = await NewGrantAsync("Alice", "client-a");
        var (_, otherClient) = await NewGrantAsync("alice", "client-b");
        var (_, otherUser) = await NewGrantAsync("bob", "client-a");

        Assert.True(await Store.RevokeConsentAsync("ALICE", "client-a", Now.AddMinutes(3), default));

        Assert.Null(await Store.FindConsentAsync("alice", "client-a", default));
        Assert.Equal(Now.AddMinutes(3), (await Store.FindTokenAsync(revoked[0].Jti, default))!.Grant.RevokedAt);
        Assert.Null((await Store.FindTokenAsync(otherClient[0].Jti, default))!.Grant.RevokedAt);
        Assert.Null((await Store.FindTokenAsync(otherUser[0].Jti, default))!.Grant.RevokedAt);
    }

    [Fact]
    public async Task RevokeConsent_NoneHeld_ReturnsFalse()
    {
        Assert.False(await Store.RevokeConsentAsync("alice", "client-a", Now, default));
    }

    [Fact]
    public async Task ListActiveTokens_OnlyActiveOnes_FilteredByLogonInAnyCaseAndClient_NewestFirst()
    {
        var (_, alice) = await NewGrantAsync("Alice", "client-a");
        var (_, aliceB) = await NewGrantAsync("alice", "client-b");
        var (bobGrant, _) = await NewGrantAsync("bob", "client-a");
        var (_, spent) = await NewGrantAsync("alice", "client-a");
        await Store.RevokeGrantAsync(bobGrant.GrantId, Now, default);
        await Store.RevokeTokenAsync(spent[1].Jti, Now, default);

        var all = await Store.ListActiveTokensAsync(null, null, Now.AddMinutes(1), 100, default);
        var aliceA = await Store.ListActiveTokensAsync("ALICE", "client-a", Now.AddMinutes(1), 100, default);
        var afterAccessExpired = await Store.ListActiveTokensAsync("alice", null, Now.AddHours(2), 100, default);

        Assert.Equal(
            new[] { alice[0].Jti, alice[1].Jti, aliceB[0].Jti, aliceB[1].Jti, spent[0].Jti }.Order(StringComparer.Ordinal),
            all.Select(t => t.Token.Jti).Order(StringComparer.Ordinal));
        Assert.Equal(new[] { alice[0].Jti, alice[1].Jti, spent[0].Jti }.Order(StringComparer.Ordinal), aliceA.Select(t => t.Token.Jti).Order(StringComparer.Ordinal));
        Assert.All(aliceA, t => Assert.Equal("client-a", t.Grant.ClientId));
        Assert.Equal(new[] { alice[1].Jti, aliceB[1].Jti }.Order(StringComparer.Ordinal), afterAccessExpired.Select(t => t.Token.Jti).Order(StringComparer.Ordinal));
        Assert.Equal(2, (await Store.ListActiveTokensAsync(null, null, Now, 2, default)).Count);
    }
}
