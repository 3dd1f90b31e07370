using System.Globalization;
using System.Text.Json.Nodes;

namespace Waharoa.Returns;

/// <summary>
/// How one employer (EMP) account files Employment Information, read from its <see cref="ReturnProfile.Settings"/> (seed
/// files' <c>ei</c> key). Every setting is optional: an employer account without a profile files from any period.
/// </summary>
/// <param name="FirstPeriod">The first period (month end) the account files for, or null.</param>
/// <param name="LastPeriod">The last period a ceased account filed for, or null.</param>
/// <param name="Closed">A closed account (a bankrupt employer's pre-adjudication one): reached by its ACC identifier only.</param>
/// <param name="Acc">The Accident Compensation Corporation, the one employer that may use pay frequency BP.</param>
/// <param name="EmsPeriods">
/// Periods (month ends) for which the employer filed an Employer Monthly Schedule (EMS, IR348) instead of payday
/// returns: an EI return for one is refused (162).
/// </param>
public sealed record EiProfile(DateOnly? FirstPeriod, DateOnly? LastPeriod, bool Closed, bool Acc, IReadOnlySet<DateOnly> EmsPeriods)
{
    /// <summary>The profile key of EI profiles (both EI versions): <c>EI</c>.</summary>
    public const string ProfileKey = "EI";

    /// <summary>The defaults: open, active in every period, not ACC.</summary>
    public static readonly EiProfile Default = new(null, null, false, false, new HashSet<DateOnly>());

    /// <summary>Reads a profile; throws <see cref="FormatException"/> naming the first setting that is wrong.</summary>
    public static EiProfile Read(JsonObject? settings)
    {
        if (settings is null)
        {
            return Default;
        }

        try
        {
            return new EiProfile(
                Date(settings["first_period"], "ei.first_period"),
                Date(settings["last_period"], "ei.last_period"),
                string.Equals((string?)settings["status"], "closed", StringComparison.Ordinal),
                (bool?)settings["acc"] ?? false,
                ReadEmsPeriods(settings["ems_periods"]));
        }
        catch (InvalidOperationException ex)
        {
            throw new FormatException("ei: a setting has the wrong kind of value: " + ex.Message, ex);
        }
    }

    /// <summary>True when the account was active for the period ending <paramref name="periodEnd"/>.</summary>
    public bool IsActive(DateOnly periodEnd) => (FirstPeriod is not { } first || periodEnd >= first) && (LastPeriod is not { } last || periodEnd <= last);

    /// <summary>True when an EI period ends on <paramref name="date"/>: the last day of a month (a pay day's period is its month).</summary>
    public static bool IsPeriodEnd(DateOnly date) => date.Day == DateTime.DaysInMonth(date.Year, date.Month);

    /// <summary>True when the employer filed an EMS (IR348) for the period ending <paramref name="periodEnd"/>.</summary>
    public bool FiledEmsFor(DateOnly periodEnd) => EmsPeriods.Contains(periodEnd);

    private static HashSet<DateOnly> ReadEmsPeriods(JsonNode? node)
    {
        var periods = new HashSet<DateOnly>();
        if (node is null)
        {
            return periods;
        }

        if (node is not JsonArray list)
        {
            throw new FormatException("ei.ems_periods must be a list of month ends (yyyy-MM-dd)");
        }

        foreach (var item in list)
        {
            var period = Date(item, "ei.ems_periods") ?? throw new FormatException("ei.ems_periods must be a list of month ends (yyyy-MM-dd)");
            if (!IsPeriodEnd(period))
            {
                throw new FormatException($"ei.ems_periods: {period:yyyy-MM-dd} is not the last day of a month");
            }

            periods.Add(period);
        }

        return periods;
    }

    private static DateOnly? Date(JsonNode? node, string setting)
    {
        if (node is null)
        {
            return null;
        }

        return DateOnly.TryParseExact((string?)node, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new FormatException($"{setting} must be a date (yyyy-MM-dd)");
    }
}
