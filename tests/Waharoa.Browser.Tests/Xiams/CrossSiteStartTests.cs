using System.Net;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Waharoa.Browser.Tests.Xiams;

/// <summary>The flow as DSPs start it: a link on their own site, so the authorize request is a cross-site navigation.</summary>
public sealed class CrossSiteStartTests
{
    // A made-up DSP site served by Playwright's router, never by the network.
    private const string DspSite = "https://dsp.example";

    [Fact]
    public async Task Authorize_StartedFromLinkOnOtherSite_LogonSsoAndLogoutAllWork()
    {
        await using var session = await BrowserSession.StartAsync();
        var client = session.Host.CloudClient;

        // https://dsp.example/{state}[?logout] links to authorize with that state (and logout=true).
        await session.Context.RouteAsync(DspSite + "/**", route =>
        {
            var url = new Uri(route.Request.Url);
            var authorize = session.AuthorizeUrl(client, url.AbsolutePath.Trim('/'), logout: url.Query == "?logout");
            return route.FulfillAsync(new()
            {
                ContentType = "text/html; charset=utf-8",
                Body = $"<!DOCTYPE html><a id=\"connect\" href=\"{WebUtility.HtmlEncode(authorize)}\">Connect to myIR</a>",
            });
        });

        await OpenDspPageAsync(session, "/first");
        await session.Page.ClickAsync("#connect");
        await Expect(session.Page).ToHaveTitleAsync("myIR - Log in");
        await session.LogOnAsync(session.Host.User.Logon, session.Host.User.Password);
        await session.DecideAsync(authorise: true);
        var first = await session.WaitForCallbackAsync(client);
        Assert.Equal("first", first["state"]);

        await OpenDspPageAsync(session, "/second");
        await session.Page.ClickAsync("#connect");
        var second = await session.WaitForCallbackAsync(client);

        Assert.Equal("second", second["state"]);
        Assert.NotEqual(first["code"], second["code"]);

        // The anti-forgery cookie is SameSite=Strict, so this cross-site GET arrives without it; the form must still post.
        var antiforgery = (await session.Context.CookiesAsync()).Single(c => c.Name == "myir_antiforgery");
        Assert.Equal(SameSiteAttribute.Strict, antiforgery.SameSite);
        await OpenDspPageAsync(session, "/third?logout");
        await session.Page.ClickAsync("#connect");
        await Expect(session.Page).ToHaveTitleAsync("myIR - Log in");
        var logon = await session.LogOnAsync(session.Host.User.Logon, session.Host.User.Password);
        var third = await session.WaitForCallbackAsync(client);
        Assert.Equal(302, logon.Status);
        Assert.Equal("third", third["state"]);
    }

    // Commit, not load: cross-site navigations are the ones where Chromium's load event was seen to go missing.
    private static async Task OpenDspPageAsync(BrowserSession session, string path)
    {
        await session.Page.GotoAsync(DspSite + path, new() { WaitUntil = WaitUntilState.Commit });
        await Expect(session.Page.Locator("#connect")).ToBeVisibleAsync();
    }
}
