using System.Net;
using Microsoft.Playwright;
using Waharoa.Server.Authorization;
using Waharoa.Testing;
using static Microsoft.Playwright.Assertions;

namespace Waharoa.Browser.Tests.Authorization;

/// <summary>What the myIR pages let a hostile page or a hostile request do in a real browser: nothing.</summary>
public sealed class PageSecurityTests
{
    [Fact]
    public async Task Authorize_FramedByOtherOrigin_LogonFormIsNotRendered()
    {
        await using var session = await BrowserSession.StartAsync();
        var authorizeUrl = session.AuthorizeUrl(session.Host.CloudClient, "framed");
        var failures = new List<string>();
        session.Page.RequestFailed += (_, r) => failures.Add($"{r.Url} {r.Failure}");

        // The framing page has an opaque origin (about:blank). A routed public origin (https://dsp.example) would not
        // do: Chromium's Local Network Access checks block its iframe's request to localhost before the server sees it.
        // The srcdoc frame is the control: a frame without those headers does render its form, and is found.
        var framed = await session.Page.RunAndWaitForResponseAsync(
            () => session.Page.SetContentAsync(
                "<!DOCTYPE html><iframe id=\"control\" srcdoc=\"<input id=&quot;logon&quot;>\"></iframe>"
                + $"<iframe id=\"myir\" src=\"{WebUtility.HtmlEncode(authorizeUrl)}\"></iframe>"),
            r => new Uri(r.Url).AbsolutePath == XiamsUrls.Authorize);

        Assert.Equal(200, framed.Status);
        var headers = await framed.AllHeadersAsync();
        Assert.Contains("frame-ancestors 'none'", headers["content-security-policy"], StringComparison.Ordinal);
        Assert.Equal("DENY", headers["x-frame-options"]);
        Assert.Equal(1, await session.Page.FrameLocator("#control").Locator("#logon").CountAsync());
        var frame = await (await session.Page.QuerySelectorAsync("#myir"))!.ContentFrameAsync();
        Assert.NotNull(frame);
        Assert.Null(await frame.QuerySelectorAsync("#logon"));
        Assert.Null(await frame.QuerySelectorAsync("form"));
        Assert.Equal([$"{authorizeUrl} net::ERR_BLOCKED_BY_RESPONSE"], failures);
        Assert.Contains(session.ConsoleErrors, e => e.Contains("frame-ancestors", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Authorize_StateWithScriptMarkup_ShowsErrorPageWithoutEchoOrScript()
    {
        await using var session = await BrowserSession.StartAsync();
        const string state = "<script>alert(1)</script>";
        var client = session.Host.CloudClient;

        var response = await session.Page.GotoAsync(session.AuthorizeUrl(client, state));

        Assert.Equal(400, response!.Status);
        Assert.Null(response.Request.RedirectedFrom);
        Assert.Equal(XiamsUrls.Authorize, new Uri(session.Page.Url).AbsolutePath);
        await Expect(session.Page).ToHaveTitleAsync("myIR - Error");
        Assert.Equal("invalid_request", await session.Page.InnerTextAsync("#error"));
        Assert.Contains("state", await session.Page.InnerTextAsync("#error_description"), StringComparison.Ordinal);
        Assert.DoesNotContain(state, await response.TextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(state, await session.Page.InnerTextAsync("body"), StringComparison.Ordinal);
        Assert.Equal(0, await session.Page.Locator("script").CountAsync());
        Assert.Empty(session.Dialogs);
    }

    [Fact]
    public async Task Logon_WrongPasswordWithMarkupInLogon_EchoesLogonAsTextOnly()
    {
        await using var session = await BrowserSession.StartAsync();
        const string logon = "\"><script>alert(1)</script><b id=\"injected\">x</b>";
        await session.Page.GotoAsync(session.AuthorizeUrl(session.Host.CloudClient, "echo"));

        var response = await session.LogOnAsync(logon, "not-the-password");

        Assert.Equal(200, response.Status);
        Assert.Equal(AuthorizationFlow.WrongPasswordMessage, await session.Page.InnerTextAsync("#message"));
        Assert.Equal(logon, await session.Page.InputValueAsync("#logon"));
        Assert.Equal(0, await session.Page.Locator("#injected").CountAsync());
        Assert.Equal(0, await session.Page.Locator("script").CountAsync());
        Assert.Empty(session.Dialogs);
    }

    [Fact]
    public async Task Pages_EveryPageOfTheFlow_CarriesNoFramingAndNoCachingHeaders()
    {
        await using var session = await BrowserSession.StartAsync();
        var client = session.Host.CloudClient;
        var documents = new List<IResponse>();
        session.Page.Response += (_, r) =>
        {
            if (r.Request.ResourceType == "document")
            {
                documents.Add(r);
            }
        };

        await session.Page.GotoAsync(session.AuthorizeUrl(client, "headers"));
        await session.LogOnAsync(session.Host.User.Logon, session.Host.User.Password);
        await session.DecideAsync(authorise: true);
        await session.WaitForCallbackAsync(client);

        // authorize, POST logon (consent page), POST consent (302), callback.
        Assert.Equal(4, documents.Count);
        foreach (var document in documents)
        {
            var headers = await document.AllHeadersAsync();
            Assert.Equal(PageHeadersFilter.ContentSecurityPolicy, headers["content-security-policy"]);
            Assert.Contains("frame-ancestors 'none'", headers["content-security-policy"], StringComparison.Ordinal);
            Assert.Equal("DENY", headers["x-frame-options"]);
            Assert.Contains("no-store", headers["cache-control"], StringComparison.Ordinal);
        }
    }
}
