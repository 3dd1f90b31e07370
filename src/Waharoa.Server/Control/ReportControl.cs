using System.Globalization;
using Waharoa.Calls;
using Waharoa.Server.Calls;
using Waharoa.Server.Reports;
using Waharoa.Storage;

namespace Waharoa.Server.Control;

/// <summary>IR's test report templates filled in from a DSP client's recorded calls: <c>/control/reports/test/…</c>.</summary>
internal static class ReportControl
{
    /// <summary>The most calls a report reads (every call a client can have recorded under the default bound, and more).</summary>
    private const int CallsRead = 100_000;

    public static RouteGroupBuilder MapReportControl(this RouteGroupBuilder group)
    {
        group.MapGet("/reports/templates", () => Results.Json(
                ReportTemplates.All.Select(t => new ReportTemplateView(t.Key, t.Title, t.Service, t.Scenarios.Count)).ToList(), ControlJson.Options))
            .WithName("ListTestReportTemplates")
            .WithSummary("IR's test report templates Waharoa fills in, with their scenario counts.")
            .Produces<List<ReportTemplateView>>();

        group.MapGet("/reports/test/{clientId}", async (string clientId, string? template, string? format, string? from, string? to, ICallRecordStore calls, CallRecordWriter writer, IClientStore clients, CancellationToken cancellationToken) =>
            {
                if (await clients.FindRegisteredClientAsync(clientId, cancellationToken) is null)
                {
                    return ControlApi.Error(StatusCodes.Status404NotFound, "unknown_client", $"No DSP client '{clientId}'.");
                }

                var templates = template is null ? ReportTemplates.All : ReportTemplates.Find(template) is { } one ? [one] : null;
                if (templates is null)
                {
                    return ControlApi.Error(StatusCodes.Status400BadRequest, "unknown_template",
                        $"No template '{template}'; one of: {string.Join(", ", ReportTemplates.All.Select(t => t.Key))}.");
                }

                if (!TryInstant(from, out var fromAt) || !TryInstant(to, out var toAt) || fromAt > toAt)
                {
                    return ControlApi.Error(StatusCodes.Status400BadRequest, "invalid_time", "from and to are ISO 8601 instants, such as 2027-04-01T09:00:00+12:00, from no later than to.");
                }

                await writer.WaitUntilStoredAsync(cancellationToken);
                var recorded = await calls.ListCallsAsync(new CallQuery(clientId, fromAt, toAt, Limit: CallsRead), cancellationToken);
                var reports = templates.Select(t => TestReport.Build(t, clientId, recorded, fromAt, toAt)).ToList();
                return (format ?? "json").ToLowerInvariant() switch
                {
                    "md" or "markdown" => Results.Text(TestReportWriter.Markdown(reports), "text/markdown; charset=utf-8"),
                    "html" => Results.Text(TestReportWriter.Html(reports), "text/html; charset=utf-8"),
                    "csv" => Results.Text(TestReportWriter.Csv(reports), "text/csv; charset=utf-8"),
                    "json" => Results.Text(TestReportWriter.Json(reports), "application/json; charset=utf-8"),
                    _ => ControlApi.Error(StatusCodes.Status400BadRequest, "unknown_format", $"No format '{format}'; one of: md, html, csv, json."),
                };
            })
            .WithName("GetTestReport")
            .WithSummary("IR's test report for a DSP client, filled in from its recorded calls: every scenario ID of the template (all templates when none is named), exercised or not, with the calls as evidence.")
            .Produces<string>(StatusCodes.Status200OK, "application/json", "text/markdown", "text/html", "text/csv")
            .Produces<ControlError>(StatusCodes.Status400BadRequest)
            .Produces<ControlError>(StatusCodes.Status404NotFound);
        return group;
    }

    private static bool TryInstant(string? text, out DateTimeOffset? at)
    {
        at = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            at = parsed;
            return true;
        }

        return false;
    }
}

/// <summary>A test report template: its key, title, service and number of scenarios.</summary>
public sealed record ReportTemplateView(string Key, string Title, string Service, int Scenarios);
