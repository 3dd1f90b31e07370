using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Waharoa.Testing;

namespace Waharoa.Tests.Start;

/// <summary>One core behind two dialects: consent, logon sessions and revocations are shared between xIAMS and START, and the gateway takes both tokens.</summary>
public sealed class StartCrossDialectTests
{
    [Fact]
    public async Task Consent_GivenThroughXiams_StartAuthorizeInSameSessionRedirectsAtOnce()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var session = new MyIrSession(host);
        var client = host.CloudClient;
        await session.AuthorizeAsync(XiamsUrls.AuthorizeUrl(client.ClientId, client.RedirectUri), host.User.Logon, host.User.Password);

        using var response = await session.GetAsync(StartUrls.AuthorizeUrl(client.ClientId, client.RedirectUri, state: "start"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var query = MyIrSession.RedirectQuery(response);
        StartAssert.Code(query["code"]);
        Assert.Equal("start", query["state"]);
    }

    [Fact]
    public async Task Consent_GivenThroughXiams_StartAuthorizeAfterFreshLogonSkipsConsentPage()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        var client = host.CloudClient;
        using (var first = new MyIrSession(host))
        {
            await first.AuthorizeAsync(XiamsUrls.AuthorizeUrl(client.ClientId, client.RedirectUri), host.User.Logon, host.User.Password);
        }

        using var session = new MyIrSession(host);
        await session.GetAsync(StartUrls.AuthorizeUrl(client.ClientId, client.RedirectUri));
        Assert.Contains("action=\"/myir/logon\"", session.LastPage, StringComparison.Ordinal);
        using var logon = await session.LogonAsync(host.User.Logon, host.User.Password);

        Assert.Equal(HttpStatusCode.Redirect, logon.StatusCode);
        StartAssert.Code(MyIrSession.RedirectQuery(logon)["code"]);
    }

    [Fact]
    public async Task Consent_GivenThroughStart_XiamsAuthorizeAfterFreshLogonSkipsConsentPage()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        var client = host.CloudClient;
        await StartCalls.NewCodeAsync(host, client);

        using var session = new MyIrSession(host);
        await session.GetAsync(XiamsUrls.AuthorizeUrl(client.ClientId, client.RedirectUri));
        using var logon = await session.LogonAsync(host.User.Logon, host.User.Password);

        Assert.Equal(HttpStatusCode.Redirect, logon.StatusCode);
        Assert.True(MyIrSession.RedirectQuery(logon).ContainsKey("code"));
    }

    [Fact]
    public async Task Consent_GivenThroughStart_XiamsAuthorizeInSameSessionRedirectsAtOnce()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var session = new MyIrSession(host);
        var client = host.CloudClient;
        await session.AuthorizeAsync(StartUrls.AuthorizeUrl(client.ClientId, client.RedirectUri), host.User.Logon, host.User.Password);

        using var response = await session.GetAsync(XiamsUrls.AuthorizeUrl(client.ClientId, client.RedirectUri));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(MyIrSession.RedirectQuery(response).ContainsKey("code"));
    }

    [Fact]
    public async Task StartAccessToken_DeletedThroughXiams_IsInactiveInStartIntrospection()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var tokens = await StartCalls.NewTokensAsync(host, cloud, host.CloudClient);

        var (status, _, _) = await TokenCalls.DeleteAsync(cloud, host.CloudClient, tokens.String("access_token"));

        Assert.Equal(HttpStatusCode.OK, status);
        StartAssert.Inactive(await StartCalls.IntrospectAsync(cloud, host.CloudClient, tokens.String("access_token")));
    }

    [Fact]
    public async Task StartRefreshToken_DeletedThroughXiams_NoLongerRefreshes()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var tokens = await StartCalls.NewTokensAsync(host, cloud, host.CloudClient);

        var (status, body, _) = await TokenCalls.DeleteAsync(cloud, host.CloudClient, tokens.String("refresh_token"));

        Assert.True(status == HttpStatusCode.OK, $"{(int)status} {body}");
        StartAssert.Inactive(await StartCalls.IntrospectAsync(cloud, host.CloudClient, tokens.String("refresh_token"), "refresh_token"));
        StartAssert.Error(await StartCalls.RefreshAsync(cloud, host.CloudClient, tokens.String("refresh_token")), HttpStatusCode.Unauthorized, "invalid_grant", "Refresh token is invalid.");
    }

    [Fact]
    public async Task XiamsAccessToken_RevokedThroughStart_FailsXiamsValidate()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var (access, _) = await TokenCalls.NewCloudTokensAsync(host, cloud);
        Assert.Equal(HttpStatusCode.OK, (await TokenCalls.ValidateAsync(cloud, host.CloudClient, access)).Status);

        StartAssert.EmptyOk(await StartCalls.RevokeAsync(cloud, host.CloudClient, access, "access_token"));

        var (status, body, _) = await TokenCalls.ValidateAsync(cloud, host.CloudClient, access);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task StartAccessToken_ValidatesThroughXiams_WithPrnTheLogon()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var tokens = await StartCalls.NewTokensAsync(host, cloud, host.CloudClient);

        var (status, body, _) = await TokenCalls.ValidateAsync(cloud, host.CloudClient, tokens.String("access_token"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(body.GetProperty("successful").GetBoolean());
        Assert.Equal(host.User.Logon, body.GetProperty("oracle_token_attrs_retrieval").GetProperty("prn").GetString());
    }

    [Fact]
    public async Task Gateway_AcceptsStartAccessTokenAsBearer_ForTheAccountApi()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var tokens = await StartCalls.NewTokensAsync(host, cloud, host.CloudClient);

        using var ok = await cloud.SendAsync(AccountList("Bearer " + tokens.String("access_token")));
        StartAssert.EmptyOk(await StartCalls.RevokeAsync(cloud, host.CloudClient, tokens.String("access_token")));
        using var revoked = await cloud.SendAsync(AccountList("Bearer " + tokens.String("access_token")));

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Contains("132243158INC002", await ok.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // A revoked token is the Account API's EV1020, as any invalid token (see AccountApiScenarioTests.MOCK_ACC_013).
        Assert.Equal(HttpStatusCode.BadRequest, revoked.StatusCode);
        Assert.Contains("EV1020", await revoked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static HttpRequestMessage AccountList(string authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/gateway/account/list")
        {
            Content = new StringContent("{\"CustomerID\":\"132243158\",\"CustomerIDType\":\"IRD\"}", Encoding.UTF8),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return request;
    }
}
