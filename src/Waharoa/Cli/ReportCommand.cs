using System.CommandLine;
using System.Text;

namespace Waharoa.Cli;

/// <summary><c>waharoa report CLIENT</c>: IR's test report templates filled in from the client's recorded calls, as Markdown, HTML and CSV.</summary>
internal static class ReportCommand
{
    private static readonly (string Format, string Extension)[] Formats = [("md", "md"), ("html", "html"), ("csv", "csv")];

    public static Command Create()
    {
        var options = ControlClient.Options.Create();
        var clientId = new Argument<string>("client-id") { Description = "The DSP client whose calls fill in the report" };
        var template = new Option<string?>("--template")
        {
            Description = "One template: intermediation, account-api, gst, gst-mock, ei or ed (default: every template Waharoa serves)",
        };
        var format = new Option<string>("--format") { Description = "md, html, csv or all", DefaultValueFactory = _ => "all" };
        format.AcceptOnlyFromAmong("md", "html", "csv", "all");
        var output = new Option<DirectoryInfo?>("--out") { Description = "The folder to write into (default: ./waharoa-report-CLIENT)" };
        var from = new Option<string?>("--from") { Description = "Only calls at or after this instant (ISO 8601)" };
        var to = new Option<string?>("--to") { Description = "Only calls before this instant (ISO 8601)" };
        var command = options.Command("report", "Write IR's test report for a DSP client, filled in from its recorded calls (Markdown, HTML and CSV)", clientId, template, format, output, from, to);
        command.SetAction((parse, cancellationToken) => ControlClient.RunAsync(parse, options, async client =>
        {
            var id = parse.GetValue(clientId)!;
            var query = new StringBuilder();
            foreach (var (name, value) in new[] { ("template", parse.GetValue(template)), ("from", parse.GetValue(from)), ("to", parse.GetValue(to)) })
            {
                if (!string.IsNullOrEmpty(value))
                {
                    query.Append('&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
                }
            }

            var path = $"/control/reports/test/{Uri.EscapeDataString(id)}?";
            var folder = parse.GetValue(output)?.FullName ?? Path.GetFullPath("waharoa-report-" + id);
            Directory.CreateDirectory(folder);
            var wanted = parse.GetValue(format)!;
            foreach (var (name, extension) in Formats.Where(f => wanted == "all" || f.Format == wanted))
            {
                var bytes = await client.GetBytesAsync(path + "format=" + name + query, cancellationToken);
                var file = Path.Combine(folder, $"test-report-{id}.{extension}");
                await File.WriteAllBytesAsync(file, bytes, cancellationToken);
                Console.WriteLine($"wrote {file}");
            }

            var summary = await client.SendAsync(HttpMethod.Get, path + "format=json" + query, cancellationToken: cancellationToken);
            foreach (var report in summary!.AsArray())
            {
                Console.WriteLine($"{report!["template"],-15} {report["exercised"],4} of {report["total"],3} scenarios exercised");
            }

            return 0;
        }));
        return command;
    }
}
