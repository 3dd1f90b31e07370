using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.Playwright;
using Waharoa.Server.Demo;
using Waharoa.Testing;

namespace Waharoa.Browser.Tests.Console;

/// <summary>
/// The console's clients page in Chromium: an operator adds a cloud client, notes its secret, has the test CA issue it a
/// certificate and downloads it; that client then gets a token and calls the gateway over mutual TLS with the download;
/// disabled in the page, it is refused.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ClientsTests
{
    private const string ClientId = "Console_Cloud";
    private const string RedirectUri = "https://console-cloud.example/cb";

    [Fact]
    public async Task An_operator_adds_a_client_with_an_issued_certificate_and_that_client_gets_a_token_and_calls_the_gateway_until_disabled()
    {
        await using var session = await BrowserSession.StartAsync();
        var page = session.Page;
        await session.OpenConsoleAsync("clients");

        // Add a cloud client with a redirect URI; its secret is shown once, with a warning that it will not be again.
        var add = page.GetByRole(AriaRole.Region, new() { Name = "Add a client" });
        await add.GetByLabel("Client ID").FillAsync(ClientId);
        await add.GetByLabel("Kind").SelectOptionAsync("cloud");
        await add.GetByLabel("Redirect URIs (one per line)").FillAsync(RedirectUri);
        await add.GetByRole(AriaRole.Button, new() { Name = "Add client" }).ClickAsync();
        var shown = page.GetByRole(AriaRole.Status).Filter(new() { HasText = "will not be shown again" });
        await Assertions.Expect(shown).ToBeVisibleAsync();
        var secret = (await page.Locator("#client-secret").TextContentAsync())!.Trim();
        Assert.True(secret.Length >= 16, secret);
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = ClientId })).ToContainTextAsync("Enabled");

        // Issue a TLS certificate from the test CA in the page and download it as PKCS#12.
        var issue = page.GetByRole(AriaRole.Region, new() { Name = "Issue from the test CA" });
        await issue.GetByRole(AriaRole.Button, new() { Name = "Issue certificate" }).ClickAsync();
        await Assertions.Expect(page.Locator("#issue-result")).ToContainTextAsync($"Enrolled for client '{ClientId}'");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download PKCS#12" }).ClickAsync());
        Assert.Equal(ClientId + ".p12", download.SuggestedFilename);
        var file = Path.Combine(session.Host.DataDirectory, "downloaded.p12");
        await download.SaveAsAsync(file);

        // Outside the page: the client logs a user on, exchanges the code and calls the Account API over mutual TLS.
        using var certificate = X509CertificateLoader.LoadPkcs12FromFile(file, string.Empty);
        using var cloud = session.Host.CreateCloudClient(certificate);
        var client = new DemoClient(ClientId, secret, RedirectUri, [RedirectUri], "cloud", null, null);
        var (access, _) = await TokenCalls.NewCloudTokensAsync(session.Host, cloud, client: client);
        var (status, body) = await ListAccountsAsync(cloud, access);
        Assert.True(status == HttpStatusCode.OK, body);

        // Disabled in the page, it is refused at the token endpoint and the gateway.
        await page.GetByRole(AriaRole.Button, new() { Name = "Disable" }).ClickAsync();
        await Assertions.Expect(page.Locator("#client-status")).ToContainTextAsync("Disabled");
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = ClientId })).ToContainTextAsync("Disabled");
        var (tokenStatus, tokenBody, _) = await TokenCalls.RefreshAsync(cloud, client, "any");
        Assert.Equal(HttpStatusCode.Unauthorized, tokenStatus);
        Assert.Equal("invalid_client", tokenBody.GetProperty("error").GetString());
        var (refused, refusal) = await ListAccountsAsync(cloud, access);
        Assert.NotEqual(HttpStatusCode.OK, refused);
        Assert.Contains("EV1020", refusal, StringComparison.Ordinal);

        Assert.Empty(session.ConsoleErrors);
    }

    private static async Task<(HttpStatusCode Status, string Body)> ListAccountsAsync(HttpClient cloud, string access)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/gateway/account/list")
        {
            Content = new StringContent("{\"CustomerID\":\"132243158\",\"CustomerIDType\":\"IRD\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + access);
        using var response = await cloud.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
