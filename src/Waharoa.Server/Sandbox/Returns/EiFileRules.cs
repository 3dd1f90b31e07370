using System.Xml.Linq;
using Waharoa.Customers;
using Waharoa.Employment;
using Waharoa.Returns;
using static Waharoa.Server.Sandbox.Returns.EiFiling;

namespace Waharoa.Server.Sandbox.Returns;

/// <summary>
/// The EI build pack's rules for a File request (§3.1, §5.3), each answering its own status code. They are checked in
/// the order below; the first broken one answers.
/// </summary>
internal static class EiFileRules
{
    /// <summary>The 2021 tax codes (secondary employment at 39%), not accepted for a pay day before <see cref="TaxCodesOf2021From"/>.</summary>
    public static readonly IReadOnlyList<string> TaxCodesOf2021 = ["SA", "SASL"];

    public static readonly DateOnly TaxCodesOf2021From = new(2021, 4, 1);

    public static readonly IReadOnlyList<string> ChildSupportCodes = ["C", "A", "P", "S", "D", "O"];

    /// <summary>Pay frequencies (weekly, four-weekly, fortnightly, monthly, daily, ad hoc, half-monthly); BP, a backdated lump sum, is ACC's alone.</summary>
    public static readonly IReadOnlyList<string> PayFrequencies = ["WK", "4W", "FT", "MT", "DA", "AH", "HM", "BP"];

    /// <summary>The rules of the return as a whole, before its lines: null when none is broken.</summary>
    public static ReturnStatus? FormProblem(EiProfile profile, ReturnRequest request, EiFiling filing, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(filing);
        var standard = request.Filing!;
        var period = request.PeriodEnd!.Value;
        if (standard.HasCreditTransfer)
        {
            return ReturnStatus.CreditTransferNotSupported;
        }

        if (!EiProfile.IsPeriodEnd(period))
        {
            return ReturnStatus.InvalidFilingPeriod.Describe($"{ReturnRequest.Text(period)} is not the last day of a month (an EI period is the pay day's month)");
        }

        if (filing.PayDay.Year != period.Year || filing.PayDay.Month != period.Month)
        {
            return ReturnStatus.PaydayNotInPeriod.Describe($"the pay day {ReturnRequest.Text(filing.PayDay)} is not in the period ending {ReturnRequest.Text(period)}");
        }

        // At most two months in advance: the period may end no later than the end of the month two months on.
        var latest = new DateOnly(today.Year, today.Month, 1).AddMonths(3).AddDays(-1);
        if (period > latest)
        {
            return ReturnStatus.PeriodTooFarAhead.Describe($"the latest period that can be filed now ends {ReturnRequest.Text(latest)}");
        }

        if (!profile.IsActive(period))
        {
            return ReturnStatus.AccountNotActive;
        }

        if (profile.FiledEmsFor(period))
        {
            return ReturnStatus.PeriodHasNonPaydayReturn.Describe($"an Employer Monthly Schedule (IR348) was filed for the period ending {ReturnRequest.Text(period)}");
        }

        if (!standard.IsAmended)
        {
            if (filing.IsReverseReplace)
            {
                return ReturnStatus.ReverseReplaceNotAmendment;
            }

            if (standard.AmendReason.Length > 0 || standard.AmendDetails.Length > 0)
            {
                return ReturnStatus.UnableToFile.Describe("amendReason and amendDetails must be empty when isAmended is false");
            }
        }
        else
        {
            if (!ReturnsService.AmendReasons.Contains(standard.AmendReason, StringComparer.Ordinal))
            {
                return ReturnStatus.InvalidAmendReason.Describe($"an amendment needs amendReason {string.Join(", ", ReturnsService.AmendReasons)}");
            }

            if (standard.AmendDetails.Length == 0)
            {
                return ReturnStatus.UnableToFile.Describe("an amendment needs amendDetails");
            }

            if (filing.SubmissionKey is null)
            {
                return ReturnStatus.UnableToFile.Describe("an amendment names the return it amends by its submissionKey");
            }
        }

        if (filing.Lines.Count == 0 && !standard.IsNilReturn)
        {
            return ReturnStatus.NilReturnNotIndicated;
        }

        if (filing.Lines.Any(l => Field(l, "referenceId") is null or ""))
        {
            return ReturnStatus.ReferenceIdRequired;
        }

        var duplicate = filing.Lines.GroupBy(l => Field(l, "referenceId"), StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null ? null : ReturnStatus.DuplicateLineItems.Describe($"referenceId '{duplicate.Key}' is on {duplicate.Count()} lines");
    }

    /// <summary>
    /// The rules of one line: null when none is broken. An employee IRD number must pass the modulus-11 check, be nine
    /// zeros (not known), or be one IR holds (<paramref name="knownIrd"/>: IR's own test data has numbers that fail it).
    /// </summary>
    public static ReturnStatus? LineProblem(XElement line, EiProfile profile, DateOnly payDay, Func<string, bool> knownIrd)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(knownIrd);
        var reference = Field(line, "referenceId");
        var ird = Field(line, "irdNumber")!;
        if (ird != EmploymentLine.UnknownIrd && !IrdNumber.IsValid(ird) && !knownIrd(ird))
        {
            return ReturnStatus.InvalidEmployeeIrd.Describe($"line '{reference}': {ird} fails the modulus-11 check");
        }

        var taxCode = Field(line, "taxCode")!;
        // EI v1's line types for ESS and student loan extra deductions, which v2 carries as the line's amounts.
        if (TaxCodes.Retired.Contains(taxCode))
        {
            return ReturnStatus.TaxCodeUnsupported.Describe($"line '{reference}': {taxCode} is carried in v2 as the line's essEarnings, slcirDeductions or slborDeductions");
        }

        // The build pack's accepted tax codes (§3.1), the same as the Employment service's.
        if (!TaxCodes.Accepted.Contains(taxCode))
        {
            return ReturnStatus.TaxCodeUnsupported.Describe($"line '{reference}': '{taxCode}' is not one of {string.Join(", ", TaxCodes.Accepted.Order(StringComparer.Ordinal))}");
        }

        if (TaxCodesOf2021.Contains(taxCode, StringComparer.Ordinal) && payDay < TaxCodesOf2021From)
        {
            return ReturnStatus.TaxCodeUnsupported.Describe($"line '{reference}': {taxCode} applies to pay days from {ReturnRequest.Text(TaxCodesOf2021From)}");
        }

        var start = ReturnRequest.Date(Field(line, "payPeriodStartDate")!);
        var end = ReturnRequest.Date(Field(line, "payPeriodEndDate")!);
        if (end < start)
        {
            return ReturnStatus.PayPeriodEndBeforeStart.Describe($"line '{reference}'");
        }

        var frequency = Field(line, "employeePayFrequency")!;
        if (!PayFrequencies.Contains(frequency, StringComparer.Ordinal) || (frequency == "BP" && !profile.Acc))
        {
            return ReturnStatus.InvalidPayFrequency.Describe(frequency == "BP"
                ? $"line '{reference}': BP (backdated lump sum payment) is for ACC only"
                : $"line '{reference}': '{frequency}' is not one of {string.Join(", ", PayFrequencies)}");
        }

        if (Field(line, "childSupportCode") is { } childSupport && !ChildSupportCodes.Contains(childSupport, StringComparer.Ordinal))
        {
            return ReturnStatus.UnableToFile.Describe($"line '{reference}': childSupportCode '{childSupport}' is not one of {string.Join(", ", ChildSupportCodes)}");
        }

        if (Exceeds(Amount(line, "priorPeriodGrossAdjustment"), Amount(line, "grossEarnings"))
            || Exceeds(Amount(line, "priorPeriodPAYEAdjustment"), Amount(line, "payeSchedularTaxDeductions")))
        {
            return ReturnStatus.InvalidAdjustment.Describe($"line '{reference}'");
        }

        return null;
    }

    private static bool Exceeds(decimal? adjustment, decimal? value) => adjustment is { } a && Math.Abs(a) > (value ?? 0);
}
