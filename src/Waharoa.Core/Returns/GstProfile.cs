using System.Globalization;
using System.Text.Json.Nodes;

namespace Waharoa.Returns;

/// <summary>Provisional tax paid with GST returns: the option (IR's <c>RATIO</c>, <c>STD</c> or <c>EST</c>) and its figures.</summary>
/// <param name="Option">IR's provisional option code.</param>
/// <param name="RatioPercent">The ratio percentage of a ratio filer.</param>
/// <param name="Instalment">The instalment amount, when IR knows one.</param>
/// <param name="Compulsory">Whether the customer's instalments are compulsory (else voluntary: GST103H).</param>
public sealed record GstProvisional(string Option, decimal? RatioPercent, decimal? Instalment, bool Compulsory);

/// <summary>
/// How one GST account files, read from its <see cref="ReturnProfile.Settings"/> (seed files' <c>gst</c> key): frequency,
/// first period, branches, provisional tax, hospice, per-period form types, the outstanding periods IR lists, closed.
/// </summary>
public sealed record GstProfile(
    GstFrequency Frequency,
    DateOnly FirstPeriodEnd,
    bool MultiBranch,
    GstProvisional? Provisional,
    string? HospiceType,
    IReadOnlyDictionary<DateOnly, string> Forms,
    IReadOnlyList<DateOnly>? Outstanding,
    bool Closed)
{
    public const string MajorFormType = "GST";

    /// <summary>The form types a GST return can be filed on (IR's SDK: GST101A and GST103C–H; 103B is web PDF only).</summary>
    public static readonly IReadOnlyList<string> FormTypes = ["101A", "103C", "103D", "103E", "103F", "103G", "103H"];

    private static readonly string[] ProvisionalOptions = ["RATIO", "STD", "EST"];

    /// <summary>Reads a profile; throws <see cref="FormatException"/> naming the first setting that is wrong.</summary>
    public static GstProfile Read(JsonObject settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        try
        {
            return ReadSettings(settings);
        }
        catch (InvalidOperationException ex)
        {
            // A setting of the wrong kind (text where a number or true/false belongs, or the other way round).
            throw new FormatException("gst: a setting has the wrong kind of value: " + ex.Message, ex);
        }
    }

    private static GstProfile ReadSettings(JsonObject settings)
    {
        var frequency = GstFrequency.Find((string?)settings["frequency"])
            ?? throw new FormatException($"gst.frequency must be one of {string.Join(", ", GstFrequency.All.Select(f => f.Code))}");
        var first = Date(settings["first_period"], "gst.first_period");
        if (!frequency.IsPeriodEnd(first))
        {
            throw new FormatException($"gst.first_period {first:yyyy-MM-dd} is not the end of a {frequency.Code} period");
        }

        GstProvisional? provisional = null;
        if (settings["provisional"] is JsonObject p)
        {
            var option = (string?)p["option"];
            if (option is null || !ProvisionalOptions.Contains(option, StringComparer.Ordinal))
            {
                throw new FormatException("gst.provisional.option must be RATIO, STD or EST");
            }

            provisional = new GstProvisional(option, (decimal?)p["ratio_percent"], (decimal?)p["instalment"], (bool?)p["compulsory"] ?? true);
        }

        var forms = new Dictionary<DateOnly, string>();
        if (settings["forms"] is JsonObject f)
        {
            foreach (var (period, form) in f)
            {
                var date = Date(JsonValue.Create(period), "gst.forms");
                var name = (string?)form;
                if (name is null || !FormTypes.Contains(name, StringComparer.Ordinal))
                {
                    throw new FormatException($"gst.forms.{period} must be one of {string.Join(", ", FormTypes)}");
                }

                forms[date] = name;
            }
        }

        var outstanding = settings["outstanding"] is JsonArray o ? o.Select(d => Date(d, "gst.outstanding")).ToList() : null;
        return new GstProfile(frequency, first, (bool?)settings["multi_branch"] ?? false, provisional, (string?)settings["hospice"], forms, outstanding,
            string.Equals((string?)settings["status"], "closed", StringComparison.Ordinal));
    }

    /// <summary>True when a return can be filed for the period ending <paramref name="periodEnd"/>: a period end of this frequency, not before the first.</summary>
    public bool IsFilingPeriod(DateOnly periodEnd) => Frequency.IsPeriodEnd(periodEnd) && periodEnd >= FirstPeriodEnd && periodEnd <= LastPeriodEnd;

    /// <summary>The last period end whose due date the calendar holds (a November or December 9999 return would be due in 10000).</summary>
    public static readonly DateOnly LastPeriodEnd = new(9999, 10, 31);

    /// <summary>
    /// The form the customer is expected to file for the period (Prepop's <c>expectedMinorFormType</c>): a seeded one for
    /// that period, else GST101A without provisional tax; with it, GST103H for voluntary instalments, GST103G for the
    /// standard and estimation options, and for the ratio option GST103C/D (one location, monthly/two-monthly) or
    /// GST103E/F (several locations), as IR's SDK describes the forms.
    /// </summary>
    public string ExpectedForm(DateOnly periodEnd)
    {
        if (Forms.TryGetValue(periodEnd, out var form))
        {
            return form;
        }

        return Provisional switch
        {
            null => "101A",
            { Compulsory: false } => "103H",
            { Option: not "RATIO" } => "103G",
            _ when Frequency.Months == 1 => MultiBranch ? "103E" : "103C",
            _ => MultiBranch ? "103F" : "103D",
        };
    }

    private static DateOnly Date(JsonNode? node, string setting) =>
        DateOnly.TryParseExact((string?)node, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new FormatException($"{setting} must be a date (yyyy-MM-dd)");
}
