using System.CommandLine;
using Waharoa.Bench.Report;

namespace Waharoa.Bench.Cli;

/// <summary><c>report</c>: turns <c>bench/run</c>'s results, facts and machine description into the results file and prints its tables.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var results = new Option<FileInfo>("--results") { Required = true, Description = "results.tsv: one load result a line, with the peak memory and the process" };
        var facts = new Option<FileInfo>("--facts") { Required = true, Description = "key=value lines: date, command, openssl figures, restart time" };
        var machine = new Option<FileInfo>("--machine") { Required = true, Description = "The machine's description, one item a line" };
        var output = new Option<FileInfo>("--output") { Required = true, Description = "The Markdown file to write" };
        var command = new Command("report", "Write the results file") { results, facts, machine, output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var rows = (await File.ReadAllLinesAsync(parse.GetValue(results)!.FullName, cancellationToken))
                .Where(l => l.Length > 0).Select(Measurement.Parse).ToList();
            var factLines = await File.ReadAllLinesAsync(parse.GetValue(facts)!.FullName, cancellationToken);
            var factMap = factLines.Where(l => l.Contains('=', StringComparison.Ordinal))
                .Select(l => l.Split('=', 2)).GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.Last()[1]);
            var machineLines = (await File.ReadAllLinesAsync(parse.GetValue(machine)!.FullName, cancellationToken)).Where(l => l.Length > 0).ToList();
            var report = new ResultsReport(rows, factMap, machineLines);
            var file = parse.GetValue(output)!;
            file.Directory?.Create();
            await File.WriteAllTextAsync(file.FullName, report.Markdown(), cancellationToken);

            Console.WriteLine();
            Console.Write(report.Table());
            Console.WriteLine();
            foreach (var (target, measured, pass) in report.Targets())
            {
                Console.WriteLine($"{(pass is null ? "n/a " : pass.Value ? "PASS" : "MISS")}  {target}: {measured}");
            }

            Console.WriteLine();
            Console.WriteLine($"Written: {file.FullName}");
            return 0;
        });
        return command;
    }
}
