using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Waharoa.Server.Demo;
using Waharoa.Server.Sandbox.Returns;
using Waharoa.Server.Seeding;
using Waharoa.Storage;
using Waharoa.Storage.Sqlite;
using Waharoa.Testing;
using Waharoa.Tests.EmploymentInformation;
using Waharoa.Users;

namespace Waharoa.Tests.Seeding;

/// <summary>A seed export: the store's test data as a seed file that loads into a fresh data folder as the same data.</summary>
public sealed class SeedExportTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("waharoa-export-").FullName;
    private readonly List<IWaharoaStore> _stores = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Export_OfTheDemoData_LoadsIntoAFreshStoreAsTheSameData_AndExportsTheSameFile()
    {
        var demo = Open("demo");
        await DemoSeeds.ApplyAsync(SeedLoader.Into(demo, TimeProvider.System), default);
        var exported = await SeedWriter.From(demo).WriteAsync(default);

        var fresh = Open("fresh");
        Assert.True(await SeedLoader.Into(fresh, TimeProvider.System).ApplyAsync(exported, "export.yaml", _folder, default));
        var again = await SeedWriter.From(fresh).WriteAsync(default);

        Assert.Equal(exported, again);
        Assert.Equal(await SnapshotAsync(demo), await SnapshotAsync(fresh));
        var user = Assert.Single(await fresh.ListUsersAsync(default), u => u.Logon == "TaxAgentOwnerFull");
        Assert.True(UserPasswordHasher.Verify(user.PasswordHash, "Password1!"));
    }

    [Fact]
    public async Task Load_PasswordAndPasswordHashTogether_RefusedNamingTheUser()
    {
        var store = Open("both");
        var error = await Assert.ThrowsAsync<SeedException>(() => SeedLoader.Into(store, TimeProvider.System).ApplyAsync(
            $"users:\n  - logon: Both\n    password: Password1!\n    password_hash: \"{UserPasswordHasher.Hash("x")}\"\n", "seed.yaml", _folder, default));

        Assert.Equal("seed.yaml: users[0]: give password or password_hash, not both", error.Message);
    }

    [Fact]
    public async Task Load_PasswordHashNotAHash_Refused()
    {
        var store = Open("nohash");
        var error = await Assert.ThrowsAsync<SeedException>(() => SeedLoader.Into(store, TimeProvider.System).ApplyAsync(
            "users:\n  - logon: Plain\n    password_hash: Password1!\n", "seed.yaml", _folder, default));

        Assert.StartsWith("seed.yaml: users[0].password_hash: not a password hash", error.Message);
    }

    private IWaharoaStore Open(string name)
    {
        var store = SqliteStore.Open(Path.Combine(_folder, name + ".db"));
        _stores.Add(store);
        return store;
    }

    /// <summary>A return filed through the Return service is exported with the fields it was stored with, which load again as IR's schema has them.</summary>
    [Fact]
    public async Task Export_AfterAnEiReturnWasFiled_LoadsIntoAFreshStore()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EiCalls(host);
        const string payDay = "2025-06-13";
        var key = (await calls.SendAsync(EiCalls.DemoUser, EiCalls.File(EiCalls.Employer, payDay, [EiCalls.Line("r-1", "123018575", "Mary Mills"), EiCalls.Line("r-2", "000000000", "New Starter")])))
            .AssertStatus(0).SubmissionKey;
        var exported = await SeedWriter.From(host.Server.Services.GetRequiredService<IWaharoaStore>()).WriteAsync(default);

        var fresh = Open("fresh");
        Assert.True(await SeedLoader.Into(fresh, TimeProvider.System).ApplyAsync(exported, "export.yaml", _folder, default));
        var filed = Assert.Single(await fresh.ListReturnsAsync(EiCalls.Employer + "EMP001", "EI2", default), r => r.SubmissionKey == key);
        Assert.Contains("New Starter", filed.FormFields, StringComparison.Ordinal);

        // Its filing day goes with it, so that IR's four-year time bar counts from the same day in the fresh store.
        var original = await host.Server.Services.GetRequiredService<IWaharoaStore>().FindReturnByKeyAsync(key, default);
        Assert.Equal(NewZealand.DateOf(original!.OriginallyFiledAt!.Value), NewZealand.DateOf(filed.OriginallyFiledAt!.Value));
    }

    /// <summary>Everything the store holds of the test data, read through its own methods, as JSON.</summary>
    private static async Task<string> SnapshotAsync(IWaharoaStore store)
    {
        var parts = new List<object>();
        foreach (var customer in await store.ListCustomersAsync(default))
        {
            parts.Add(customer);
            foreach (var account in await store.ListAccountsAsync(customer.Ird, default))
            {
                parts.Add(new { account.AccountId, account.AccountType, account.EligibleForAccountApi, Details = account.Details?.ToJsonString() });
                foreach (var major in new[] { "GST", "EI", "EI2" })
                {
                    parts.Add((await store.FindReturnProfileAsync(account.AccountId, major, default))?.Settings.ToJsonString() ?? "-");
                    parts.AddRange((await store.ListReturnsAsync(account.AccountId, major, default))
                        .Select(r => new { r.PeriodEnd, r.MinorFormType, r.SubmissionKey, r.Status, r.IsNilReturn, r.FormFields, r.PayDay, r.OriginallyFiledAt }));
                }

                parts.AddRange((await store.ListEmploymentLinesAsync(account.AccountId, default))
                    .Select(l => new { l.EmployeeIrd, l.NameOnEiLine, l.Name, l.TaxCodes, l.StartDate, l.FinishDate, l.DateOfBirth, Details = l.Details.ToJsonString(), l.Valid }));
                parts.AddRange((await store.ListEmployerEventsAsync(account.AccountId, default)).Select(e => e.Fields.ToJsonString()));
            }
        }

        parts.AddRange((await store.ListUsersAsync(default)).Select(u => new { u.Logon, u.PasswordHash }));
        parts.AddRange(await store.ListAllOwnershipsAsync(default));
        parts.AddRange(await store.ListAllDelegationsAsync(default));
        parts.AddRange(await store.ListAllAgencyStaffAsync(default));
        foreach (var list in await store.ListAllClientListsAsync(default))
        {
            parts.Add(list);
            parts.AddRange(await store.ListLinksAsync(list.ListId, default));
        }

        parts.AddRange((await store.ListScenarioRulesAsync(default)).Select(r => new { r.Name, r.Definition, r.Remaining }));
        return string.Join('\n', parts.Select(p => JsonSerializer.Serialize(p, p.GetType())));
    }
}
