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
}
