using Microsoft.Playwright;

namespace Waharoa.Browser.Tests.Console;

/// <summary>The test controls in Chromium: a scenario rule added, listed and removed; the clock moved.</summary>
public sealed class ControlsTests
{
    [Fact]
    public async Task An_operator_adds_a_scenario_rule_sees_it_listed_removes_it_and_moves_the_clock()
    {
        await using var session = await BrowserSession.StartAsync();
        var page = session.Page;
        await session.OpenConsoleAsync("controls");
        var scenarios = page.GetByRole(AriaRole.Region, new() { Name = "Scenarios" });

        await page.GetByLabel("Rule name").FillAsync("slow-returns");
        await page.GetByLabel("Service").FillAsync("returns");
        await page.GetByLabel("Outcome").SelectOptionAsync("latency");
        await page.GetByLabel("Delay").FillAsync("2s");
        await page.GetByLabel("Count", new() { Exact = true }).FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add rule" }).ClickAsync();

        var row = scenarios.GetByRole(AriaRole.Row).Filter(new() { HasText = "slow-returns" });
        await Assertions.Expect(row).ToContainTextAsync("service: returns");
        await Assertions.Expect(row).ToContainTextAsync("3 left");
        using (var control = session.Host.CreateControlClient())
        {
            Assert.Contains("slow-returns", await control.GetStringAsync("/control/scenarios"), StringComparison.Ordinal);
        }

        await scenarios.GetByRole(AriaRole.Button, new() { Name = "Remove scenario slow-returns" }).ClickAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0);
        await Assertions.Expect(scenarios).ToContainTextAsync("Removed slow-returns.");

        // The clock: eight hours on, the server's time says so.
        var now = page.Locator("#clock-now");
        await Assertions.Expect(now).ToContainTextAsync("UTC");
        var before = DateTimeOffset.Parse((await now.InnerTextAsync()).Replace(" UTC", "Z", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
        await page.GetByLabel("Advance by").FillAsync("8h");
        await page.GetByRole(AriaRole.Button, new() { Name = "Advance", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Clock" })).ToContainTextAsync("8h");
        var after = DateTimeOffset.Parse((await now.InnerTextAsync()).Replace(" UTC", "Z", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(after - before, TimeSpan.FromHours(8), TimeSpan.FromHours(8.1));

        await page.GetByRole(AriaRole.Button, new() { Name = "Back to the real clock" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Clock" })).ToContainTextAsync("none (the real clock)");
        Assert.Empty(session.ConsoleErrors);
    }
}
