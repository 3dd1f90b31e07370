using Waharoa.OAuth;

namespace Waharoa.Tests.OAuth;

/// <summary>Checking a presented token says why it fails, so a dialect can answer a withdrawn consent as IR does.</summary>
public sealed class TokenCheckTests
{
    [Theory]
    [InlineData("active", GrantRefusal.None)]
    [InlineData("another client", GrantRefusal.UnknownToken)]
    [InlineData("token revoked", GrantRefusal.TokenNotActive)]
    [InlineData("grant revoked", GrantRefusal.TokenNotActive)]
    [InlineData("consent withdrawn", GrantRefusal.ConsentWithdrawn)]
    [InlineData("consent lapsed", GrantRefusal.ConsentWithdrawn)]
    [InlineData("expired, then consent withdrawn", GrantRefusal.TokenNotActive)]
    public async Task Check_SaysWhyATokenFails(string state, GrantRefusal expected)
    {
        await using var core = await OAuthCore.StartAsync();
        var policy = OpaqueTestTokens.Policy with { ConsentLifetime = TimeSpan.FromDays(30) };
        var tokens = await core.IssueTokensAsync(policy);
        var client = OAuthCore.Client.ClientId;
        switch (state)
        {
            case "another client":
                client = OAuthCore.OtherClient.ClientId;
                break;
            case "token revoked":
                await core.Revocations.RevokeTokenAsync(tokens.Access.Record.Jti, CancellationToken.None);
                break;
            case "grant revoked":
                await core.Revocations.RevokeGrantAsync(tokens.Grant.GrantId, CancellationToken.None);
                break;
            case "consent withdrawn":
                await core.Revocations.RevokeConsentAsync(OAuthCore.Logon, client, CancellationToken.None);
                break;
            case "consent lapsed":
                // Consent given 31 days ago; the access token was issued a minute ago.
                await core.Store.GrantConsentAsync(OAuthCore.Logon, client, core.Time.GetUtcNow().AddDays(-31), CancellationToken.None);
                break;
            case "expired, then consent withdrawn":
                core.Time.Advance(policy.AccessTokenLifetime);
                await core.Revocations.RevokeConsentAsync(OAuthCore.Logon, client, CancellationToken.None);
                break;
        }

        var check = await core.Issued.CheckAsync(tokens.Access.Value, kind: null, client, policy, CancellationToken.None);

        Assert.Equal(expected, check.Refusal);
        Assert.Equal(expected == GrantRefusal.None, check.Token is not null);
    }
}
