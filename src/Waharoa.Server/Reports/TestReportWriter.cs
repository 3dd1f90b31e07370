using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Waharoa.Server.Reports;

/// <summary>Writes a <see cref="TestReport"/> as Markdown, HTML, CSV or JSON.</summary>
internal static class TestReportWriter
{
    /// <summary>The calls shown as evidence per scenario (the latest ones).</summary>
    public const int EvidencePerScenario = 3;

    private const int BodyLimit = 4000;

    public static string Markdown(IReadOnlyList<TestReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var md = new StringBuilder();
        foreach (var report in reports)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"# {report.Template.Title}").AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"DSP client `{report.ClientId}`, calls {Window(report)}. {report.Exercised} of {report.Scenarios.Count} scenarios exercised.").AppendLine();
            md.AppendLine("| ID | Operation | Scenario | Expected | Exercised | Calls | Last call | Actual | Result | Recognised by |");
            md.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
            foreach (var s in report.Scenarios)
            {
                var last = s.Calls.Count > 0 ? s.Calls[^1] : null;
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {s.Scenario.Id} | {Cell(s.Scenario.TemplateOperation.Length > 0 ? s.Scenario.TemplateOperation : s.Scenario.Operation)} | {Cell(s.Scenario.Description)} | {s.Scenario.Expected} | {(s.Calls.Count > 0 ? "yes" : "no")} | {s.Calls.Count} | {(last is null ? "" : Time(last.Call.At))} | {last?.Outcome.ToString() ?? ""} | {s.Result} | {Cell(last is null ? "" : RecognisedBy(last))} |");
            }

            md.AppendLine();
            foreach (var s in report.Scenarios.Where(s => s.Calls.Count > 0))
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"## {s.Scenario.Id}: evidence").AppendLine();
                foreach (var e in s.Calls.TakeLast(EvidencePerScenario))
                {
                    var c = e.Call;
                    md.AppendLine(CultureInfo.InvariantCulture, $"Call {c.Id} at {Time(c.At)}: {Cell(c.Method + " " + c.Path)} → {c.Status}, {Cell(e.Outcome.ToString())} ({Cell(RecognisedBy(e))})").AppendLine();
                    Fenced(md, $"{c.Method} {c.Path}\n{c.RequestHeaders.TrimEnd()}\n\n{Cut(c.RequestBody)}");
                    Fenced(md, $"HTTP {c.Status}\n{c.ResponseHeaders.TrimEnd()}\n\n{Cut(c.ResponseBody)}");
                }
            }
        }

        return md.ToString();
    }

    public static string Html(IReadOnlyList<TestReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var h = new StringBuilder();
        h.AppendLine("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Waharoa: IR test report</title>");
        h.AppendLine("<style>body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse}th,td{border:1px solid #999;padding:.3rem;vertical-align:top;text-align:left}pre{background:#f4f4f4;padding:.5rem;overflow-x:auto;white-space:pre-wrap}</style></head><body>");
        foreach (var report in reports)
        {
            h.AppendLine(CultureInfo.InvariantCulture, $"<h1>{E(report.Template.Title)}</h1>");
            h.AppendLine(CultureInfo.InvariantCulture, $"<p>DSP client <code>{E(report.ClientId)}</code>, calls {E(Window(report))}. {report.Exercised} of {report.Scenarios.Count} scenarios exercised.</p>");
            h.AppendLine("<table><thead><tr><th scope=\"col\">ID</th><th scope=\"col\">Operation</th><th scope=\"col\">Scenario</th><th scope=\"col\">Expected</th><th scope=\"col\">Exercised</th><th scope=\"col\">Calls</th><th scope=\"col\">Last call</th><th scope=\"col\">Actual</th><th scope=\"col\">Result</th><th scope=\"col\">Recognised by</th></tr></thead><tbody>");
            foreach (var s in report.Scenarios)
            {
                var last = s.Calls.Count > 0 ? s.Calls[^1] : null;
                var id = s.Calls.Count > 0 ? $"<a href=\"#{E(report.Template.Key)}-{E(s.Scenario.Id)}\">{E(s.Scenario.Id)}</a>" : E(s.Scenario.Id);
                h.AppendLine(CultureInfo.InvariantCulture,
                    $"<tr><th scope=\"row\">{id}</th><td>{E(s.Scenario.TemplateOperation.Length > 0 ? s.Scenario.TemplateOperation : s.Scenario.Operation)}</td><td>{E(s.Scenario.Description)}</td><td>{E(s.Scenario.Expected.ToString())}</td><td>{(s.Calls.Count > 0 ? "yes" : "no")}</td><td>{s.Calls.Count}</td><td>{(last is null ? "" : E(Time(last.Call.At)))}</td><td>{E(last?.Outcome.ToString() ?? "")}</td><td>{E(s.Result)}</td><td>{E(last is null ? "" : RecognisedBy(last))}</td></tr>");
            }

            h.AppendLine("</tbody></table>");
            foreach (var s in report.Scenarios.Where(s => s.Calls.Count > 0))
            {
                h.AppendLine(CultureInfo.InvariantCulture, $"<h2 id=\"{E(report.Template.Key)}-{E(s.Scenario.Id)}\">{E(s.Scenario.Id)}: evidence</h2>");
                foreach (var e in s.Calls.TakeLast(EvidencePerScenario))
                {
                    var c = e.Call;
                    h.AppendLine(CultureInfo.InvariantCulture, $"<p>Call {c.Id} at {E(Time(c.At))}: <code>{E(c.Method)} {E(c.Path)}</code> → {c.Status}, {E(e.Outcome.ToString())} ({E(RecognisedBy(e))})</p>");
                    h.AppendLine(CultureInfo.InvariantCulture, $"<pre>{E($"{c.Method} {c.Path}\n{c.RequestHeaders.TrimEnd()}\n\n{Cut(c.RequestBody)}")}</pre>");
                    h.AppendLine(CultureInfo.InvariantCulture, $"<pre>{E($"HTTP {c.Status}\n{c.ResponseHeaders.TrimEnd()}\n\n{Cut(c.ResponseBody)}")}</pre>");
                }
            }
        }

        h.AppendLine("</body></html>");
        return h.ToString();
    }

    public static string Csv(IReadOnlyList<TestReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var csv = new StringBuilder("template,id,operation,scenario,expected,exercised,calls,first_call_at,last_call_at,actual,result,recognised_by,call_ids\r\n");
        foreach (var report in reports)
        {
            foreach (var s in report.Scenarios)
            {
                var first = s.Calls.Count > 0 ? s.Calls[0] : null;
                var last = s.Calls.Count > 0 ? s.Calls[^1] : null;
                string[] fields =
                [
                    report.Template.Key, s.Scenario.Id, s.Scenario.TemplateOperation.Length > 0 ? s.Scenario.TemplateOperation : s.Scenario.Operation, s.Scenario.Description,
                    s.Scenario.Expected.ToString(), s.Calls.Count > 0 ? "yes" : "no", s.Calls.Count.ToString(CultureInfo.InvariantCulture),
                    first is null ? "" : Time(first.Call.At), last is null ? "" : Time(last.Call.At), last?.Outcome.ToString() ?? "", s.Result,
                    last is null ? "" : RecognisedBy(last), string.Join(" ", s.Calls.Select(c => c.Call.Id.ToString(CultureInfo.InvariantCulture))),
                ];
                csv.Append(string.Join(",", fields.Select(CsvField))).Append("\r\n");
            }
        }

        return csv.ToString();
    }

    public static string Json(IReadOnlyList<TestReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var array = new JsonArray();
        foreach (var report in reports)
        {
            var scenarios = new JsonArray();
            foreach (var s in report.Scenarios)
            {
                var last = s.Calls.Count > 0 ? s.Calls[^1] : null;
                scenarios.Add(new JsonObject
                {
                    ["id"] = s.Scenario.Id,
                    ["operation"] = s.Scenario.Operation,
                    ["description"] = s.Scenario.Description,
                    ["expected"] = s.Scenario.Expected.ToString(),
                    ["exercised"] = s.Calls.Count > 0,
                    ["calls"] = new JsonArray([.. s.Calls.Select(c => (JsonNode)JsonValue.Create(c.Call.Id))]),
                    ["firstCallAt"] = s.Calls.Count > 0 ? s.Calls[0].Call.At : null,
                    ["lastCallAt"] = last?.Call.At,
                    ["actual"] = last?.Outcome.ToString(),
                    ["result"] = s.Result,
                    ["recognisedBy"] = last is null ? null : RecognisedBy(last),
                });
            }

            array.Add(new JsonObject
            {
                ["template"] = report.Template.Key,
                ["title"] = report.Template.Title,
                ["clientId"] = report.ClientId,
                ["from"] = report.From,
                ["to"] = report.To,
                ["exercised"] = report.Exercised,
                ["total"] = report.Scenarios.Count,
                ["scenarios"] = scenarios,
            });
        }

        return array.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static string RecognisedBy(ScenarioEvidence e) =>
        e.AlsoCouldBe.Count == 0 ? e.RecognisedBy : $"{e.RecognisedBy}; could equally be {string.Join(", ", e.AlsoCouldBe)}";

    private static string Window(TestReport report) => (report.From, report.To) switch
    {
        (null, null) => "all recorded",
        ({ } f, null) => "from " + Time(f),
        (null, { } t) => "until " + Time(t),
        ({ } f, { } t) => $"from {Time(f)} until {Time(t)}",
    };

    private static string Time(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    private static string Cut(string body) => body.Length <= BodyLimit ? body : body[..BodyLimit] + "\n… (cut)";

    /// <summary>Text for a Markdown table cell or line: pipes escaped, HTML's characters as entities, on one line.</summary>
    private static string Cell(string text) =>
        WebUtility.HtmlEncode(text).Replace("|", "\\|", StringComparison.Ordinal).Replace("`", "&#96;", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    /// <summary>A fenced block holding <paramref name="content"/> as it is: its fence longer than any run of backticks inside.</summary>
    private static void Fenced(StringBuilder md, string content)
    {
        var longest = 0;
        var run = 0;
        foreach (var ch in content)
        {
            run = ch == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        var fence = new string('`', Math.Max(3, longest + 1));
        md.AppendLine(fence + "http").AppendLine(content).AppendLine(fence).AppendLine();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string CsvField(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) < 0 ? field : "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
