using Waharoa.Calls;
using Waharoa.Server.Reports;

namespace Waharoa.Tests.Control.Reports;

/// <summary>IR's test report templates as Waharoa reads them, and how recorded calls fill them in.</summary>
public sealed class TestReportTests
{
    private static readonly DateTimeOffset Start = new(2027, 4, 1, 9, 0, 0, TimeSpan.FromHours(12));

    [Theory]
    [InlineData("intermediation", 47, "TALNK01", "ORRCL02")]
    [InlineData("account-api", 14, "MOCK-ACC-001", "MOCK-ACC-014")]
    [InlineData("gst", 32, "GST001", "GST032")]
    [InlineData("gst-mock", 37, "EMS_GST001", "EMS_GST037")]
    [InlineData("ei", 49, "EI001", "EI049")]
    [InlineData("ed", 67, "ES001", "ES_V2_008")]
    public void Every_template_yields_IRs_scenario_rows_in_order(string key, int rows, string first, string last)
    {
        var template = ReportTemplates.Find(key)!;

        Assert.Equal(rows, template.Scenarios.Count);
        Assert.Equal(first, template.Scenarios[0].Id);
        Assert.Equal(last, template.Scenarios[^1].Id);
        Assert.All(template.Scenarios, s => Assert.False(string.IsNullOrEmpty(s.Operation)));
        Assert.All(template.Scenarios, s => Assert.False(string.IsNullOrEmpty(s.Description)));
    }

    [Theory]
    [InlineData("gst-mock", "EMS_GST010", "status 2")]
    [InlineData("gst-mock", "EMS_GST001", "success")]
    [InlineData("gst", "GST006", "status 1")]
    [InlineData("gst", "GST007", "status 4")]
    [InlineData("intermediation", "TALNK02", "status 4")]
    [InlineData("intermediation", "TALNK03", "status 103")]
    [InlineData("account-api", "MOCK-ACC-009", "ACT100")]
    [InlineData("account-api", "MOCK-ACC-010", "CST404")]
    [InlineData("account-api", "MOCK-ACC-011", "EV1022")]
    [InlineData("account-api", "MOCK-ACC-012", "EV1100")]
    [InlineData("account-api", "MOCK-ACC-013", "EV1020")]
    [InlineData("account-api", "MOCK-ACC-014", "EV1021")]
    [InlineData("ed", "ES042", "status 5")]
    [InlineData("ei", "EI006", "status 21")]
    [InlineData("ei", "EI012", "status 5")]
    [InlineData("ed", "ES003", "status 4")]
    [InlineData("ed", "ES051", "status 104")]
    [InlineData("ed", "ES001", "status 5")]
    public void The_expected_outcome_is_read_from_IRs_row(string key, string id, string expected) =>
        Assert.Equal(expected, ReportTemplates.Find(key)!.Scenarios.First(s => s.Id == id).Expected.ToString());

    [Fact]
    public void A_call_without_a_token_is_taken_for_its_operations_no_token_scenario_and_passes_on_status_2()
    {
        var call = Soap(1, "returns", "File", GstFile("GST101A"), 200, "2", token: false);

        var report = TestReport.Build(ReportTemplates.Find("gst")!, "dsp", [call]);

        var taken = Assert.Single(report.Scenarios, s => s.Calls.Count > 0);
        Assert.Equal("GST005", taken.Scenario.Id);
        Assert.Equal("Pass", taken.Result);
        Assert.Equal("no token", taken.Calls[0].RecognisedBy);
    }

    [Fact]
    public void The_test_data_a_row_names_decides_between_scenarios_of_one_operation()
    {
        var call = Rest(1, "/gateway/account/list", """{"CustomerID":"1512150403","CustomerIDType":"CST"}""", 200, null);

        var report = TestReport.Build(ReportTemplates.Find("account-api")!, "dsp", [call]);

        var taken = Assert.Single(report.Scenarios, s => s.Calls.Count > 0);
        Assert.Equal("MOCK-ACC-002", taken.Scenario.Id);
        Assert.Equal("Pass", taken.Result);
    }

    [Fact]
    public void An_account_call_without_a_token_is_taken_for_MOCK_ACC_014_only()
    {
        var call = Rest(1, "/gateway/account/account", """{"AccountID":"132243158INC003","AccountIDType":"ACC"}""", 400, "EV1021") with
        {
            RequestHeaders = "Content-Type: application/json",
            Flags = [CallFlags.NoToken],
        };

        var report = TestReport.Build(ReportTemplates.Find("account-api")!, "dsp", [call]);

        var taken = Assert.Single(report.Scenarios, s => s.Calls.Count > 0);
        Assert.Equal("MOCK-ACC-014", taken.Scenario.Id);
        Assert.Equal("Pass", taken.Result);
    }

    [Fact]
    public void A_call_of_an_operation_no_row_covers_and_a_plain_call_no_row_expects_exercise_nothing()
    {
        // ED's template has no Event rows; GST's RetrieveStatus rows expect success, 1, 2 or 4, not 103.
        var eventCall = Soap(1, "employment", "Event", "<Event/>", 200, "0");
        var unexpected = Soap(2, "returns", "RetrieveStatus", "<RetrieveStatus/>", 200, "103");

        Assert.Equal(0, TestReport.Build(ReportTemplates.Find("ed")!, "dsp", [eventCall]).Exercised);
        Assert.Equal(0, TestReport.Build(ReportTemplates.Find("gst")!, "dsp", [unexpected]).Exercised);
    }

    [Fact]
    public void A_call_that_did_not_get_the_outcome_IR_expects_fails_its_scenario()
    {
        // MOCK-ACC-009: IR answers ACT100 for a KiwiSaver account; a sandbox that answered 200 would fail the DSP's evidence.
        var call = Rest(1, "/gateway/account/account", """{"AccountID":"132243158KSS004","AccountIDType":"ACC"}""", 200, null);

        var report = TestReport.Build(ReportTemplates.Find("account-api")!, "dsp", [call]);

        var taken = Assert.Single(report.Scenarios, s => s.Calls.Count > 0);
        Assert.Equal("MOCK-ACC-009", taken.Scenario.Id);
        Assert.Equal("Fail", taken.Result);
        Assert.Equal("success", taken.Calls[0].Outcome.ToString());
    }

    [Fact]
    public void The_form_type_a_row_names_decides_between_the_mock_templates_file_scenarios()
    {
        var call = Soap(1, "returns", "File", GstFile("GST103D"), 200, "0");

        var report = TestReport.Build(ReportTemplates.Find("gst-mock")!, "dsp", [call]);

        Assert.Equal(["EMS_GST003"], report.Scenarios.Where(s => s.Calls.Count > 0).Select(s => s.Scenario.Id));
    }

    [Fact]
    public void A_plain_call_goes_to_the_operations_scenarios_whose_outcome_it_got_says_which_it_could_equally_be_and_asks_for_review()
    {
        var success = Soap(1, "returns", "RetrieveStatus", "<RetrieveStatus/>", 200, "0");
        var refused = Soap(2, "returns", "RetrieveStatus", "<RetrieveStatus/>", 200, "4");

        var report = TestReport.Build(ReportTemplates.Find("gst")!, "dsp", [success, refused]);

        var exercised = report.Scenarios.Where(s => s.Calls.Count > 0).ToDictionary(s => s.Scenario.Id);
        Assert.Equal(["GST021", "GST022", "GST025", "GST026"], exercised.Keys.Order());

        // A customer's and an agent's call look alike to Waharoa: the report asks for a review rather than claiming a pass.
        Assert.All(exercised.Values, s => Assert.Equal("Review", s.Result));
        Assert.Equal(["GST022"], exercised["GST021"].Calls[0].AlsoCouldBe);
        Assert.Equal("operation and outcome", exercised["GST025"].Calls[0].RecognisedBy);
        Assert.Equal(report.Scenarios.Count - 4, report.Scenarios.Count(s => s.Result == "Not exercised"));
    }

    [Fact]
    public void Employment_information_calls_fill_in_the_EI_template_and_not_the_GST_ones()
    {
        var ei = Soap(1, "returns", "Prepop", "<Prepop xmlns:ei=\"urn:www.ird.govt.nz/GWS:types/ReturnEI.v2\"/>", 200, "0");

        Assert.Equal(0, TestReport.Build(ReportTemplates.Find("gst")!, "dsp", [ei]).Exercised);
        Assert.Equal(0, TestReport.Build(ReportTemplates.Find("gst-mock")!, "dsp", [ei]).Exercised);
        Assert.True(TestReport.Build(ReportTemplates.Find("ei")!, "dsp", [ei]).Exercised > 0);
    }

    [Fact]
    public void OAuth_calls_and_other_services_calls_exercise_no_gateway_template()
    {
        var oauth = Soap(1, "xiams", "token", "grant_type=authorization_code", 200, null) with { Area = "oauth" };
        var account = Rest(2, "/gateway/account/list", """{"CustomerID":"132243158","CustomerIDType":"IRD"}""", 200, null);

        Assert.Equal(0, TestReport.Build(ReportTemplates.Find("intermediation")!, "dsp", [oauth, account]).Exercised);
    }

    [Fact]
    public void The_writers_list_every_scenario_exercised_or_not_with_the_evidence_of_the_exercised()
    {
        var call = Soap(7, "returns", "File", GstFile("GST101A"), 200, "2", token: false);
        var reports = ReportTemplates.All.Select(t => TestReport.Build(t, "dsp", [call])).ToList();

        var markdown = TestReportWriter.Markdown(reports);
        var html = TestReportWriter.Html(reports);
        var csv = TestReportWriter.Csv(reports);

        foreach (var scenario in ReportTemplates.All.SelectMany(t => t.Scenarios))
        {
            Assert.Contains($"| {scenario.Id} |", markdown, StringComparison.Ordinal);
            Assert.Contains($">{scenario.Id}<", html, StringComparison.Ordinal);
        }

        Assert.Equal(ReportTemplates.All.Sum(t => t.Scenarios.Count) + 1, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("gst,GST005,returnFile,", csv, StringComparison.Ordinal);
        Assert.Contains("## GST005: evidence", markdown, StringComparison.Ordinal);
        Assert.Contains("Call 7 at 2027-04-01T09:00:07.000+12:00", markdown, StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"gst-GST005\">", html, StringComparison.Ordinal);
        Assert.Contains("&lt;ret:File", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<ret:File", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_recorded_body_cannot_break_out_of_its_evidence_block()
    {
        var hostile = "</pre><script>alert(1)</script>\n```\n# not a heading";
        var call = Soap(3, "returns", "File", hostile + GstFile("GST101A"), 200, "2", token: false);
        var reports = new[] { TestReport.Build(ReportTemplates.Find("gst")!, "dsp", [call]) };

        var html = TestReportWriter.Html(reports);
        var markdown = TestReportWriter.Markdown(reports);

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;/pre&gt;&lt;script&gt;", html, StringComparison.Ordinal);
        var block = markdown[(markdown.IndexOf("````http\n", StringComparison.Ordinal) + 8)..];
        block = block[..block.IndexOf("\n````\n", StringComparison.Ordinal)];
        Assert.Contains("```\n# not a heading", block, StringComparison.Ordinal);
    }

    private static string GstFile(string formType) =>
        $"<ret:File xmlns:ret=\"urn:www.ird.govt.nz/GWS:types/ReturnGST.v1\"><ret:majorFormType>GST</ret:majorFormType><ret:minorFormType>{formType[3..]}</ret:minorFormType></ret:File>";

    private static RecordedCall Soap(long id, string service, string operation, string body, int status, string? code, bool token = true) =>
        new(id, Start.AddSeconds(id), 5, "dsp", "cloud", "gateway", service, operation, null, token ? "bearer" : null, "TR24573773", null, "POST",
            $"/gateway/gws/{service}/", status, code, null, null, token ? [] : [CallFlags.NoToken],
            token ? "Content-Type: text/xml\nAuthorization: Bearer [redacted]" : "Content-Type: text/xml", body, "Content-Type: text/xml",
            code is null ? "" : $"<statusCode>{code}</statusCode>");

    private static RecordedCall Rest(long id, string path, string body, int status, string? code) =>
        new(id, Start.AddSeconds(id), 5, "dsp", "cloud", "gateway", "account", "account/" + path.Split('/')[^1], null, "bearer", "TR24573773", null, "POST",
            path, status, code, null, null, [], "Content-Type: application/json\nAuthorization: Bearer [redacted]", body, "Content-Type: application/json", "{}");
}
