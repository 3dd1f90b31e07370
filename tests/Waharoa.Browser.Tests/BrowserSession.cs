using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Playwright;
using Waharoa.Server.Demo;
using Waharoa.Testing;

namespace Waharoa.Browser.Tests;

/// <summary>
/// One test's world: a real Waharoa (<see cref="WaharoaTestHost"/>) and Debian's Chromium driven by Playwright,
/// with one browser context (one cookie jar) and one page. Disposing closes the browser and stops the host.
/// </summary>
internal sealed class BrowserSession : IAsyncDisposable
{
    // Debian's package; Playwright's own browser download is not available here, and must not be attempted.
    private const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private bool _consoleSignedIn;

    // Expect(...) polls; a page of this sandbox that is not there within 10 s is not coming (the default is 5 s).
    static BrowserSession() => Assertions.SetDefaultExpectTimeout(10_000);

    private BrowserSession(WaharoaTestHost host, IPlaywright playwright, IBrowser browser, IBrowserContext context, IPage page)
    {
        Host = host;
        _playwright = playwright;
        _browser = browser;
        Context = context;
        Page = page;
        Page.Console += (_, message) =>
        {
            // Chromium asks every origin for /favicon.ico; the sandbox has none, and need not.
            if (message.Type == "error" && !message.Location.Contains("/favicon.ico", StringComparison.Ordinal))
            {
                ConsoleErrors.Add($"{message.Text} ({message.Location})");
            }
        };
        Page.PageError += (_, error) => ConsoleErrors.Add(error);
        Page.Dialog += (_, dialog) =>
        {
            Dialogs.Add(dialog.Message);
            _ = dialog.DismissAsync();
        };
    }

    public WaharoaTestHost Host { get; }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>Console errors and uncaught script errors of <see cref="Page"/> (a CSP violation shows up here).</summary>
    public List<string> ConsoleErrors { get; } = [];

    /// <summary>Messages of every alert, confirm or prompt <see cref="Page"/> opened (each is dismissed).</summary>
    public List<string> Dialogs { get; } = [];

    public static async Task<BrowserSession> StartAsync()
    {
        var host = await WaharoaTestHost.StartAsync();
        IPlaywright? playwright = null;
        IBrowser? browser = null;
        try
        {
            playwright = await Playwright.CreateAsync();
            browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true, Args = ChromiumArgs });

            // The server's certificate comes from the data folder's own development CA.
            var context = await browser.NewContextAsync(new() { IgnoreHTTPSErrors = true });
            context.SetDefaultTimeout(10_000);
            var page = await context.NewPageAsync();
            return new BrowserSession(host, playwright, browser, context, page);
        }
        catch
        {
            if (browser is not null)
            {
                await browser.DisposeAsync();
            }

            playwright?.Dispose();
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Opens the console's <paramref name="page"/> (<c>index</c> is its home) on the control listener, signing in with the
    /// operator credential first (through the sign-in link serve prints) if this browser has not yet.
    /// </summary>
    public async Task OpenConsoleAsync(string page = "index")
    {
        var url = ConsoleUrl(page);
        if (!_consoleSignedIn)
        {
            await Page.GotoAsync(url + "#credential=" + Uri.EscapeDataString(Host.Server.OperatorCredential!));
            _consoleSignedIn = true;
        }
        else
        {
            await Page.GotoAsync(url);
        }

        await Assertions.Expect(Page.GetByRole(AriaRole.Navigation, new() { Name = "Console" })).ToBeVisibleAsync();
        await Assertions.Expect(Page.Locator("#sign-in")).ToHaveCountAsync(0);
    }

    /// <summary>The address of the console's <paramref name="page"/>.</summary>
    public string ConsoleUrl(string page = "index") =>
        Host.ControlUrl.GetLeftPart(UriPartial.Authority) + "/console/" + (page == "index" ? "" : page);

    /// <summary>The absolute authorize URL on the desktop endpoint for <paramref name="client"/> and its demo callback.</summary>
    public string AuthorizeUrl(DemoClient client, string? state, bool logout = false) =>
        Host.DesktopUrl.GetLeftPart(UriPartial.Authority) + XiamsUrls.AuthorizeUrl(client.ClientId, client.RedirectUri, state: state, logout: logout);

    /// <summary>Fills the logon form and clicks Log in; returns the response to the form's POST.</summary>
    public async Task<IResponse> LogOnAsync(string logon, string password)
    {
        await Page.FillAsync("#logon", logon);
        await Page.FillAsync("#password", password);
        return await SubmitAsync("#login", "/myir/logon");
    }

    /// <summary>Clicks Authorise or Deny on the consent page; returns the response to the form's POST.</summary>
    public Task<IResponse> DecideAsync(bool authorise) => SubmitAsync(authorise ? "#authorise" : "#deny", "/myir/consent");

    /// <summary>Waits until the page is the demo callback of <paramref name="client"/>; returns its query parameters.</summary>
    public async Task<Dictionary<string, string>> WaitForCallbackAsync(DemoClient client)
    {
        // Web-first waits (polling the URL and the DOM) rather than load events: after a click that navigated
        // cross-site, WaitForLoadStateAsync(Load) was seen to time out now and then although the page had loaded.
        await Assertions.Expect(Page).ToHaveURLAsync(new Regex("^" + Regex.Escape(client.RedirectUri + "?")));
        await Assertions.Expect(Page).ToHaveTitleAsync("Waharoa demo callback");
        await Assertions.Expect(Page.Locator("main > p")).ToBeVisibleAsync();
        return CallbackQuery(Page.Url);
    }

    public static Dictionary<string, string> CallbackQuery(string url) =>
        QueryHelpers.ParseQuery(new Uri(url).Query).ToDictionary(p => p.Key, p => p.Value.ToString());

    // The click returns once the navigation it started has committed, so the page is then the new document.
    private Task<IResponse> SubmitAsync(string button, string path) =>
        Page.RunAndWaitForResponseAsync(
            () => Page.ClickAsync(button),
            r => r.Request.Method == "POST" && new Uri(r.Url).AbsolutePath == path);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Context.CloseAsync();
            await _browser.DisposeAsync();
            _playwright.Dispose();
        }
        finally
        {
            await Host.DisposeAsync();
        }
    }
}
