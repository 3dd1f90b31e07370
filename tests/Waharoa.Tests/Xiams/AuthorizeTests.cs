using System.Net;
using Microsoft.Extensions.Time.Testing;
using Waharoa.Testing;

namespace Waharoa.Tests.Xiams;

/// <summary>The authorize endpoint and the myIR pages, over HTTP on the desktop endpoint.</summary>
public sealed class AuthorizeTests
{
    [Fact]
    public async Task Authorize_UnknownClient_ShowsInvalidClientPageWithoutRedirect()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var session = new MyIrSession(host);

        using var response = await session.GetAsync(XiamsUrls.AuthorizeUrl("NoSuchClient", host.CloudClient.RedirectUri));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("<code id=\"error\">invalid_client</code>", session.LastPage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://mycompdomain.com/returnpath/")]
    [InlineData("https://mycompdomain.com/returnpath?x=1")]
    [InlineData("https://MYCOMPDOMAIN.com/returnpath")]
    [InlineData("https://evil.example/returnpath")]
    [InlineData("")]
    public async Task Authorize_UnregisteredRedirectUri_ShowsInvalidRedirectUriPageWithoutRedirect(string redirectUri)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var session = new MyIrSession(host);

        using var response = await session.GetAsync(XiamsUrls.AuthorizeUrl(host.CloudClient.ClientId, redirectUri));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Contains("<code id=\"error\">invalid_redirect_uri</code>", session.LastPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorize_OtherScope_RedirectsWithInvalidScopeAndState()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var session = new MyIrSession(host);

        using var response = await session.GetAsync(XiamsUrls.AuthorizeUrl(host.CloudClient.ClientId, host.CloudClient.RedirectUri, scope: "openid", state: "s-1"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(host.CloudClient.RedirectUri + "?", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        var query = MyIrSession.RedirectQuery(response);
        Assert.Equal("invalid_scope", query["error"]);
        Assert.Equal("s-1", query["state"]);
    }

    [Fact]
    public async Task Consent_Denied_RedirectsWithAccessDeniedAndState()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var session = new MyIrSession(host);
        await session.GetAsync(XiamsUrls.AuthorizeUrl(host.CloudClient.ClientId, host.CloudClient.RedirectUri, state: "deny-me"));
        await session.LogonAsync(host.User.Logon, host.User.Password);

        using var response = await session.DecideAsync(authorise: false);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var query = MyIrSession.RedirectQuery(response);
        Assert.Equal("access_denied", query["error"]);
        Assert.Equal("deny-me", query["state"]);
        Assert.False(query.ContainsKey("code"));
    }

    [Theory]
    [InlineData("token")]
    [InlineData("")]
    [InlineData("CODE")]
    public async Task Authorize_ResponseTypeNotCode_ShowsErrorPage(string responseType)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var session = new MyIrSession(host);

        using var response = await session.GetAsync(XiamsUrls.AuthorizeUrl(host.CloudClient.ClientId, host.CloudClient.RedirectUri, responseType: responseType));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("unsupported_response_type", session.LastPage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("has space")]
    [InlineData("tilde~")]
    [InlineData("bang!")]
    [InlineData("amp&")]
    [InlineData("percent%")]
    [InlineData("\"quoted\"")]
    public async Task Authorize_StateWithForbiddenCharacters_ShowsErrorPageWithoutEchoingState(string state)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var session = new MyIrSession(host);

        using var response = await session.GetAsync(XiamsUrls.AuthorizeUrl(host.CloudClient.ClientId, host.CloudClient.RedirectUri, state: state));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.DoesNotContain(state, session.LastPage, StringComparison.Ordinal);
        Assert.Contains("<code id=\"error\">invalid_request</code>", session.LastPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorize_StateOf200Characters_ShowsErrorPage()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var session = new MyIrSession(host);

        using var tooLong = await session.GetAsync(XiamsUrls.AuthorizeUrl(host.CloudClient.ClientId, host.CloudClient.RedirectUri, state: new string('a', 200)));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);

        using var longest = await session.GetAsync(XiamsUrls.AuthorizeUrl(host.CloudClient.ClientId, host.CloudClient.RedirectUri, state: new string('a', 199)));
        Assert.Equal(HttpStatusCode.OK, longest.StatusCode);
    }

    [Fact]
    public async Task Authorize_StateWithEveryAllowedSymbol_ComesBackUnchanged()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var session = new MyIrSession(host);
        const string state = "aZ09-.?,:'/\\+=$#_";

        var query = await session.AuthorizeAsync(
            XiamsUrls.AuthorizeUrl(host.CloudClient.ClientId, host.CloudClient.RedirectUri, state: state), host.User.Logon, host.User.Password);

        Assert.Equal(state, query["state"]);
    }

    [Fact]
    public async Task Authorize_NoState_RedirectsWithoutState()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var session = new MyIrSession(host);

        var query = await session.AuthorizeAsync(
            XiamsUrls.AuthorizeUrl(host.CloudClient.ClientId, host.CloudClient.RedirectUri, state: null), host.User.Logon, host.User.Password);

        Assert.Equal(["code"], query.Keys.ToArray());
    }

    [Fact]
    public async Task Logon_WrongPassword_ShowsLogonPageAgainWithMessage()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var session = new MyIrSession(host);
        await session.GetAsync(XiamsUrls.AuthorizeUrl(host.CloudClient.ClientId, host.CloudClient.RedirectUri));

        using var response = await session.LogonAsync(host.User.Logon, "wrong-password");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("action=\"/myir/logon\"", session.LastPage, StringComparison.Ordinal);
        Assert.Contains("incorrect", session.LastPage, StringComparison.Ordinal);

        using var retry = await session.LogonAsync(host.User.Logon, host.User.Password);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Contains("Authorise consent", session.LastPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logon_FiveFailuresIn15Minutes_LocksTheLogonFor15Minutes()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await WaharoaTestHost.StartAsync(time);
        using var session = new MyIrSession(host);
        await session.GetAsync(XiamsUrls.AuthorizeUrl(host.CloudClient.ClientId, host.CloudClient.RedirectUri));
        for (var i = 0; i < 5; i++)
        {
            await session.LogonAsync(host.User.Logon, "wrong-" + i);
            time.Advance(TimeSpan.FromMinutes(2));
        }

        await session.LogonAsync(host.User.Logon, host.User.Password);
        Assert.Contains("locked", session.LastPage, StringComparison.Ordinal);
        Assert.DoesNotContain("Authorise consent", session.LastPage, StringComparison.Ordinal);

        time.Advance(TimeSpan.FromMinutes(14));
        await session.LogonAsync(host.User.Logon, host.User.Password);
        Assert.Contains("Authorise consent", session.LastPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logon_FourFailures_DoesNotLock()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var session = new MyIrSession(host);
        await session.GetAsync(XiamsUrls.AuthorizeUrl(host.CloudClient.ClientId, host.CloudClient.RedirectUri));
        for (var i = 0; i < 4; i++)
        {
            await session.LogonAsync(host.User.Logon, "wrong-" + i);
        }

        await session.LogonAsync(host.User.Logon, host.User.Password);

        Assert.Contains("Authorise consent", session.LastPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorize_SecondTimeWithSession_SkipsLogonAndConsent()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var session = new MyIrSession(host);
        var url = XiamsUrls.AuthorizeUrl(host.CloudClient.ClientId, host.CloudClient.RedirectUri);
        await session.AuthorizeAsync(url, host.User.Logon, host.User.Password);

        using var again = await session.GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.True(MyIrSession.RedirectQuery(again).ContainsKey("code"));
    }

    [Fact]
    public async Task Authorize_ConsentGivenBefore_IsNotAskedAgainAfterNewLogon()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        var url = XiamsUrls.AuthorizeUrl(host.CloudClient.ClientId, host.CloudClient.RedirectUri);
        using (var first = new MyIrSession(host))
        {
            await first.AuthorizeAsync(url, host.User.Logon, host.User.Password);
        }

        using var second = new MyIrSession(host);
        await second.GetAsync(url);
        using var response = await second.LogonAsync(host.User.Logon, host.User.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(MyIrSession.RedirectQuery(response).ContainsKey("code"));
    }

    [Fact]
    public async Task Authorize_LogoutTrue_ShowsLogonPageDespiteSession()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var session = new MyIrSession(host);
        await session.AuthorizeAsync(XiamsUrls.AuthorizeUrl(host.CloudClient.ClientId, host.CloudClient.RedirectUri), host.User.Logon, host.User.Password);

        using var response = await session.GetAsync(XiamsUrls.AuthorizeUrl(host.CloudClient.ClientId, host.CloudClient.RedirectUri, logout: true));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("action=\"/myir/logon\"", session.LastPage, StringComparison.Ordinal);

        // The old session is over: without logout=true the logon page still shows.
        using var after = await session.GetAsync(XiamsUrls.AuthorizeUrl(host.CloudClient.ClientId, host.CloudClient.RedirectUri));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task Authorize_SessionIdleFor15Minutes_ShowsLogonPageAgain()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await WaharoaTestHost.StartAsync(time);
        using var session = new MyIrSession(host);
        var url = XiamsUrls.AuthorizeUrl(host.CloudClient.ClientId, host.CloudClient.RedirectUri);
        await session.AuthorizeAsync(url, host.User.Logon, host.User.Password);

        time.Advance(TimeSpan.FromMinutes(14));
        using var stillIn = await session.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, stillIn.StatusCode);

        time.Advance(TimeSpan.FromMinutes(15));
        using var idle = await session.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, idle.StatusCode);
        Assert.Contains("action=\"/myir/logon\"", session.LastPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorize_SessionInUseAllAlong_EndsEightHoursAfterTheLogon()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await WaharoaTestHost.StartAsync(time, o => o.Authorization.LogonIdleTimeout = TimeSpan.FromHours(24));
        using var session = new MyIrSession(host);
        var url = XiamsUrls.AuthorizeUrl(host.CloudClient.ClientId, host.CloudClient.RedirectUri);
        await session.AuthorizeAsync(url, host.User.Logon, host.User.Password);

        time.Advance(TimeSpan.FromHours(8) - TimeSpan.FromMinutes(1));
        using var stillIn = await session.GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, stillIn.StatusCode);

        time.Advance(TimeSpan.FromMinutes(2));
        using var tooOld = await session.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, tooOld.StatusCode);
        Assert.Contains("action=\"/myir/logon\"", session.LastPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logon_SessionCookie_IsHostPrefixedSecureHttpOnlyForTheWholeHost()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var session = new MyIrSession(host);
        await session.GetAsync(XiamsUrls.AuthorizeUrl(host.CloudClient.ClientId, host.CloudClient.RedirectUri));

        using var response = await session.LogonAsync(host.User.Logon, host.User.Password);

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.Contains("myir_session", StringComparison.Ordinal));
        Assert.StartsWith("__Host-myir_session=", cookie, StringComparison.Ordinal);
        var attributes = cookie.Split(';', StringSplitOptions.TrimEntries).Skip(1).Select(a => a.ToLowerInvariant()).ToArray();
        Assert.Contains("secure", attributes);
        Assert.Contains("httponly", attributes);
        Assert.Contains("path=/", attributes);
        Assert.DoesNotContain(attributes, a => a.StartsWith("domain", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("waharoa.example", true)]
    [InlineData("localhost", false)]
    [InlineData("127.0.0.1", false)]
    public async Task Pages_SendHsts_ExceptToLoopbackNames(string hostName, bool sent)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var http = host.CreateDesktopClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, XiamsUrls.AuthorizeUrl(host.CloudClient.ClientId, host.CloudClient.RedirectUri));
        request.Headers.Host = $"{hostName}:{host.DesktopUrl.Port}";

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(sent ? "max-age=31536000" : null, response.Headers.TryGetValues("Strict-Transport-Security", out var values) ? values.Single() : null);
    }

    [Fact]
    public async Task Logon_FormLargerThan16KiB_Is413AndLogsNobodyOn()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var session = new MyIrSession(host);
        await session.GetAsync(XiamsUrls.AuthorizeUrl(host.CloudClient.ClientId, host.CloudClient.RedirectUri));

        using var response = await session.SubmitAsync("/myir/logon", ("logon", host.User.Logon), ("password", host.User.Password), ("padding", new string('x', 17 * 1024)));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.Contains("myir_session=", StringComparison.Ordinal) && !c.Contains("expires=Thu, 01 Jan 1970", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pages_SendCspAndRefuseFraming()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var session = new MyIrSession(host);

        using var response = await session.GetAsync(XiamsUrls.AuthorizeUrl(host.CloudClient.ClientId, host.CloudClient.RedirectUri));

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("DENY", string.Join(",", response.Headers.GetValues("X-Frame-Options")));
    }

    [Fact]
    public async Task Logon_PostWithoutAntiforgeryToken_IsRefused()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var session = new MyIrSession(host);
        await session.GetAsync(XiamsUrls.AuthorizeUrl(host.CloudClient.ClientId, host.CloudClient.RedirectUri));
        var fields = MyIrSession.HiddenFields(session.LastPage);
        fields.Remove("__RequestVerificationToken");
        fields["logon"] = host.User.Logon;
        fields["password"] = host.User.Password;

        using var response = await session.Http.PostAsync("/myir/logon", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("Authorise consent", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logon_TamperedRequestField_IsRefused()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var session = new MyIrSession(host);
        await session.GetAsync(XiamsUrls.AuthorizeUrl(host.CloudClient.ClientId, host.CloudClient.RedirectUri));

        using var response = await session.SubmitAsync("/myir/logon", ("request", "tampered"), ("logon", host.User.Logon), ("password", host.User.Password));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Authorize_OnCloudEndpoint_IsNotServed()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();

        using var response = await cloud.GetAsync(XiamsUrls.AuthorizeUrl(host.CloudClient.ClientId, host.CloudClient.RedirectUri));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
