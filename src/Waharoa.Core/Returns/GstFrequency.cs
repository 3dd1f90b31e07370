namespace Waharoa.Returns;

/// <summary>
/// A GST filing frequency: its code and text as IR's Prepop answers carry them, and the months its periods end in.
/// <c>GSTMO</c> and <c>GST2M1</c> are IR's (sample messages); IR shows no code for the others, so
/// <c>GST2M2</c> and <c>GST6M</c> are Waharoa's own, named alike.
/// </summary>
public sealed record GstFrequency(string Code, string Text, int Months, int FirstEndMonth)
{
    public static readonly GstFrequency Monthly = new("GSTMO", "Monthly", 1, 1);
    public static readonly GstFrequency TwoMonthlyOdd = new("GST2M1", "Two monthly - periods ending odd months", 2, 1);
    public static readonly GstFrequency TwoMonthlyEven = new("GST2M2", "Two monthly - periods ending even months", 2, 2);
    public static readonly GstFrequency SixMonthly = new("GST6M", "Six monthly - periods ending March and September", 6, 3);

    public static readonly IReadOnlyList<GstFrequency> All = [Monthly, TwoMonthlyOdd, TwoMonthlyEven, SixMonthly];

    /// <summary>The frequency with <paramref name="code"/>, or null.</summary>
    public static GstFrequency? Find(string? code) => All.FirstOrDefault(f => string.Equals(f.Code, code, StringComparison.Ordinal));

    /// <summary>True when a period of this frequency ends on <paramref name="date"/>: the last day of one of its months.</summary>
    public bool IsPeriodEnd(DateOnly date) =>
        date.Day == DateTime.DaysInMonth(date.Year, date.Month) && (date.Month - FirstEndMonth + 12) % Months == 0;

    /// <summary>The end of the period that <paramref name="date"/> falls in.</summary>
    public DateOnly PeriodEndOn(DateOnly date)
    {
        var month = new DateOnly(date.Year, date.Month, 1);
        while ((month.Month - FirstEndMonth + 12) % Months != 0)
        {
            month = month.AddMonths(1);
        }

        return month.AddMonths(1).AddDays(-1);
    }

    /// <summary>The end of the period after the one ending <paramref name="periodEnd"/>.</summary>
    public DateOnly Next(DateOnly periodEnd)
    {
        var first = new DateOnly(periodEnd.Year, periodEnd.Month, 1).AddMonths(Months);
        return first.AddMonths(1).AddDays(-1);
    }

    /// <summary>
    /// When the return for the period ending <paramref name="periodEnd"/> is due: the 28th of the next month, but 7 May
    /// for a period ending in March and 15 January for one ending in November, moved to the next weekday when it falls on a
    /// weekend (IR's samples: 31 March 2017 is due 8 May 2017, 7 May being a Sunday). Public holidays are not counted.
    /// </summary>
    public static DateOnly DueDate(DateOnly periodEnd)
    {
        var due = periodEnd.Month switch
        {
            3 => new DateOnly(periodEnd.Year, 5, 7),
            11 => new DateOnly(periodEnd.Year + 1, 1, 15),
            _ => new DateOnly(periodEnd.Year, periodEnd.Month, 1).AddMonths(1).AddDays(27),
        };
        while (due.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            due = due.AddDays(1);
        }

        return due;
    }
}
