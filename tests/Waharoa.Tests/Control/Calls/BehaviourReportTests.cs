using System.Net;
using System.Text.Json;
using Waharoa.Calls;
using Waharoa.Testing;

namespace Waharoa.Tests.Control.Calls;

/// <summary>Each behaviour finding provoked by a test client through the real gateway and OAuth endpoints, on the virtual clock.</summary>
public sealed class BehaviourReportTests(CallRecordingFixture fixture) : IClassFixture<CallRecordingFixture>
{
    private WaharoaTestHost Host => fixture.Host;

    private string ClientId => Host.CloudClient.ClientId;

    [Fact]
    public async Task FaultRetriedSoonerThanFiveSeconds_IsAFinding_FromIrsBuildPack()
    {
        var from = fixture.NextWindow();
        using var cloud = Host.CreateCloudClient();
        var (access, _) = await TokenCalls.NewCloudTokensAsync(Host, cloud);

        Assert.Equal(HttpStatusCode.GatewayTimeout, (await cloud.SendAsync(CallRecordingFixture.Get(CallRecordingFixture.DownPath, "Bearer " + access))).StatusCode);
        fixture.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.GatewayTimeout, (await cloud.SendAsync(CallRecordingFixture.Get(CallRecordingFixture.DownPath, "Bearer " + access))).StatusCode);

        var findings = await fixture.FindingsAsync(ClientId, from);
        var finding = findings["fault-retried-too-soon"];
        Assert.Equal("Build pack: Intermediation Service", finding.GetProperty("document").GetString());
        Assert.Equal("5.1 Generic Gateway response codes", finding.GetProperty("section").GetString());
        // HttpClient may itself send a GET again at once when the connection it reused was closed: that is a retry too.
        var calls = finding.GetProperty("calls").EnumerateArray().ToList();
        Assert.All(calls, c => Assert.Equal(504, c.GetProperty("status").GetInt32()));
        Assert.Contains(calls, c => c.GetProperty("note").GetString()!.StartsWith("2 s after the fault", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CleanClient_WaitingAfterFaultsAndThrottling_HasNoFindings()
    {
        var from = fixture.NextWindow();
        using var cloud = Host.CreateCloudClient();
        var (access, _) = await TokenCalls.NewCloudTokensAsync(Host, cloud);

        Assert.Equal(HttpStatusCode.GatewayTimeout, (await cloud.SendAsync(CallRecordingFixture.Get(CallRecordingFixture.DownPath, "Bearer " + access))).StatusCode);
        fixture.Time.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(HttpStatusCode.OK, (await cloud.SendAsync(CallRecordingFixture.Get(CallRecordingFixture.EchoPath, "Bearer " + access))).StatusCode);

        Assert.Empty(await fixture.FindingsAsync(ClientId, from));
    }

    [Fact]
    public async Task CalledAgainBeforeRetryAfter_IsAFinding()
    {
        var from = fixture.NextWindow();
        using var cloud = Host.CreateCloudClient();
        var (access, _) = await TokenCalls.NewCloudTokensAsync(Host, cloud);
        HttpResponseMessage? throttled = null;
        for (var i = 0; i <= CallRecordingFixture.CloudBurst && throttled is null; i++)
        {
            var response = await cloud.SendAsync(CallRecordingFixture.Get(CallRecordingFixture.EchoPath, "Bearer " + access));
            throttled = response.StatusCode == HttpStatusCode.TooManyRequests ? response : null;
        }

        Assert.NotNull(throttled);
        Assert.NotNull(throttled.Headers.RetryAfter);
        await cloud.SendAsync(CallRecordingFixture.Get(CallRecordingFixture.EchoPath, "Bearer " + access));

        var finding = (await fixture.FindingsAsync(ClientId, from))["retry-after-ignored"];
        Assert.Equal("Service endpoints", finding.GetProperty("document").GetString());
        Assert.Single(finding.GetProperty("calls").EnumerateArray());
    }

    [Fact]
    public async Task ExpiredAndRevokedTokens_AreFindings()
    {
        var from = fixture.NextWindow();
        using var cloud = Host.CreateCloudClient();
        var (expiring, _) = await TokenCalls.NewCloudTokensAsync(Host, cloud);
        fixture.Time.Advance(TimeSpan.FromHours(9));
        Assert.Equal(HttpStatusCode.Unauthorized, (await cloud.SendAsync(CallRecordingFixture.Get(CallRecordingFixture.EchoPath, "Bearer " + expiring))).StatusCode);
        var (revoked, _) = await TokenCalls.NewCloudTokensAsync(Host, cloud);
        Assert.Equal(HttpStatusCode.OK, (await TokenCalls.DeleteAsync(cloud, Host.CloudClient, revoked)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await cloud.SendAsync(CallRecordingFixture.Get(CallRecordingFixture.EchoPath, "Bearer " + revoked))).StatusCode);

        var findings = await fixture.FindingsAsync(ClientId, from);

        Assert.Equal("The access token has expired.", Assert.Single(findings[CallFlags.TokenExpired].GetProperty("calls").EnumerateArray()).GetProperty("note").GetString());
        Assert.Equal("The access token has been revoked.", Assert.Single(findings[CallFlags.TokenRevoked].GetProperty("calls").EnumerateArray()).GetProperty("note").GetString());
        Assert.Equal("Identity and Access Services build pack", findings[CallFlags.TokenExpired].GetProperty("document").GetString());
    }

    [Fact]
    public async Task StartRefreshTokenReused_IsAFinding()
    {
        var from = fixture.NextWindow();
        using var cloud = Host.CreateCloudClient();
        var tokens = await StartCalls.NewTokensAsync(Host, cloud, Host.CloudClient);
        var refresh = tokens.String("refresh_token");
        Assert.Equal(HttpStatusCode.OK, (await StartCalls.RefreshAsync(cloud, Host.CloudClient, refresh)).Status);

        Assert.NotEqual(HttpStatusCode.OK, (await StartCalls.RefreshAsync(cloud, Host.CloudClient, refresh)).Status);

        var finding = (await fixture.FindingsAsync(ClientId, from))[CallFlags.RefreshTokenReused];
        Assert.Equal("2.1.4 Refresh Token Service", finding.GetProperty("section").GetString());
        Assert.Equal("token", Assert.Single(finding.GetProperty("calls").EnumerateArray()).GetProperty("operation").GetString());
    }

    [Fact]
    public async Task M2mJwtOverEightHoursOrOnDesktop_AndCallsWithoutToken_AreFindings()
    {
        var from = fixture.NextWindow();
        using var cloud = Host.CreateCloudClient();
        using var desktop = Host.CreateDesktopClient();

        await cloud.SendAsync(CallRecordingFixture.Get(CallRecordingFixture.EchoPath, fixture.M2mJwt(ClientId, TimeSpan.FromHours(9))));
        await desktop.SendAsync(CallRecordingFixture.Get(CallRecordingFixture.EchoPath, fixture.M2mJwt(ClientId, TimeSpan.FromMinutes(5))));
        await cloud.SendAsync(CallRecordingFixture.Get(CallRecordingFixture.EchoPath, null));

        var findings = await fixture.FindingsAsync(ClientId, from);
        Assert.Equal("2.4 M2M using Client Signed JWT", findings[CallFlags.M2mLifetimeOver8Hours].GetProperty("section").GetString());
        Assert.Equal("Desktop connection endpoints", findings[CallFlags.M2mOnDesktop].GetProperty("section").GetString());
        Assert.Equal(401, Single(findings[CallFlags.M2mOnDesktop]).GetProperty("status").GetInt32());
        Assert.Equal(401, Single(findings[CallFlags.NoToken]).GetProperty("status").GetInt32());
        Assert.Equal(["m2m-lifetime-over-8h", "m2m-on-desktop", "no-token"], findings.Keys.Order());
    }

    [Fact]
    public async Task NewLogonWhileHoldingAValidRefreshToken_AndSecretInQuery_AreFindings()
    {
        var from = fixture.NextWindow();
        using var cloud = Host.CreateCloudClient();
        await TokenCalls.NewCloudTokensAsync(Host, cloud);
        fixture.Time.Advance(TimeSpan.FromHours(1));
        await TokenCalls.NewCloudTokensAsync(Host, cloud);
        await cloud.SendAsync(CallRecordingFixture.Get(CallRecordingFixture.EchoPath + "?access_token=abc", "Bearer x"));

        var findings = await fixture.FindingsAsync(ClientId, from);

        Assert.Equal("logon", Single(findings[CallFlags.LogonWhileRefreshValid]).GetProperty("operation").GetString());
        Assert.Equal("2.1.7 Security Considerations", findings[CallFlags.SecretInQuery].GetProperty("section").GetString());
        Assert.Equal(CallRecordingFixture.EchoPath + "?access_token=[redacted]", Single(findings[CallFlags.SecretInQuery]).GetProperty("path").GetString());

        var (_, markdown) = await fixture.ControlAsync($"/control/reports/behaviour/{ClientId}?format=md&from={Uri.EscapeDataString(from.ToString("O"))}");
        Assert.Contains("## Started a new logon while holding a valid refresh token", markdown, StringComparison.Ordinal);
        Assert.Contains("IR: *Identity and Access Services build pack*, section \"2.1.7 Security Considerations\"", markdown, StringComparison.Ordinal);
    }

    private static JsonElement Single(JsonElement finding) => Assert.Single(finding.GetProperty("calls").EnumerateArray());
}
