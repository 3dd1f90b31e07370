using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Waharoa.Storage;
using Waharoa.Testing;
using Waharoa.Users;

namespace Waharoa.Browser.Tests.Console;

/// <summary>The console's test data page in Chromium: a record edited, the data exported, and the export loaded into a fresh data folder.</summary>
public sealed class DataTests
{
    [Fact]
    public async Task A_seed_export_re_imported_into_a_fresh_data_folder_gives_the_same_data()
    {
        await using var session = await BrowserSession.StartAsync();
        var page = session.Page;
        await session.OpenConsoleAsync("data");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Users (", Exact = false })).ToBeVisibleAsync();

        // Edit a customer: its row's Edit fills the form, Save stores it.
        await page.GetByRole(AriaRole.Button, new() { Name = "Edit 132260737" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("IRD number", new() { Exact = true })).ToHaveValueAsync("132260737");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Edited in the console");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save customer" }).ClickAsync();
        await Assertions.Expect(page.Locator("#customers-status")).ToContainTextAsync("Saved customer 132260737 (Edited in the console).");
        await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { Name = "132260737 Edited in the console", Exact = false })).ToBeVisibleAsync();

        // Export: the browser saves a seed file.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Export seed" }).ClickAsync());
        Assert.Matches("^waharoa-seed-[0-9]{8}-[0-9]{6}\\.yaml$", download.SuggestedFilename);
        var file = Path.Combine(session.Host.DataDirectory, download.SuggestedFilename);
        await download.SaveAsAsync(file);

        // A second server on a fresh data folder without the demo data: its console loads the file.
        await using var fresh = await WaharoaTestHost.StartAsync(configure: o => o.SeedDemoData = false);
        await page.GotoAsync(fresh.ControlUrl.GetLeftPart(UriPartial.Authority) + "/console/data#credential=" + Uri.EscapeDataString(fresh.Server.OperatorCredential!));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Customers and accounts (0)" })).ToBeVisibleAsync();
        await page.GetByLabel("Seed file (YAML or JSON)").SetInputFilesAsync(file);
        await page.GetByRole(AriaRole.Button, new() { Name = "Load seed" }).ClickAsync();
        await Assertions.Expect(page.Locator("#seed-status")).ToContainTextAsync("Loaded " + download.SuggestedFilename + ":");
        await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { Name = "132260737 Edited in the console", Exact = false })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { Name = "TaxAgentOwnerFull Yes", Exact = false })).ToBeVisibleAsync();

        // The same data: both export the same seed, and a user from the seed keeps its password.
        using var from = session.Host.CreateControlClient();
        using var to = fresh.CreateControlClient();
        Assert.Equal(await from.GetStringAsync("/control/data/seed"), await to.GetStringAsync("/control/data/seed"));
        var user = await fresh.Server.Services.GetRequiredService<IUserStore>().FindUserAsync("TaxAgentOwnerFull", default);
        Assert.True(UserPasswordHasher.Verify(user!.PasswordHash, "Password1!"));
        Assert.Empty(session.ConsoleErrors);
    }
}
