using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Waharoa.Time;

/// <summary>
/// Durations as people write them for the clock: <c>8h</c>, <c>90m</c>, <c>30s</c>, <c>2d</c>, <c>1w</c>, parts together
/// (<c>1d2h30m</c>), or .NET's <c>1.02:00:00</c>.
/// </summary>
public static partial class ClockDuration
{
    /// <summary>The longest move the clock takes at once, and the farthest it goes from the real clock.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromDays(100 * 366);

    /// <summary>What a duration looks like, for error messages.</summary>
    public const string Forms = "a duration such as 8h, 90m, 30s, 2d, 1w, 1d2h30m or 1.02:00:00";

    /// <summary>The positive duration <paramref name="text"/> says; null when it says none, or zero, or a negative one.</summary>
    public static TimeSpan? Parse(string? text)
    {
        text = text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > 64)
        {
            return null;
        }

        TimeSpan value;
        var match = Parts().Match(text);
        if (match.Success)
        {
            value = TimeSpan.Zero;
            foreach (Capture part in match.Groups["part"].Captures)
            {
                var unit = part.Value[^1];
                if (!long.TryParse(part.Value[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count > Longest.TotalSeconds)
                {
                    return null;
                }

                var one = char.ToLowerInvariant(unit) switch
                {
                    'w' => TimeSpan.FromDays(7),
                    'd' => TimeSpan.FromDays(1),
                    'h' => TimeSpan.FromHours(1),
                    'm' => TimeSpan.FromMinutes(1),
                    _ => TimeSpan.FromSeconds(1),
                };
                if (count > (Longest - value).Ticks / one.Ticks)
                {
                    return null;
                }

                value += one * count;
            }
        }
        else if (!text.StartsWith('-') && text.Contains(':', StringComparison.Ordinal) && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value))
        {
            // .NET's form, e.g. 1.02:00:00 (a bare number, days to .NET, says no unit: refused).
        }
        else
        {
            return null;
        }

        return value > TimeSpan.Zero && value <= Longest ? value : null;
    }

    /// <summary>A duration written shortly, signed: <c>+117d</c>, <c>+8h</c>, <c>-1d2h30m</c>, <c>0</c>.</summary>
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
        {
            return "0";
        }

        var text = new StringBuilder(value < TimeSpan.Zero ? "-" : "+");
        var rest = value.Duration();
        Append(text, rest.Days, 'd');
        Append(text, rest.Hours, 'h');
        Append(text, rest.Minutes, 'm');
        Append(text, rest.Seconds, 's');
        if (text.Length == 1)
        {
            text.Append(CultureInfo.InvariantCulture, $"{rest.TotalMilliseconds:0}ms");
        }

        return text.ToString();

        static void Append(StringBuilder text, int count, char unit)
        {
            if (count != 0)
            {
                text.Append(count.ToString(CultureInfo.InvariantCulture)).Append(unit);
            }
        }
    }

    [GeneratedRegex(@"^(?:(?<part>[0-9]+[wdhmsWDHMS]))+$", RegexOptions.CultureInvariant)]
    private static partial Regex Parts();
}
