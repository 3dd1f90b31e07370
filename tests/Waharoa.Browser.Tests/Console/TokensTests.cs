using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Waharoa.Testing;

namespace Waharoa.Browser.Tests.Console;

/// <summary>The console's consents and tokens page, keys page and health page in Chromium.</summary>
public sealed class TokensTests
{
    private const string DemoCustomer = "132243158";

    [Fact]
    public async Task Revoking_a_consent_in_the_page_makes_the_gateway_refuse_the_token_on_the_next_call()
    {
        await using var session = await BrowserSession.StartAsync();
        var host = session.Host;
        using var cloud = host.CreateCloudClient();
        var (access, _) = await TokenCalls.NewCloudTokensAsync(host, cloud);
        var (status, body) = await AccountListAsync(cloud, access);
        Assert.True(status == HttpStatusCode.OK, $"{(int)status} {body}");

        await session.OpenConsoleAsync("tokens");
        var page = session.Page;
        await page.GetByLabel("User (myIR logon)").FillAsync(host.User.Logon);
        await page.GetByLabel("Client ID").FillAsync(host.CloudClient.ClientId);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        var consents = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Consents" }) });
        await Assertions.Expect(consents.GetByRole(AriaRole.Row)).ToHaveCountAsync(2);
        await Assertions.Expect(consents.GetByRole(AriaRole.Cell, new() { Name = host.CloudClient.ClientId })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Revoke token" })).ToHaveCountAsync(2);

        // The first click only asks, in the page; the token still works until the operator confirms.
        await consents.GetByRole(AriaRole.Button, new() { Name = "Revoke consent" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = "Confirm" })).ToContainTextAsync($"Withdraw the consent of {host.User.Logon} for {host.CloudClient.ClientId}?");
        Assert.Equal(HttpStatusCode.OK, (await AccountListAsync(cloud, access)).Status);
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm revoke consent" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Revoked the consent of {host.User.Logon} for {host.CloudClient.ClientId}.");
        await Assertions.Expect(page.GetByText("No consents.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("No live tokens.")).ToBeVisibleAsync();
        (status, body) = await AccountListAsync(cloud, access);
        Assert.NotEqual(HttpStatusCode.OK, status);
        Assert.Contains("EV1020", body, StringComparison.Ordinal);
        Assert.Empty(session.Dialogs);
        Assert.Empty(session.ConsoleErrors);
    }

    [Fact]
    public async Task Rotating_in_the_keys_page_puts_a_new_kid_in_the_jwks_and_the_health_page_shows_the_store()
    {
        await using var session = await BrowserSession.StartAsync();
        using var desktop = session.Host.CreateDesktopClient();
        var before = await JwksKidsAsync(desktop);

        await session.OpenConsoleAsync("keys");
        var page = session.Page;
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = Assert.Single(before) })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = new Uri(session.Host.DesktopUrl, "/.well-known/jwks.json").AbsoluteUri })).ToBeVisibleAsync();
        await page.GetByLabel("The keys in use verify for").FillAsync("8h");
        await page.GetByRole(AriaRole.Button, new() { Name = "Rotate keys" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("from now on");
        var after = await JwksKidsAsync(desktop);
        Assert.Equal(2, after.Count);
        var added = Assert.Single(after.Except(before));
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"Signing with {added}");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Retire {before[0]}" })).ToBeVisibleAsync();

        await session.OpenConsoleAsync();
        var store = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Store" }) });
        await Assertions.Expect(store).ToContainTextAsync("sqlite");
        await Assertions.Expect(store).ToContainTextAsync("Answers");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Throttle counters per DSP (this instance, since it started)" })).ToBeVisibleAsync();
        Assert.Empty(session.ConsoleErrors);
    }

    private static async Task<(HttpStatusCode Status, string Body)> AccountListAsync(HttpClient cloud, string access)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/gateway/account/list")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { CustomerID = DemoCustomer, CustomerIDType = "IRD" }), Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + access);
        using var response = await cloud.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<List<string>> JwksKidsAsync(HttpClient desktop)
    {
        using var jwks = JsonDocument.Parse(await desktop.GetStringAsync("/.well-known/jwks.json"));
        return [.. jwks.RootElement.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()!)];
    }
}
