using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace Waharoa.Browser.Tests.Console;

/// <summary>The request inspector in Chromium: a developer finds a refused call of their client and reads why, and sees new calls arrive.</summary>
public sealed class InspectorTests
{
    private const string Token = "not-a-token-7f3c9e1d5b";

    [Fact]
    public async Task A_developer_finds_a_refused_call_of_their_client_reads_why_and_sees_the_next_one_arrive_live()
    {
        await using var session = await BrowserSession.StartAsync();
        var host = session.Host;
        var page = session.Page;
        var clientId = host.CloudClient.ClientId;
        using var cloud = host.CreateCloudClient();
        using var control = host.CreateControlClient();

        // The demo client calls the Account API with a token that is no token: refused.
        await RefusedCallAsync(cloud, "Bearer " + Token);
        var stored = await StoredRefusedCallsAsync(control, clientId, 1);
        var reason = stored[0].GetProperty("reason").GetString()!;
        Assert.False(string.IsNullOrWhiteSpace(reason));

        await session.OpenConsoleAsync("calls");
        await page.GetByLabel("Client").FillAsync(clientId);
        await page.GetByLabel("Status").FillAsync("refused");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        var open = page.GetByRole(AriaRole.Button, new() { Name = "Open call" });
        await Assertions.Expect(open).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Live" })).ToHaveAttributeAsync("aria-pressed", "true");

        // A call made while the page is open shows up at the top.
        await RefusedCallAsync(cloud, null);
        await Assertions.Expect(open).ToHaveCountAsync(2);
        var newest = (await StoredRefusedCallsAsync(control, clientId, 2))[0].GetProperty("id").GetInt64();
        await Assertions.Expect(page.Locator("tbody tr").First.GetByRole(AriaRole.Button)).ToHaveAccessibleNameAsync($"Open call {newest}");

        // Opened from the keyboard, the first call says why in plain words, with the token redacted.
        var first = stored[0].GetProperty("id").GetInt64();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Open call {first}", Exact = true }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var detail = page.GetByRole(AriaRole.Region, new() { Name = "Call details" });
        await Assertions.Expect(detail.GetByRole(AriaRole.Heading, new() { Name = $"Call {first}" })).ToBeVisibleAsync();
        await Assertions.Expect(detail).ToContainTextAsync("Why it was refused: " + reason);
        await Assertions.Expect(detail).ToContainTextAsync("Authorization: Bearer [redacted]");
        await Assertions.Expect(detail).ToContainTextAsync("Response body");
        Assert.DoesNotContain(Token, await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);

        await page.ScreenshotAsync(new() { Path = Path.Combine(RepositoryRoot(), "docs", "images", "inspector.png"), FullPage = false });
        Assert.Empty(session.ConsoleErrors);
    }

    private static async Task RefusedCallAsync(HttpClient cloud, string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/gateway/account/list") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await cloud.SendAsync(request);
        Assert.True((int)response.StatusCode >= 400, $"Answered {(int)response.StatusCode}");
    }

    // The recorder writes in the background: waits until the store holds this many refused calls of the client (newest first).
    private static async Task<JsonElement[]> StoredRefusedCallsAsync(HttpClient control, string clientId, int count)
    {
        for (var attempt = 0; ; attempt++)
        {
            var json = JsonDocument.Parse(await control.GetStringAsync($"/control/calls?client={clientId}&status=refused")).RootElement;
            var calls = json.GetProperty("calls").EnumerateArray().ToArray();
            if (calls.Length >= count || attempt == 100)
            {
                Assert.Equal(count, calls.Length);
                return calls;
            }

            await Task.Delay(50);
        }
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Waharoa.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("No Waharoa.slnx above " + AppContext.BaseDirectory);
    }
}
