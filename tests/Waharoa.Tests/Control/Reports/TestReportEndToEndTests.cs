using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Waharoa.Testing;
using Waharoa.Tests.AccountApi;
using Waharoa.Tests.Returns;

namespace Waharoa.Tests.Control.Reports;

/// <summary>The test report of a real client's calls through the gateway, over the control API.</summary>
public sealed class TestReportEndToEndTests
{
    [Fact]
    public async Task After_a_test_run_the_report_lists_the_exercised_and_unexercised_scenario_IDs_of_every_template()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var returns = new ReturnsCalls(host);
        using var control = host.CreateControlClient();
        var client = host.CloudClient.ClientId;

        // GST005 / EMS_GST010: a GST return filed without a token.
        var file = ReturnsCalls.Sample("body-gst-returnfile-request-GST103D.xml", identifier: "123084226", period: "2017-07-31");
        using (var refused = await returns.PostAsync(file.ToString(SaveOptions.DisableFormatting), authorization: null))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        }

        // MOCK-ACC-001: the account list of IR's test customer.
        var bearer = await returns.BearerForAsync(ReturnsCalls.DemoUser);
        var (status, _) = await AccountApiCalls.ListAsync(returns.Http, bearer, AccountApiCalls.DemoCustomer);
        Assert.Equal(HttpStatusCode.OK, status);

        // EMS_GST003 (a GST103D return filed by the customer) — whatever the sandbox answers, the call is taken for it.
        await returns.SendAsync(ReturnsCalls.DemoUser, file);

        // The recorder stores calls off the request path: wait until what was answered is stored.
        await ((Waharoa.Server.Calls.CallRecordWriter)host.Server.Services.GetService(typeof(Waharoa.Server.Calls.CallRecordWriter))!).WaitUntilStoredAsync(CancellationToken.None);
        using var reports = JsonDocument.Parse(await control.GetStringAsync($"/control/reports/test/{client}"));

        var byTemplate = reports.RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("template").GetString()!);
        Assert.Equal(["account-api", "ed", "ei", "gst", "gst-mock", "intermediation"], byTemplate.Keys.Order());
        Assert.Equal("Pass", Scenario(byTemplate["gst"], "GST005").GetProperty("result").GetString());
        Assert.Equal("Pass", Scenario(byTemplate["gst-mock"], "EMS_GST010").GetProperty("result").GetString());
        Assert.Equal("Pass", Scenario(byTemplate["account-api"], "MOCK-ACC-001").GetProperty("result").GetString());
        Assert.True(Scenario(byTemplate["gst-mock"], "EMS_GST003").GetProperty("exercised").GetBoolean());
        Assert.Equal("Not exercised", Scenario(byTemplate["gst"], "GST032").GetProperty("result").GetString());
        Assert.Equal(0, byTemplate["intermediation"].GetProperty("exercised").GetInt32());
        Assert.Equal(47, byTemplate["intermediation"].GetProperty("total").GetInt32());
        Assert.Equal(67, byTemplate["ed"].GetProperty("scenarios").GetArrayLength());
        Assert.Equal(49, byTemplate["ei"].GetProperty("scenarios").GetArrayLength());

        using var markdown = await control.GetAsync($"/control/reports/test/{client}?template=gst&format=md");
        var text = await markdown.Content.ReadAsStringAsync();
        Assert.Equal("text/markdown", markdown.Content.Headers.ContentType?.MediaType);
        Assert.Contains("## GST005: evidence", text, StringComparison.Ordinal);
        Assert.DoesNotContain(bearer["Bearer ".Length..], text, StringComparison.Ordinal);
        Assert.DoesNotContain(host.CloudClient.ClientSecret, text, StringComparison.Ordinal);

        using var csv = await control.GetAsync($"/control/reports/test/{client}?format=csv");
        Assert.Equal(47 + 14 + 32 + 37 + 49 + 67 + 1, (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);

        using var unknown = await control.GetAsync($"/control/reports/test/{client}?template=nope");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    [Fact]
    public async Task The_report_verb_writes_the_markdown_html_and_csv_reports_of_a_running_server()
    {
        var data = Path.Combine(Path.GetTempPath(), "waharoa-test-" + Guid.NewGuid().ToString("N"));
        var output = Path.Combine(data, "report");
        try
        {
            await using var server = await WaharoaProcess.StartAsync(data);
            var (exit, text) = await WaharoaProcess.RunAsync("report", server.CloudClient.ClientId, "--data", data, "--out", output);

            Assert.True(exit == 0, text);
            foreach (var extension in new[] { "md", "html", "csv" })
            {
                Assert.True(File.Exists(Path.Combine(output, $"test-report-{server.CloudClient.ClientId}.{extension}")), text);
            }

            Assert.Contains("intermediation     0 of  47 scenarios exercised", text, StringComparison.Ordinal);
            var (unknownExit, unknownText) = await WaharoaProcess.RunAsync("report", server.CloudClient.ClientId, "--data", data, "--template", "nope");
            Assert.Equal(1, unknownExit);
            Assert.Contains("No template 'nope'", unknownText, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static JsonElement Scenario(JsonElement report, string id) =>
        report.GetProperty("scenarios").EnumerateArray().First(s => s.GetProperty("id").GetString() == id);
}
