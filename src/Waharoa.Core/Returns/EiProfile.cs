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
public sealed record EiProfile(DateOnly? FirstPeriod, DateOnly? LastPeriod, bool Closed, bool Acc)
{
    /// <summary>The profile key of EI profiles (both EI versions): <c>EI</c>.</summary>
    public const string ProfileKey = "EI";

    /// <summary>The defaults: open, active in every period, not ACC.</summary>
    public static readonly EiProfile Default = new(null, null, false, false);

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
                (bool?)settings["acc"] ?? false);
        }
        catch (InvalidOperationException ex)
        {
            throw new FormatException("ei: a setting has the wrong kind of value: " + ex.Message, ex);
        }
    }

    /// <summary>True when the account was active for the period ending <paramref name="periodEnd"/>.</summary>
    public bool IsActive(DateOnly periodEnd) => (FirstPeriod is not { } first || periodEnd >= first) && (LastPeriod is not { } last || periodEnd <= last);

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
