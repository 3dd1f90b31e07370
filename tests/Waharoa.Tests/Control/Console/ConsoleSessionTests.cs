using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Waharoa.Testing;

namespace Waharoa.Tests.Control.Console;

/// <summary>
/// The console's files and its session over HTTP: served on the control listener only, with a strict CSP; signing in
/// takes the operator credential and gives a locked-down cookie; a state change with that cookie needs the antiforgery
/// token and this origin.
/// </summary>
public sealed class ConsoleSessionTests(ConsoleSessionTests.Host fixture) : IClassFixture<ConsoleSessionTests.Host>
{
    public sealed class Host : IAsyncLifetime
    {
        public WaharoaTestHost Server { get; private set; } = null!;

        public async Task InitializeAsync() => Server = await WaharoaTestHost.StartAsync();

        public async Task DisposeAsync() => await Server.DisposeAsync();
    }

    private WaharoaTestHost Server => fixture.Server;

    private string Origin => Server.ControlUrl.GetLeftPart(UriPartial.Authority);

    [Fact]
    public async Task The_console_is_served_on_the_control_listener_with_a_strict_content_security_policy()
    {
        using var control = Server.CreateControlClient();

        using var page = await control.GetAsync("/console/");
        using var script = await control.GetAsync("/console/console.js");
        using var missing = await control.GetAsync("/console/no-such-page");
        using var traversal = await control.GetAsync("/console/..%2Fkeys%2Foperator.key");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("<script type=\"module\" src=\"/console/index.js\"></script>", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, traversal.StatusCode);
    }

    [Fact]
    public async Task The_gateway_endpoints_answer_the_console_as_any_unknown_path()
    {
        using var desktop = Server.CreateDesktopClient();
        using var cloud = Server.CreateCloudClient();
        foreach (var client in new[] { desktop, cloud })
        {
            using var console = await client.GetAsync("/console/");
            using var unknown = await client.GetAsync("/no/such/path");
            Assert.Equal(HttpStatusCode.NotFound, console.StatusCode);
            Assert.Equal(await unknown.Content.ReadAsStringAsync(), await console.Content.ReadAsStringAsync());
            using var session = await client.PostAsJsonAsync("/control/session", new { credential = Server.Server.OperatorCredential });
            Assert.Equal(HttpStatusCode.NotFound, session.StatusCode);
        }
    }

    [Fact]
    public async Task Signing_in_needs_the_operator_credential_and_gives_a_cookie_scoped_to_the_control_API()
    {
        using var browser = NewBrowser();

        using var wrong = await SignInAsync(browser, "not-the-credential");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("operator_credential_invalid", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(wrong.Headers.Contains("Set-Cookie"));

        using var right = await SignInAsync(browser, Server.Server.OperatorCredential!);
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        var cookie = right.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("waharoa_console=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("path=/control", cookie, StringComparison.Ordinal);
        Assert.Contains("secure", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.Ordinal);
        Assert.Contains("samesite=strict", cookie, StringComparison.Ordinal);
        Assert.DoesNotContain(Server.Server.OperatorCredential!.ToLowerInvariant(), cookie, StringComparison.Ordinal);

        using var read = await browser.Client.SendAsync(FromPage(HttpMethod.Get, "/control/instance"));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async Task A_signed_in_console_changes_nothing_without_the_antiforgery_token_or_from_another_site()
    {
        using var browser = NewBrowser();
        using var signIn = await SignInAsync(browser, Server.Server.OperatorCredential!);
        using var session = JsonDocument.Parse(await signIn.Content.ReadAsStringAsync());
        var csrf = session.RootElement.GetProperty("csrf").GetString()!;
        Assert.Equal("X-Waharoa-Csrf", session.RootElement.GetProperty("header").GetString());

        using var without = await browser.Client.SendAsync(FromPage(HttpMethod.Post, "/control/clock/reset"));
        Assert.Equal(HttpStatusCode.Forbidden, without.StatusCode);
        Assert.Contains("csrf_token_invalid", await without.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var forged = FromPage(HttpMethod.Post, "/control/clock/reset");
        forged.Headers.Add("X-Waharoa-Csrf", "forged");
        using var forgedAnswer = await browser.Client.SendAsync(forged);
        Assert.Equal(HttpStatusCode.Forbidden, forgedAnswer.StatusCode);

        using var elsewhere = FromPage(HttpMethod.Post, "/control/clock/reset", origin: "https://evil.example");
        elsewhere.Headers.Add("X-Waharoa-Csrf", csrf);
        using var elsewhereAnswer = await browser.Client.SendAsync(elsewhere);
        Assert.Equal(HttpStatusCode.Forbidden, elsewhereAnswer.StatusCode);

        using var good = FromPage(HttpMethod.Post, "/control/clock/reset");
        good.Headers.Add("X-Waharoa-Csrf", csrf);
        using var goodAnswer = await browser.Client.SendAsync(good);
        Assert.Equal(HttpStatusCode.OK, goodAnswer.StatusCode);

        using var signOut = FromPage(HttpMethod.Delete, "/control/session");
        signOut.Headers.Add("X-Waharoa-Csrf", csrf);
        using var signedOut = await browser.Client.SendAsync(signOut);
        Assert.Equal(HttpStatusCode.NoContent, signedOut.StatusCode);
        using var after = await browser.Client.SendAsync(FromPage(HttpMethod.Get, "/control/instance"));
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task Another_site_cannot_sign_a_browser_in()
    {
        using var browser = NewBrowser();
        using var request = FromPage(HttpMethod.Post, "/control/session", origin: "https://evil.example");
        request.Content = JsonContent.Create(new { credential = Server.Server.OperatorCredential });

        using var answer = await browser.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.False(answer.Headers.Contains("Set-Cookie"));
    }

    private Task<HttpResponseMessage> SignInAsync(Browser browser, string credential)
    {
        var request = FromPage(HttpMethod.Post, "/control/session");
        request.Content = JsonContent.Create(new { credential });
        return browser.Client.SendAsync(request);
    }

    /// <summary>A request as a console page sends it: with its Origin (so the loopback exemption does not apply).</summary>
    private HttpRequestMessage FromPage(HttpMethod method, string path, string? origin = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Origin", origin ?? Origin);
        request.Headers.Add("Sec-Fetch-Site", origin is null ? "same-origin" : "cross-site");
        return request;
    }

    /// <summary>An HTTP client that keeps cookies, as a browser does.</summary>
    private Browser NewBrowser() => new(Server);

    private sealed class Browser : IDisposable
    {
        private readonly HttpClientHandler _handler;

        public Browser(WaharoaTestHost host)
        {
            _handler = new HttpClientHandler { CookieContainer = new CookieContainer(), ServerCertificateCustomValidationCallback = (_, certificate, _, _) => host.TrustsServer(certificate) };
            Client = new HttpClient(_handler) { BaseAddress = host.ControlUrl };
        }

        public HttpClient Client { get; }

        public void Dispose()
        {
            Client.Dispose();
            _handler.Dispose();
        }
    }
}
