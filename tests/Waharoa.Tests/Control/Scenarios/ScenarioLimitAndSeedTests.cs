using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Waharoa.Server.Scenarios;
using Waharoa.Testing;
using Waharoa.Tests.AccountApi;
using Waharoa.Tests.Coordination;
using Waharoa.Tests.Gateway;
using Waharoa.Tests.Instances;
using Waharoa.Tests.Returns;

namespace Waharoa.Tests.Control.Scenarios;

/// <summary>A rule's time window on the virtual clock, the demo seed's trigger IRD numbers, seed files, the CLI, and two instances sharing one rule.</summary>
public sealed class ScenarioLimitAndSeedTests
{
    [Fact]
    public async Task A_window_acts_only_between_from_and_to_on_the_servers_clock()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await WaharoaTestHost.StartAsync(time);
        using var control = host.CreateControlClient();
        using var cloud = host.CreateCloudClient();
        using var certificate = host.LoadCloudClientCertificate();
        var opens = time.GetUtcNow().AddHours(1);
        await ScenarioHost.AddAsync(control, "window", new
        {
            match = new { service = "account-api", operation = "account/list" },
            answer = new { outcome = "account-api", code = "EV1100" },
            limit = new { from = opens, to = opens.AddHours(1) },
        });

        async Task<HttpStatusCode> ListAsync() =>
            (await AccountApiCalls.ListAsync(cloud, M2mTokens.Create(certificate, time.GetUtcNow(), TimeSpan.FromMinutes(9), AccountApiCalls.Owner), "132243158")).Status;

        var before = await ListAsync();
        time.Advance(TimeSpan.FromHours(1));
        var during = await ListAsync();
        time.Advance(TimeSpan.FromHours(1));
        var after = await ListAsync();

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.BadRequest, HttpStatusCode.OK], new[] { before, during, after });
    }

    [Fact]
    public async Task The_demo_seed_triggers_outcomes_by_IRD_number_and_a_seed_file_loads_rules()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var control = host.CreateControlClient();
        using var calls = new ReturnsCalls(host);
        using var cloud = host.CreateCloudClient();

        var listed = JsonDocument.Parse(await control.GetStringAsync("/control/scenarios")).RootElement.EnumerateArray().Select(r => r.GetProperty("name").GetString()).ToList();
        var unknown = await calls.SendAsync(ReturnsCalls.DemoUser, ReturnsCalls.Sample("body-gst-returnprepop-request.xml", identifier: "123999002", period: "2017-07-31"));
        using var timeout = await calls.PostAsync(
            ReturnsCalls.Sample("body-gst-returnprepop-request.xml", identifier: "123999010", period: "2017-07-31").ToString(SaveOptions.DisableFormatting),
            await calls.BearerForAsync(ReturnsCalls.DemoUser));
        var (accountStatus, accountBody) = await AccountApiCalls.ListAsync(cloud, AccountApiCalls.M2m(host, AccountApiCalls.Owner), "123999045");

        Assert.Contains("demo-returns-unknown-error", listed);
        Assert.Contains("demo-account-api-throttled", listed);
        Assert.Equal(-1, unknown.StatusCode);
        Assert.Equal("An unknown error has occurred", unknown.ErrorMessage);
        Assert.Equal(HttpStatusCode.GatewayTimeout, timeout.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, accountStatus);
        Assert.Equal("EU6001", accountBody.GetProperty("errors")[0].GetProperty("code").GetString());

        // A seed file's scenarios section, in snake_case YAML, through the control API; a mistake anywhere loads nothing.
        const string Seed = """
            scenarios:
              - name: seeded-throttle
                match: { service: account-api, operation: account/list }
                answer: { outcome: throttle, retry_after: 12 }
                limit: { count: 1 }
            """;
        using var loaded = await control.PostAsync("/control/scenarios/load", new StringContent(Seed, Encoding.UTF8, "application/yaml"));
        using var refused = await control.PostAsync("/control/scenarios/load", new StringContent(
            "scenarios:\n  - name: fine\n    answer: { outcome: pass }\n  - name: wrong\n    match: { service: returns }\n    answer: { outcome: status, code: 999 }\n",
            Encoding.UTF8, "application/yaml"));
        var (throttled, _, response) = await AccountApiCalls.SendAsync(cloud, AccountApiCalls.Post("list", AccountApiCalls.ListBody("132243158", "IRD"), AccountApiCalls.M2m(host, AccountApiCalls.Owner)));

        Assert.Equal(HttpStatusCode.OK, loaded.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("scenarios[1]", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await control.GetAsync("/control/scenarios/fine")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled);
        Assert.Equal("12", response.Headers.RetryAfter?.ToString());
        response.Dispose();
    }

    [Fact]
    public async Task The_CLI_adds_lists_loads_removes_and_clears_rules_of_a_running_server()
    {
        var data = Path.Combine(Path.GetTempPath(), "waharoa-scenarios-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var server = await WaharoaProcess.StartAsync(data);
            var (added, addOutput) = await WaharoaProcess.RunAsync("scenarios", "add", "gst-vendor", "--data", data,
                "--service", "returns", "--operation", "Prepop", "--ird", "123039858", "--status", "5", "--count", "1");
            Assert.True(added == 0, addOutput);

            using (var calls = new ReturnsCalls(server))
            {
                var answer = await calls.SendAsync(ReturnsCalls.DemoUser, ReturnsCalls.Sample("body-gst-returnprepop-request.xml", identifier: "123039858", period: "2017-07-31"));
                Assert.Equal(5, answer.StatusCode);
                Assert.Equal("Unauthorised vendor", answer.ErrorMessage);
            }

            var file = Path.Combine(data, "rules.yaml");
            await File.WriteAllTextAsync(file, "scenarios:\n  - name: from-file\n    match: { service: employment }\n    answer: { outcome: latency, delay: 2s }\n");
            var (loaded, loadOutput) = await WaharoaProcess.RunAsync("scenarios", "add", "--file", file, "--data", data);
            var (_, list) = await WaharoaProcess.RunAsync("scenarios", "list", "--data", data);
            var (refused, refusedOutput) = await WaharoaProcess.RunAsync("scenarios", "add", "bad", "--data", data, "--service", "intermediation", "--status", "150");
            var (removed, _) = await WaharoaProcess.RunAsync("scenarios", "remove", "from-file", "--data", data);
            var (cleared, clearOutput) = await WaharoaProcess.RunAsync("scenarios", "clear", "--data", data);

            Assert.True(loaded == 0, loadOutput);
            Assert.Contains("\"gst-vendor\"", list, StringComparison.Ordinal);
            Assert.Contains("\"exhausted\": true", list, StringComparison.Ordinal);
            Assert.Contains("\"from-file\"", list, StringComparison.Ordinal);
            Assert.Equal(1, refused);
            Assert.Contains("IR documents no status '150' for the intermediation service", refusedOutput, StringComparison.Ordinal);
            Assert.Equal(0, removed);
            Assert.Equal(0, cleared);
            Assert.Contains("\"removed\":", clearOutput, StringComparison.Ordinal);
        }
        finally
        {
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }

    [Fact]
    public async Task Two_instances_on_PostgreSQL_and_Redis_see_one_rule_and_share_its_count()
    {
        await using var pair = await TwoInstanceTests.InstancePair.StartAsync();
        using var controlA = pair.A.CreateControlClient();
        using var controlB = pair.B.CreateControlClient();
        using var cloudA = pair.A.CreateCloudClient();
        using var cloudB = pair.B.CreateCloudClient(pair.A.LoadCloudClientCertificate());
        var m2m = AccountApiCalls.M2m(pair.A, AccountApiCalls.Owner);
        await ScenarioHost.AddAsync(controlA, "shared", new
        {
            match = new { service = "account-api", operation = "account/list" },
            answer = new { outcome = "account-api", code = "EV1100" },
            limit = new { count = 3 },
        });
        var rulesB = pair.B.Server.Services.GetRequiredService<ScenarioRules>();
        await Eventually.TrueAsync(() => rulesB.Gateway.Any(r => r.Rule.Name == "shared"), "instance B never saw the rule put on A");

        var statuses = new List<HttpStatusCode>();
        foreach (var cloud in new[] { cloudA, cloudB, cloudA, cloudB, cloudA })
        {
            statuses.Add((await AccountApiCalls.ListAsync(cloud, m2m, "132243158")).Status);
        }

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.OK, HttpStatusCode.OK], statuses);
        var seenOnB = await ScenarioHost.GetAsync(controlB, "shared");
        Assert.Equal(3, seenOnB.GetProperty("fired").GetInt64());
        Assert.True(seenOnB.GetProperty("exhausted").GetBoolean());

        using var removed = await controlB.DeleteAsync("/control/scenarios/shared");
        var rulesA = pair.A.Server.Services.GetRequiredService<ScenarioRules>();
        await Eventually.TrueAsync(() => rulesA.Gateway.All(r => r.Rule.Name != "shared"), "instance A never heard the rule removed on B");
    }
}
