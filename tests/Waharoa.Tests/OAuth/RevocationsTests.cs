using Waharoa.OAuth;

namespace Waharoa.Tests.OAuth;

/// <summary>Every revocation goes through one place, which commits it and then tells the listeners (the other instances' caches).</summary>
public sealed class RevocationsTests
{
    [Fact]
    public async Task RevokeToken_Once_TellsItsJtiOnce()
    {
        await using var core = await OAuthCore.StartAsync();
        var tokens = await core.IssueTokensAsync();

        Assert.True(await core.Revocations.RevokeTokenAsync(tokens.Access.Record.Jti, CancellationToken.None));
        Assert.False(await core.Revocations.RevokeTokenAsync(tokens.Access.Record.Jti, CancellationToken.None));

        Assert.Equal([tokens.Access.Record.Jti], core.Told);
        Assert.True(await core.IsActiveAsync(tokens.Refresh!.Record.Jti));
    }

    [Theory]
    [InlineData("grant")]
    [InlineData("consent")]
    [InlineData("client")]
    public async Task Revoke_ManyTokens_TellsAnyTokenAndEveryTokenOfTheSetStops(string what)
    {
        await using var core = await OAuthCore.StartAsync();
        var tokens = await core.IssueTokensAsync();

        var revoked = what switch
        {
            "grant" => await core.Revocations.RevokeGrantAsync(tokens.Grant.GrantId, CancellationToken.None),
            "consent" => await core.Revocations.RevokeConsentAsync(OAuthCore.Logon, OAuthCore.Client.ClientId, CancellationToken.None),
            _ => await core.Revocations.RemoveClientAsync(OAuthCore.Client.ClientId, CancellationToken.None),
        };

        Assert.Equal(what != "client", revoked); // the test client was never stored; its grants go all the same
        Assert.Equal([null], core.Told);
        Assert.False(await core.IsActiveAsync(tokens.Access.Record.Jti));
        Assert.False(await core.IsActiveAsync(tokens.Refresh!.Record.Jti));
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task RevokePresented_RefreshToken_TakesItsGrantOnlyWhereTheDialectSays(bool takesGrant, bool accessStaysActive)
    {
        await using var core = await OAuthCore.StartAsync();
        var tokens = await core.IssueTokensAsync();
        var policy = OpaqueTestTokens.Policy with { RevokingARefreshTokenRevokesItsGrant = takesGrant };

        var found = await core.Issued.FindAsync(tokens.Refresh!.Value, CancellationToken.None);
        Assert.True(await core.Revocations.RevokePresentedAsync(found, OAuthCore.Client, policy));

        Assert.False(await core.IsActiveAsync(tokens.Refresh.Record.Jti));
        Assert.Equal(accessStaysActive, await core.IsActiveAsync(tokens.Access.Record.Jti));
    }

    [Fact]
    public async Task RevokePresented_AnotherClientsToken_ChangesNothing()
    {
        await using var core = await OAuthCore.StartAsync();
        var tokens = await core.IssueTokensAsync();

        var found = await core.Issued.FindAsync(tokens.Access.Value, CancellationToken.None);

        Assert.False(await core.Revocations.RevokePresentedAsync(found, OAuthCore.OtherClient, OpaqueTestTokens.Policy));
        Assert.True(await core.IsActiveAsync(tokens.Access.Record.Jti));
        Assert.Empty(core.Told);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public async Task RevokePresented_ExpiredToken_RevokedAgainOnlyWhereTheDialectAllows(bool activeOnly, bool revoked)
    {
        await using var core = await OAuthCore.StartAsync();
        var tokens = await core.IssueTokensAsync();
        core.Time.Advance(OpaqueTestTokens.Policy.AccessTokenLifetime);

        var found = await core.Issued.FindAsync(tokens.Access.Value, CancellationToken.None);

        Assert.Equal(revoked, await core.Revocations.RevokePresentedAsync(found, OAuthCore.Client, OpaqueTestTokens.Policy with { RevokesActiveTokensOnly = activeOnly }));
    }
}
