using Waharoa.Customers;
using Waharoa.Employment;
using Waharoa.Sandbox;
using Waharoa.Server.Sandbox.Returns;

namespace Waharoa.Server.Sandbox.Employment;

/// <summary>
/// The build pack's rules for an employee's fields in Create and Update: IRD numbers, tax codes, KiwiSaver status,
/// eligibility and opt-out (timing, late reasons, bank account and signature date), exempt income, date of birth; the
/// first problem as the status IR answers, or null.
/// </summary>
internal sealed class EmploymentFieldRules(TimeProvider time)
{
    private static readonly HashSet<string> KiwiSaverStatuses = new(StringComparer.Ordinal) { "AK", "OK", "NK", "CT", "AE" };
    private static readonly HashSet<string> Eligibilities = new(StringComparer.Ordinal) { "NE", "EE", "EA" };
    private static readonly HashSet<string> ExemptIncomes = new(StringComparer.Ordinal) { "BLH", "HPT", "OES", "RTA", "TAO", "VBS" };
    private static readonly HashSet<string> LateOptOutReasons = new(StringComparer.Ordinal) { "INFO", "IRIS", "ERIS", "EVNT", "CRIT", "INER", "OTHR" };

    /// <summary>The checks Create and Update share: the employee's IRD number, tax codes, KiwiSaver eligibility and birth date.</summary>
    public EmploymentStatus? EmployeeProblem(TaxAccount account, EmployeeFields fields)
    {
        if (fields.Ird != EmploymentLine.UnknownIrd && !IrdNumber.IsValid(fields.Ird) && !AcceptsUncheckedIrds(account))
        {
            return EmploymentStatus.InvalidEmployeeIrd;
        }

        if (fields.TaxCodes.FirstOrDefault(TaxCodes.Retired.Contains) is { } retired)
        {
            return EmploymentStatus.TaxCodeUnsupported.Describe(retired);
        }

        if (fields.TaxCodes.FirstOrDefault(c => !TaxCodes.Accepted.Contains(c)) is { } invalid)
        {
            return EmploymentStatus.InvalidTaxCode.Describe(invalid);
        }

        if (fields.TaxCodes.Count(TaxCodes.Primary.Contains) > 1)
        {
            return EmploymentStatus.TwoPrimaryTaxCodes;
        }

        if (fields.Ird == EmploymentLine.UnknownIrd && !fields.TaxCodes.Any(c => c is "ND" or "WT"))
        {
            return EmploymentStatus.ZeroIrdTaxCode;
        }

        if (fields.Detail("employeeKiwiSaverEligibility") is { } eligibility && !Eligibilities.Contains(eligibility))
        {
            return EmploymentStatus.InvalidEligibility;
        }

        if (fields.DateOfBirth is { } birth && birth > NewZealand.Today(time))
        {
            return EmploymentStatus.BirthInFuture;
        }

        return fields.StartDate is { } start && fields.FinishDate is { } finish && finish < start ? EmploymentStatus.CeaseBeforeCommence : null;
    }

    /// <summary>
    /// Create's KiwiSaver fields: the status and exempt income from IR's tables, a status with a new employee (NE), and
    /// an eligibility with a status (the pair that says whether the employee opts in).
    /// </summary>
    public static EmploymentStatus? CreateKiwiSaverProblem(EmployeeFields fields)
    {
        var status = fields.Detail("kiwiSaverStatus");
        var eligibility = fields.Detail("employeeKiwiSaverEligibility");
        if (status is not null && !KiwiSaverStatuses.Contains(status))
        {
            return EmploymentStatus.InvalidKiwiSaverStatus;
        }

        if (fields.Detail("employeeExemptIncome") is { } exempt && !ExemptIncomes.Contains(exempt))
        {
            return EmploymentStatus.InvalidExemptIncome;
        }

        if (eligibility == "NE" && status is null)
        {
            return EmploymentStatus.KiwiSaverStatusRequired;
        }

        return status is not null && eligibility is null ? EmploymentStatus.RequestInError.Describe("a kiwiSaverStatus needs the employeeKiwiSaverEligibility it goes with") : null;
    }

    /// <summary>
    /// Update's KiwiSaver opt-out (a KS10): the late opt-out reason's rules, then either the opt-out's own (no eligibility,
    /// bank account and holder together, a signature date, from the 14th day of employment, and after the 56th only with
    /// a late reason) or, when the employee is not opting out, no opt-out fields at all.
    /// </summary>
    public EmploymentStatus? OptOutProblem(EmployeeFields fields)
    {
        var reason = fields.Detail("lateOptOutReason");
        if (reason is not null)
        {
            if (!LateOptOutReasons.Contains(reason))
            {
                return EmploymentStatus.InvalidLateOptOutReason;
            }

            if (reason == "OTHR" && string.IsNullOrWhiteSpace(fields.Detail("otherLateOptOutReason")))
            {
                return EmploymentStatus.OtherReasonRequired;
            }

            if (!fields.OptedOut)
            {
                return EmploymentStatus.OptOutMustBeTrue;
            }
        }

        var bank = fields.Has("employeeBankAccountNumber");
        var holder = fields.Has("accountHolderName");
        var signed = fields.Has("optedOutSignatureDate");
        if (!fields.OptedOut)
        {
            return bank ? EmploymentStatus.OptInBankAccount
                : holder ? EmploymentStatus.OptInHolderName
                : signed ? EmploymentStatus.OptInSignatureDate
                : null;
        }

        if (fields.Has("employeeKiwiSaverEligibility"))
        {
            return EmploymentStatus.EligibilityWhenOptingOut;
        }

        if (holder && !bank)
        {
            return EmploymentStatus.BankAccountRequired;
        }

        if (bank && !holder)
        {
            return EmploymentStatus.HolderNameRequired;
        }

        if (!signed)
        {
            return EmploymentStatus.SignatureDateRequired;
        }

        // Day 1 is the start date: an opt-out is made from day 14 to day 56 (the 2nd to the 8th week), later with a reason.
        var today = NewZealand.Today(time);
        // Counted in day numbers: a start date late in year 9999 has no day 14 to add.
        if (fields.StartDate is { } start && today.DayNumber - start.DayNumber < 13)
        {
            return EmploymentStatus.OptOutTooEarly;
        }

        return fields.StartDate is { } begun && today.DayNumber - begun.DayNumber > 55 && reason is null ? EmploymentStatus.LateOptOutNeedsReason : null;
    }

    /// <summary>
    /// An employer whose account details say <c>EmployeeIrdCheck: false</c> takes employee IRD numbers failing the
    /// modulus-11 check, as IR's mock employer 123456789 does for its samples' placeholder employee 123456789.
    /// </summary>
    private static bool AcceptsUncheckedIrds(TaxAccount account) =>
        account.Details?["EmployeeIrdCheck"] is { } check && check.GetValueKind() == System.Text.Json.JsonValueKind.False;
}
