using System.Net;
using System.Text.RegularExpressions;

namespace Waharoa.Server.Reports;

/// <summary>
/// IR's test report templates of the services Waharoa serves, as IR publishes them (spec/, embedded in the build): one
/// <see cref="ReportTemplate"/> each, its scenarios read from the template's own table.
/// </summary>
internal static partial class ReportTemplates
{
    public static readonly IReadOnlyList<ReportTemplate> All =
    [
        new("intermediation", "Intermediation Service — Tax Agent (IR test report)", "intermediation", ReportVariant.Any, "intermediation-test-scenarios.txt"),
        new("account-api", "Account API (IR test report)", "account-api", ReportVariant.Any, "account-api-test-scenarios.txt"),
        new("gst", "GST — Return Service (IR test report)", "returns", ReportVariant.Gst, "gst-returns-test-scenarios.txt"),
        new("gst-mock", "Mock — GST Returns Service (IR test report)", "returns", ReportVariant.Gst, "gst-mock-returns-test-scenarios.txt"),
        new("ei", "Payday filing — Employment Information v2 (IR test report)", "returns", ReportVariant.EmploymentInformation, "ei-v2-test-scenarios.txt"),
        new("ed", "Payday filing — Employee Details v2 (IR test report)", "employment", ReportVariant.Any, "ed-v2-test-scenarios.txt"),
    ];

    /// <summary>The template named <paramref name="key"/>, or null.</summary>
    public static ReportTemplate? Find(string? key) => All.FirstOrDefault(t => string.Equals(t.Key, key, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The scenarios of a template's text. IR's templates come in two layouts: a row per line (<c>ES001 | Create | …</c>) and a
    /// table whose cells are separated by <c>" | "</c> across lines (ID, operation, description, then the scenario type).
    /// </summary>
    public static IReadOnlyList<TemplateScenario> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n');
        if (lines.Count(l => RowLine().IsMatch(l)) >= 5)
        {
            return [.. lines.Select(l => RowLine().Match(l)).Where(m => m.Success).Select(m => FromCells(m.Value.Split('|').Select(Clean).ToList()))];
        }

        var cells = CellSeparator().Split(text).Select(Clean).ToList();
        var scenarios = new List<TemplateScenario>();
        for (var i = 0; i < cells.Count; i++)
        {
            if (ScenarioId().IsMatch(cells[i]))
            {
                scenarios.Add(FromCells(cells.Skip(i).Take(6).ToList()));
            }
        }

        return scenarios;
    }

    private static TemplateScenario FromCells(IReadOnlyList<string> cells)
    {
        var id = cells[0];
        var operation = cells.Count > 1 ? cells[1] : "";
        var description = cells.Count > 2 ? cells[2] : "";

        // Some rows (ED's ES_V2_…) have no operation column: the description stands in the second cell.
        if (operation.Length > 40)
        {
            (operation, description) = ("", operation);
        }

        var type = cells.Skip(3).Take(3).FirstOrDefault(c => c is "Success" or "Failure");
        return new TemplateScenario(id, operation, description, type);
    }

    private static string Clean(string cell) => WebUtility.HtmlDecode(cell).Replace('\n', ' ').Replace('\r', ' ').Trim() is var s ? Spaces().Replace(s, " ") : "";

    [GeneratedRegex(@"^(?:MOCK-ACC-\d+|EMS_GST\d+|GST\d+|ES_V2_\d+|ES\d+|EI\d+|[A-Z]{4,6}\d{2})$")]
    private static partial Regex ScenarioId();

    [GeneratedRegex(@"^(?:ES_V2_\d+|ES\d+|EI\d+) \|.*")]
    private static partial Regex RowLine();

    [GeneratedRegex(@"\n? \| |\n\|")]
    private static partial Regex CellSeparator();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}

/// <summary>Which requests of a service a template covers (the Return service serves GST and EI by the payload's namespace).</summary>
internal enum ReportVariant
{
    Any,
    Gst,
    EmploymentInformation,
}

/// <summary>One of IR's test report templates.</summary>
/// <param name="Key">Its short name (<c>intermediation</c>, <c>account-api</c>, <c>gst</c>, <c>gst-mock</c>, <c>ei</c>, <c>ed</c>).</param>
/// <param name="Title">Its title.</param>
/// <param name="Service">The service its calls go to, as calls are recorded.</param>
/// <param name="Variant">Which of the service's requests it covers.</param>
/// <param name="FileName">The embedded copy of IR's template.</param>
internal sealed record ReportTemplate(string Key, string Title, string Service, ReportVariant Variant, string FileName)
{
    private IReadOnlyList<ReportScenario>? _scenarios;

    /// <summary>Its scenarios, in the template's order, each with what Waharoa can recognise of it.</summary>
    public IReadOnlyList<ReportScenario> Scenarios => _scenarios ??= Load();

    private IReadOnlyList<ReportScenario> Load()
    {
        using var stream = typeof(ReportTemplate).Assembly.GetManifestResourceStream("Waharoa.Templates." + FileName)
            ?? throw new InvalidOperationException($"The template {FileName} is not embedded.");
        using var reader = new StreamReader(stream);
        return [.. ReportTemplates.Parse(reader.ReadToEnd()).Select(s => ReportScenario.From(this, s))];
    }
}

/// <summary>A row of a template as IR wrote it.</summary>
internal sealed record TemplateScenario(string Id, string Operation, string Description, string? Type);
