using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using Waharoa.Server.Authorization;
using Waharoa.Testing;
using static Microsoft.Playwright.Assertions;

namespace Waharoa.Browser.Tests.Xiams;

/// <summary>The xIAMS authorisation code flow in Chromium: authorize, the myIR logon and consent pages, the redirect, the exchange.</summary>
public sealed class AuthorizeFlowTests
{
    [Fact]
    public async Task Authorize_CloudClientLogsOnAndAuthorises_CallbackGetsCodeThatCloudEndpointExchanges()
    {
        await using var session = await BrowserSession.StartAsync();
        var client = session.Host.CloudClient;
        const string state = "st-123.abc";

        var authorize = await session.Page.GotoAsync(session.AuthorizeUrl(client, state));
        Assert.Equal(200, authorize!.Status);
        await Expect(session.Page).ToHaveTitleAsync("myIR - Log in");

        // The stylesheet is allowed by the pages' own Content-Security-Policy (style-src 'self').
        await Expect(session.Page.Locator("body")).ToHaveCSSAsync("background-color", "rgb(244, 245, 246)");
        var logon = await session.LogOnAsync(session.Host.User.Logon, session.Host.User.Password);
        Assert.Equal(200, logon.Status);
        await Expect(session.Page).ToHaveTitleAsync("myIR - Authorise consent");
        Assert.Contains(session.Host.User.Logon, await session.Page.InnerTextAsync("main"), StringComparison.Ordinal);
        var consent = await session.DecideAsync(authorise: true);
        var query = await session.WaitForCallbackAsync(client);

        Assert.Equal(302, consent.Status);
        Assert.Equal(["code", "state"], query.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(state, query["state"]);
        Assert.Equal(query["code"], await session.Page.InnerTextAsync("#code"));
        Assert.Equal(state, await session.Page.InnerTextAsync("#state"));
        Assert.Empty(session.ConsoleErrors);
        var logonSession = (await session.Context.CookiesAsync()).Single(c => c.Name == "__Host-myir_session");
        Assert.True(logonSession.Secure);
        Assert.True(logonSession.HttpOnly);
        Assert.Equal(SameSiteAttribute.Lax, logonSession.SameSite);

        using var cloud = session.Host.CreateCloudClient();
        var (status, body, response) = await TokenCalls.ExchangeCodeAsync(cloud, client, query["code"], client.RedirectUri);
        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal(["expires_in", "token_type", "access_token", "refresh_token"], body.EnumerateObject().Select(p => p.Name));
            Assert.Equal(JsonValueKind.Number, body.GetProperty("expires_in").ValueKind);
            Assert.Equal(28800, body.GetProperty("expires_in").GetInt64());
            Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
            Assert.False(string.IsNullOrEmpty(body.GetProperty("access_token").GetString()));
            Assert.False(string.IsNullOrEmpty(body.GetProperty("refresh_token").GetString()));
        }
    }

    [Fact]
    public async Task Authorize_SecondRequestInSameBrowser_RedirectsStraightToCallbackUnlessLogoutIsAsked()
    {
        await using var session = await BrowserSession.StartAsync();
        var client = session.Host.CloudClient;
        await session.Page.GotoAsync(session.AuthorizeUrl(client, "first"));
        await session.LogOnAsync(session.Host.User.Logon, session.Host.User.Password);
        await session.DecideAsync(authorise: true);
        var first = await session.WaitForCallbackAsync(client);

        var again = await session.Page.GotoAsync(session.AuthorizeUrl(client, "second"));
        var second = BrowserSession.CallbackQuery(session.Page.Url);

        // authorize (302) → callback (200): no logon page and no consent page in between.
        Assert.Equal(200, again!.Status);
        Assert.StartsWith(client.RedirectUri + "?", session.Page.Url, StringComparison.Ordinal);
        var redirect = again.Request.RedirectedFrom;
        Assert.NotNull(redirect);
        Assert.Contains(XiamsUrls.Authorize, redirect.Url, StringComparison.Ordinal);
        Assert.Null(redirect.RedirectedFrom);
        Assert.Equal("second", second["state"]);
        Assert.NotEqual(first["code"], second["code"]);

        var logout = await session.Page.GotoAsync(session.AuthorizeUrl(client, "third", logout: true));

        Assert.Equal(200, logout!.Status);
        Assert.Null(logout.Request.RedirectedFrom);
        await Expect(session.Page).ToHaveTitleAsync("myIR - Log in");
        await Expect(session.Page.Locator("#logon")).ToBeVisibleAsync();

        // Consent is remembered across logons: logging on again goes straight back to the application.
        var relogon = await session.LogOnAsync(session.Host.User.Logon, session.Host.User.Password);
        var third = await session.WaitForCallbackAsync(client);
        Assert.Equal(302, relogon.Status);
        Assert.Equal("third", third["state"]);
        Assert.NotEqual(second["code"], third["code"]);
    }

    [Fact]
    public async Task Consent_Denied_CallbackGetsAccessDeniedAndSameState()
    {
        await using var session = await BrowserSession.StartAsync();
        var client = session.Host.CloudClient;
        const string state = "deny-me.42";
        await session.Page.GotoAsync(session.AuthorizeUrl(client, state));
        await session.LogOnAsync(session.Host.User.Logon, session.Host.User.Password);

        var deny = await session.DecideAsync(authorise: false);
        var query = await session.WaitForCallbackAsync(client);

        Assert.Equal(302, deny.Status);
        Assert.Equal(["error", "state"], query.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("access_denied", query["error"]);
        Assert.Equal(state, query["state"]);
        Assert.Equal("access_denied", await session.Page.InnerTextAsync("#error"));
        Assert.Equal(0, await session.Page.Locator("#code").CountAsync());
    }

    [Fact]
    public async Task Logon_WrongPassword_ShowsLogonPageWithMessageThenCorrectPasswordWorks()
    {
        await using var session = await BrowserSession.StartAsync();
        var client = session.Host.CloudClient;
        var user = session.Host.User;
        await session.Page.GotoAsync(session.AuthorizeUrl(client, "retry"));

        var wrong = await session.LogOnAsync(user.Logon, user.Password + "x");

        Assert.Equal(200, wrong.Status);
        await Expect(session.Page).ToHaveTitleAsync("myIR - Log in");
        Assert.Equal(AuthorizationFlow.WrongPasswordMessage, await session.Page.InnerTextAsync("#message"));
        Assert.Equal(user.Logon, await session.Page.InputValueAsync("#logon"));
        Assert.Equal(string.Empty, await session.Page.InputValueAsync("#password"));

        var right = await session.LogOnAsync(user.Logon, user.Password);
        Assert.Equal(200, right.Status);
        await Expect(session.Page).ToHaveTitleAsync("myIR - Authorise consent");
        await session.DecideAsync(authorise: true);
        var query = await session.WaitForCallbackAsync(client);
        Assert.Equal("retry", query["state"]);
        Assert.True(query.ContainsKey("code"));
    }

    [Fact]
    public async Task Authorize_StateWithEveryAllowedPunctuation_ReachesCallbackUnchanged()
    {
        await using var session = await BrowserSession.StartAsync();
        var client = session.Host.CloudClient;
        const string state = "aZ09-.?,:'/\\+=$#_";
        await session.Page.GotoAsync(session.AuthorizeUrl(client, state));
        await session.LogOnAsync(session.Host.User.Logon, session.Host.User.Password);

        await session.DecideAsync(authorise: true);
        var query = await session.WaitForCallbackAsync(client);

        Assert.Equal(state, query["state"]);
        Assert.Equal(state, await session.Page.InnerTextAsync("#state"));
    }

    [Fact]
    public async Task Authorize_NativeClientOnDesktopEndpoint_CodeExchangesForAccessTokenWithoutRefreshToken()
    {
        await using var session = await BrowserSession.StartAsync();
        var client = session.Host.NativeClient;
        await session.Page.GotoAsync(session.AuthorizeUrl(client, "native-1"));
        await session.LogOnAsync(session.Host.User.Logon, session.Host.User.Password);
        await Expect(session.Page).ToHaveTitleAsync("myIR - Authorise consent");
        await session.DecideAsync(authorise: true);
        var query = await session.WaitForCallbackAsync(client);
        Assert.Equal("native-1", query["state"]);

        using var desktop = session.Host.CreateDesktopClient();
        var (status, body, response) = await TokenCalls.ExchangeCodeAsync(desktop, client, query["code"], client.RedirectUri);

        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(["expires_in", "token_type", "access_token"], body.EnumerateObject().Select(p => p.Name));
            Assert.Equal(28800, body.GetProperty("expires_in").GetInt64());
            Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
            Assert.False(string.IsNullOrEmpty(body.GetProperty("access_token").GetString()));
        }
    }
}
