using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Waharoa.Testing;
using Waharoa.Tests.AccountApi;

namespace Waharoa.Tests.Control.Data;

/// <summary>One demo host for the class: the control API's test data routes.</summary>
public sealed class DataHost : IAsyncLifetime
{
    private WaharoaTestHost? _host;

    public WaharoaTestHost Host => _host ?? throw new InvalidOperationException("Not started.");

    public async Task InitializeAsync() => _host = await WaharoaTestHost.StartAsync();

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}

/// <summary><c>/control/data/…</c>: the test data listed, one record edited, a seed loaded and exported.</summary>
public sealed class DataControlTests(DataHost fixture) : IClassFixture<DataHost>
{
    private readonly WaharoaTestHost _host = fixture.Host;

    [Fact]
    public async Task Lists_ShowTheDemoData()
    {
        using var control = _host.CreateControlClient();

        var users = await GetAsync(control, "/control/data/users");
        var customers = await GetAsync(control, "/control/data/customers");
        var delegations = await GetAsync(control, "/control/data/delegations");
        var agencies = await GetAsync(control, "/control/data/agencies");
        var lists = await GetAsync(control, "/control/data/client-lists");

        var agent = users.AsArray().Single(u => u!["logon"]!.GetValue<string>() == "TaxAgentOwnerFull")!;
        Assert.True(agent["canSignIn"]!.GetValue<bool>());
        Assert.Contains(agent["agencies"]!.AsArray(), a => a!["role"]!.GetValue<string>() == "Owner");
        var client = customers.AsArray().Single(c => c!["ird"]!.GetValue<string>() == "132260737")!;
        Assert.Contains(client["accounts"]!.AsArray(), a => a!["id"]!.GetValue<string>() == "132260737GST001" && a["type"]!.GetValue<string>() == "GST");
        Assert.Contains(delegations.AsArray(), d => d!["logon"]!.GetValue<string>() == "AccountOwner" && d["access"]!.GetValue<string>() == "Owner");
        Assert.Contains(agencies.AsArray(), a => a!["ird"]!.GetValue<string>() == "132261132" && a["clientLists"]!.AsArray().Count > 0);
        Assert.Contains(lists.AsArray(), l => l!["id"]!.GetValue<string>() == "1039039" && l["links"]!.AsArray().Count == 2);
    }

    [Fact]
    public async Task EditCustomerAndUser_ShownInTheListsAndTheExport()
    {
        using var control = _host.CreateControlClient();

        using var put = await control.PutAsJsonAsync("/control/data/customers/136410132", new
        {
            name = "Aroha Edited",
            cst = "1512150403",
            taxPreparer = true,
            accounts = new[] { new { id = "136410132INC003", details = new { Status = "ACT" } } },
        });
        using var added = await control.PostAsJsonAsync("/control/data/users", new { logon = "EditedUser" });
        using var owner = await control.PutAsJsonAsync("/control/data/delegations/EditedUser/136410132", new { access = "Owner" });
        using var removed = await control.DeleteAsync("/control/data/users/AccountStranger");
        using var missing = await control.DeleteAsync("/control/data/users/AccountStranger");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var customer = JsonNode.Parse(await put.Content.ReadAsStringAsync())!;
        Assert.Equal("Aroha Edited", customer["name"]!.GetValue<string>());
        Assert.Equal("INC", customer["accounts"]![0]!["type"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var password = JsonNode.Parse(await added.Content.ReadAsStringAsync())!["password"]!.GetValue<string>();
        Assert.Equal(16, password.Length);
        Assert.Equal(HttpStatusCode.OK, owner.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var users = await GetAsync(control, "/control/data/users");
        Assert.DoesNotContain(users.AsArray(), u => u!["logon"]!.GetValue<string>() == "AccountStranger");
        Assert.Equal(["136410132"], users.AsArray().Single(u => u!["logon"]!.GetValue<string>() == "EditedUser")!["owns"]!.AsArray().Select(o => o!.GetValue<string>()));

        using var export = await control.GetAsync("/control/data/seed");
        var text = await export.Content.ReadAsStringAsync();
        Assert.Equal("application/yaml", export.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("waharoa-seed-", export.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        Assert.Contains("name: Aroha Edited", text, StringComparison.Ordinal);
        Assert.Contains("- logon: EditedUser", text, StringComparison.Ordinal);
        Assert.DoesNotContain(password, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditCustomer_BadIrdNumber_400NamingTheField()
    {
        using var control = _host.CreateControlClient();

        using var put = await control.PutAsJsonAsync("/control/data/customers/136410133", new { name = "Wrong" });
        using var unknown = await control.PutAsJsonAsync("/control/data/customers/136410132", new { name = "X", nickname = "Y" });

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        var error = JsonNode.Parse(await put.Content.ReadAsStringAsync())!;
        Assert.Equal("invalid_record", error["error"]!.GetValue<string>());
        Assert.Equal("the body: customers[0].ird: '136410133' is not a valid IRD number (modulus-11 check)", error["message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("nickname", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadSeed_Yaml_AnswersWhatWasLoaded_OnceOnly()
    {
        using var control = _host.CreateControlClient();
        const string Seed = "customers:\n  - ird: \"049091850\"\n    name: Seeded Agency\n    intermediary: true\nusers:\n  - logon: SeededOverApi\n    password: Seeded-Pass-1\n";

        var first = await PostSeedAsync(control, Seed);
        var again = await PostSeedAsync(control, Seed);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.True(first.Body["applied"]!.GetValue<bool>());
        Assert.Equal(1, first.Body["users"]!.GetValue<int>());
        Assert.Equal(1, first.Body["customers"]!.GetValue<int>());
        Assert.False(again.Body["applied"]!.GetValue<bool>());
        Assert.Contains((await GetAsync(control, "/control/data/users")).AsArray(), u => u!["logon"]!.GetValue<string>() == "SeededOverApi");
    }

    [Fact]
    public async Task LoadSeed_ScenarioRule_ActsOnTheNextCallOfTheRunningServer()
    {
        using var control = _host.CreateControlClient();
        const string seed = """
            scenarios:
              - name: seeded-through-the-api
                match: { service: account-api, ird: "132260737" }
                answer: { outcome: account-api, code: EU6001 }
                limit: { count: 1 }
            """;

        using var loaded = await control.PostAsync("/control/data/seed", new StringContent(seed, Encoding.UTF8, "application/yaml"));
        Assert.Equal(HttpStatusCode.OK, loaded.StatusCode);
        using var cloud = _host.CreateCloudClient();
        var (status, body) = await AccountApiCalls.ListAsync(cloud, AccountApiCalls.M2m(_host, AccountApiCalls.Owner), "132260737");

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Equal("EU6001", body.GetProperty("errors")[0].GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("users:\n")]
    [InlineData("customers:\n  -\n")]
    [InlineData("customers:\n  - ird: \"136410132\"\n    accounts:\n")]
    public async Task LoadSeed_EmptySectionOrItem_400NotAFault(string seed)
    {
        using var control = _host.CreateControlClient();

        using var response = await control.PostAsync("/control/data/seed", new StringContent(seed, Encoding.UTF8, "application/yaml"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("invalid_seed", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadSeed_Mistake_400WithTheLoadersMessageAndLine()
    {
        using var control = _host.CreateControlClient();

        var bad = await PostSeedAsync(control, "customers:\n  - ird: \"049091850\"\n    name: Fine\n  - ird: \"136410133\"\n    name: Wrong\n");
        var broken = await PostSeedAsync(control, "customers:\n  - ird: [\n");

        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Equal("invalid_seed", bad.Body["error"]!.GetValue<string>());
        Assert.Equal("the seed: customers[1].ird: '136410133' is not a valid IRD number (modulus-11 check)", bad.Body["message"]!.GetValue<string>());
        Assert.Equal(4, bad.Body["line"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.BadRequest, broken.Status);
        Assert.StartsWith("the seed: not valid YAML or JSON", broken.Body["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(broken.Body["line"]);
    }

    private static async Task<JsonNode> GetAsync(HttpClient control, string path)
    {
        using var response = await control.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static async Task<(HttpStatusCode Status, JsonNode Body)> PostSeedAsync(HttpClient control, string seed)
    {
        using var response = await control.PostAsync("/control/data/seed", new StringContent(seed, Encoding.UTF8, "application/yaml"));
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }
}

/// <summary>The round trip over the API: the demo data exported, loaded into a fresh data folder, exported again.</summary>
public sealed class SeedRoundTripTests
{
    [Fact]
    public async Task Export_LoadedIntoAFreshHost_ExportsTheSameSeed()
    {
        await using var demo = await WaharoaTestHost.StartAsync();
        await using var fresh = await WaharoaTestHost.StartAsync(configure: o => o.SeedDemoData = false);
        using var from = demo.CreateControlClient();
        using var to = fresh.CreateControlClient();

        var exported = await from.GetStringAsync("/control/data/seed");
        Assert.Empty(JsonNode.Parse(await to.GetStringAsync("/control/data/customers"))!.AsArray());
        using var load = await to.PostAsync("/control/data/seed", new StringContent(exported, Encoding.UTF8, "application/yaml"));
        var again = await to.GetStringAsync("/control/data/seed");

        Assert.Equal(HttpStatusCode.OK, load.StatusCode);
        Assert.Equal(exported, again);
        Assert.Equal(await from.GetStringAsync("/control/data/client-lists"), await to.GetStringAsync("/control/data/client-lists"));
        Assert.Equal(await from.GetStringAsync("/control/data/delegations"), await to.GetStringAsync("/control/data/delegations"));
    }
}
