using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Waharoa.Browser.Tests.Console;

/// <summary>The console in Chromium: signing in with the operator credential, the navigation, signing out, and no CSP violation.</summary>
public sealed class ConsoleShellTests
{
    [Fact]
    public async Task An_operator_signs_in_with_the_credential_finds_every_page_in_the_navigation_and_signs_out()
    {
        await using var session = await BrowserSession.StartAsync();
        var page = session.Page;

        // Without the credential the console asks for it, and says so when it is wrong.
        await page.GotoAsync(session.ConsoleUrl());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await page.GetByLabel("Operator credential").FillAsync("not-the-credential");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not the operator credential");

        // With it, the home page describes the instance (pressing Enter submits: the form works from the keyboard).
        await page.GetByLabel("Operator credential").FillAsync(session.Host.Server.OperatorCredential!);
        await page.GetByLabel("Operator credential").PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Health", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("sqlite");

        var navigation = page.GetByRole(AriaRole.Navigation, new() { Name = "Console" });
        foreach (var title in new[] { "Health", "Inspector", "Clients", "Test data", "Consents and tokens", "Keys", "Test controls" })
        {
            await Assertions.Expect(navigation.GetByRole(AriaRole.Link, new() { Name = title, Exact = true })).ToBeVisibleAsync();
        }

        await Assertions.Expect(navigation.GetByRole(AriaRole.Link, new() { Name = "Health" })).ToHaveAttributeAsync("aria-current", "page");

        // The cookie is not readable by the page's scripts.
        Assert.Equal("", await page.EvaluateAsync<string>("document.cookie.includes('waharoa_console') ? 'visible' : ''"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        Assert.DoesNotContain(session.ConsoleErrors, e => !Regex.IsMatch(e, "status of 401"));
    }

    [Fact]
    public async Task The_sign_in_link_serve_prints_signs_in_and_leaves_no_credential_in_the_address()
    {
        await using var session = await BrowserSession.StartAsync();

        await session.OpenConsoleAsync();

        Assert.DoesNotContain(session.Host.Server.OperatorCredential!, session.Page.Url, StringComparison.Ordinal);
        await Assertions.Expect(session.Page.Locator("main")).ToContainTextAsync("sqlite");
        Assert.Empty(session.ConsoleErrors);
    }
}
