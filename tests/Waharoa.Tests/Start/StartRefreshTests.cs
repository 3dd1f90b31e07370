using System.Net;
using Microsoft.Extensions.Time.Testing;
using Waharoa.Certificates;
using Waharoa.Clients;
using Waharoa.Security;
using Waharoa.Storage;
using Waharoa.Testing;

namespace Waharoa.Tests.Start;

/// <summary>START's rotating refresh tokens: single use, reuse detection that revokes the token set, 1-year sliding lifetime.</summary>
public sealed class StartRefreshTests
{
    [Fact]
    public async Task Refresh_ReturnsNewAccessAndRefreshToken_InTheSameShape()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var first = await StartCalls.NewTokensAsync(host, cloud, host.CloudClient);

        var second = await StartCalls.RefreshAsync(cloud, host.CloudClient, first.String("refresh_token"));

        StartAssert.TokenResponse(second, withRefreshToken: true);
        Assert.NotEqual(first.String("access_token"), second.String("access_token"));
        Assert.NotEqual(first.String("refresh_token"), second.String("refresh_token"));
        StartAssert.Active(await StartCalls.IntrospectAsync(cloud, host.CloudClient, second.String("access_token")));
        StartAssert.Active(await StartCalls.IntrospectAsync(cloud, host.CloudClient, second.String("refresh_token"), "refresh_token"));
    }

    [Fact]
    public async Task Refresh_OldTokenAfterRotation_Returns401RefreshTokenIsInvalid()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var first = await StartCalls.NewTokensAsync(host, cloud, host.CloudClient);
        await StartCalls.RefreshAsync(cloud, host.CloudClient, first.String("refresh_token"));

        var again = await StartCalls.RefreshAsync(cloud, host.CloudClient, first.String("refresh_token"));

        StartAssert.Error(again, HttpStatusCode.Unauthorized, "invalid_grant", "Refresh token is invalid.");
    }

    [Fact]
    public async Task Refresh_ReuseOfUsedToken_RevokesTheWholeTokenSetButNotOtherGrants()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var first = await StartCalls.NewTokensAsync(host, cloud, host.CloudClient);
        var other = await StartCalls.NewTokensAsync(host, cloud, host.CloudClient);
        var second = await StartCalls.RefreshAsync(cloud, host.CloudClient, first.String("refresh_token"));
        StartAssert.Active(await StartCalls.IntrospectAsync(cloud, host.CloudClient, first.String("access_token")));

        var reuse = await StartCalls.RefreshAsync(cloud, host.CloudClient, first.String("refresh_token"));

        StartAssert.Error(reuse, HttpStatusCode.Unauthorized, "invalid_grant", "Refresh token is invalid.");
        StartAssert.Inactive(await StartCalls.IntrospectAsync(cloud, host.CloudClient, second.String("refresh_token"), "refresh_token"));
        StartAssert.Inactive(await StartCalls.IntrospectAsync(cloud, host.CloudClient, second.String("access_token")));
        StartAssert.Inactive(await StartCalls.IntrospectAsync(cloud, host.CloudClient, first.String("access_token")));
        StartAssert.Error(await StartCalls.RefreshAsync(cloud, host.CloudClient, second.String("refresh_token")), HttpStatusCode.Unauthorized, "invalid_grant", "Refresh token is invalid.");
        StartAssert.Active(await StartCalls.IntrospectAsync(cloud, host.CloudClient, other.String("access_token")));
        StartAssert.TokenResponse(await StartCalls.RefreshAsync(cloud, host.CloudClient, other.String("refresh_token")), withRefreshToken: true);
    }

    [Fact]
    public async Task Refresh_NativeClient_Returns400UnauthorizedClient()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        using var desktop = host.CreateDesktopClient();
        var cloudTokens = await StartCalls.NewTokensAsync(host, cloud, host.CloudClient);

        var reply = await StartCalls.RefreshAsync(desktop, host.NativeClient, cloudTokens.String("refresh_token"));

        StartAssert.Error(reply, HttpStatusCode.BadRequest, "unauthorized_client", "Token refresh is not allowed for this client.");
    }

    [Fact]
    public async Task CodeExchange_CloudClientOnTheDesktopEndpoint_IssuesNoRefreshToken()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var desktop = host.CreateDesktopClient();

        var tokens = await StartCalls.NewTokensAsync(host, desktop, host.CloudClient);

        StartAssert.TokenResponse(tokens, withRefreshToken: false);
    }

    [Fact]
    public async Task Threat_RefreshTokenUsedOnTheDesktopEndpoint_IsRefusedAndStaysUsableOnTheCloudEndpoint()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        using var desktop = host.CreateDesktopClient();
        var tokens = await StartCalls.NewTokensAsync(host, cloud, host.CloudClient);

        // Someone holding the refresh token and the client secret, but not the client's private key.
        var stolen = await StartCalls.RefreshAsync(desktop, host.CloudClient, tokens.String("refresh_token"));

        StartAssert.Error(stolen, HttpStatusCode.BadRequest, "unsupported_grant_type", "Invalid grant_type.");
        StartAssert.TokenResponse(await StartCalls.RefreshAsync(cloud, host.CloudClient, tokens.String("refresh_token")), withRefreshToken: true);
    }

    [Fact]
    public async Task Refresh_ParameterMissing_Returns400MissingRefreshToken()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();

        var reply = await StartCalls.PostAsync(cloud, StartUrls.Token, host.CloudClient, ("grant_type", "refresh_token"));

        StartAssert.Error(reply, HttpStatusCode.BadRequest, "invalid_request", "Invalid request format. Missing parameter: refresh_token");
    }

    [Theory]
    [InlineData("6fgyc4qz4nkk85q9rcmqh67v8jzmxy7b9tt6xb553nqcdwhtn2")] // BP:1495
    [InlineData("jdjwx6rkdkrz73dxc6nwk7zmmcnjvjzttp3854t2b4khq4frrz")] // MS:142
    [InlineData("not a token")]
    public async Task Refresh_UnknownToken_Returns401RefreshTokenIsInvalid(string token)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();

        var reply = await StartCalls.RefreshAsync(cloud, host.CloudClient, token);

        StartAssert.Error(reply, HttpStatusCode.Unauthorized, "invalid_grant", "Refresh token is invalid.");
    }

    [Fact]
    public async Task Refresh_XiamsRefreshToken_IsNotAStartRefreshToken()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var (_, xiamsRefresh) = await TokenCalls.NewCloudTokensAsync(host, cloud);

        var reply = await StartCalls.RefreshAsync(cloud, host.CloudClient, xiamsRefresh);

        StartAssert.Error(reply, HttpStatusCode.Unauthorized, "invalid_grant", "Refresh token is invalid.");
    }

    [Fact]
    public async Task Refresh_RevokedThroughRevokeEndpoint_Returns401()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var tokens = await StartCalls.NewTokensAsync(host, cloud, host.CloudClient);
        StartAssert.EmptyOk(await StartCalls.RevokeAsync(cloud, host.CloudClient, tokens.String("refresh_token"), "refresh_token"));

        var reply = await StartCalls.RefreshAsync(cloud, host.CloudClient, tokens.String("refresh_token"));

        StartAssert.Error(reply, HttpStatusCode.Unauthorized, "invalid_grant", "Refresh token is invalid.");
    }

    [Fact]
    public async Task Refresh_AfterConsentRevoked_Returns401()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var tokens = await StartCalls.NewTokensAsync(host, cloud, host.CloudClient);
        var revocations = (Waharoa.OAuth.Revocations)host.Server.Services.GetService(typeof(Waharoa.OAuth.Revocations))!;
        Assert.True(await revocations.RevokeConsentAsync(host.User.Logon, host.CloudClient.ClientId, CancellationToken.None));

        var reply = await StartCalls.RefreshAsync(cloud, host.CloudClient, tokens.String("refresh_token"));

        StartAssert.Error(reply, HttpStatusCode.Unauthorized, "invalid_grant", "Refresh token is invalid.");
        StartAssert.Inactive(await StartCalls.IntrospectAsync(cloud, host.CloudClient, tokens.String("access_token")));

        // And START asks for consent again (BP:498).
        using var session = new MyIrSession(host);
        await session.GetAsync(StartUrls.AuthorizeUrl(host.CloudClient.ClientId, host.CloudClient.RedirectUri));
        await session.LogonAsync(host.User.Logon, host.User.Password);
        Assert.Contains("action=\"/myir/consent\"", session.LastPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refresh_TokenOfAnotherCloudClient_Returns401()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var tokens = await StartCalls.NewTokensAsync(host, cloud, host.CloudClient);
        using (var certificate = host.LoadCloudClientCertificate())
        {
            var clients = (IClientStore)host.Server.Services.GetService(typeof(IClientStore))!;
            await clients.AddClientAsync(
                new DspClient("Other_Dsp", "Other DSP", ClientKind.Cloud, SecretHasher.Hash("OtherSecret"), ["https://other.example/cb"], CertificateFiles.Sha256Thumbprint(certificate), DateTimeOffset.UtcNow) { Services = ["*"] },
                CancellationToken.None);
        }

        var reply = await StartCalls.RefreshAsync(cloud, host.CloudClient with { ClientId = "Other_Dsp", ClientSecret = "OtherSecret" }, tokens.String("refresh_token"));

        StartAssert.Error(reply, HttpStatusCode.Unauthorized, "invalid_grant", "Refresh token is invalid.");
    }

    [Fact]
    public async Task Refresh_LifetimeIsOneYearFromEachRotation()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await WaharoaTestHost.StartAsync(time);
        using var cloud = host.CreateCloudClient();
        var first = await StartCalls.NewTokensAsync(host, cloud, host.CloudClient);

        // 364 days, then another 364: more than a year after the first token, but each rotation had a fresh year.
        time.Advance(TimeSpan.FromDays(364));
        var second = await StartCalls.RefreshAsync(cloud, host.CloudClient, first.String("refresh_token"));
        StartAssert.TokenResponse(second, withRefreshToken: true);
        time.Advance(TimeSpan.FromDays(364));
        var third = await StartCalls.RefreshAsync(cloud, host.CloudClient, second.String("refresh_token"));
        StartAssert.TokenResponse(third, withRefreshToken: true);

        // A year (even a leap one) and a day later the newest refresh token is dead.
        time.Advance(TimeSpan.FromDays(367));
        StartAssert.Inactive(await StartCalls.IntrospectAsync(cloud, host.CloudClient, third.String("refresh_token"), "refresh_token"));
        var expired = await StartCalls.RefreshAsync(cloud, host.CloudClient, third.String("refresh_token"));
        StartAssert.Error(expired, HttpStatusCode.Unauthorized, "invalid_grant", "Refresh token is invalid.");
    }

    [Fact]
    public async Task Refresh_GivesAnAccessTokenWithGrantRefreshToken()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var first = await StartCalls.NewTokensAsync(host, cloud, host.CloudClient);

        var second = await StartCalls.RefreshAsync(cloud, host.CloudClient, first.String("refresh_token"));

        using var before = new StartJwt(first.String("access_token"));
        using var after = new StartJwt(second.String("access_token"));
        Assert.Equal("AUTHORIZATION_CODE", before.String("grant"));
        Assert.Equal("REFRESH_TOKEN", after.String("grant"));
        Assert.Equal(before.Sub, after.Sub);
        Assert.Equal(before.String("startLogon"), after.String("startLogon"));
        Assert.NotEqual(before.String("jti"), after.String("jti"));
    }

    [Fact]
    public async Task Consent_LastsFiveYears_ThenRefreshIsRefusedAndTheUserIsAskedAgain()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await WaharoaTestHost.StartAsync(time);
        using var cloud = host.CreateCloudClient();
        var client = host.CloudClient;
        var tokens = await StartCalls.NewTokensAsync(host, cloud, client);
        async Task<string> PageAfterLogonAsync()
        {
            using var session = new MyIrSession(host);
            await session.GetAsync(StartUrls.AuthorizeUrl(client.ClientId, client.RedirectUri));
            using var response = await session.LogonAsync(host.User.Logon, host.User.Password);
            return response.StatusCode == HttpStatusCode.Redirect ? "redirect" : session.LastPage.Contains("action=\"/myir/consent\"", StringComparison.Ordinal) ? "consent" : "other";
        }

        // Five rotations 364 days apart: 1,820 days after consent it still holds.
        for (var i = 0; i < 5; i++)
        {
            time.Advance(TimeSpan.FromDays(364));
            tokens = await StartCalls.RefreshAsync(cloud, client, tokens.String("refresh_token"));
            StartAssert.TokenResponse(tokens, withRefreshToken: true);
        }

        Assert.Equal("redirect", await PageAfterLogonAsync());

        // Past five years (1,826 days) the live refresh token buys nothing and the user is asked to consent again.
        time.Advance(TimeSpan.FromDays(7));
        var lapsed = await StartCalls.RefreshAsync(cloud, client, tokens.String("refresh_token"));
        StartAssert.Error(lapsed, HttpStatusCode.Unauthorized, "invalid_grant", "Refresh token is invalid.");
        Assert.Equal("consent", await PageAfterLogonAsync());
    }
}
