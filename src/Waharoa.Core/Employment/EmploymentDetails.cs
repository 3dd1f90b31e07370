namespace Waharoa.Employment;

/// <summary>
/// The keys of <see cref="EmploymentLine.Details"/>: the fields of Create and Update beyond the line's own, named as IR's
/// Employment.v2 schema names them. A field with parts (an address, a phone number, a bank account, a name) is an
/// object of its parts by their schema names; any other is text (<c>optedOut</c> is <c>true</c> or <c>false</c>).
/// </summary>
public static class EmploymentDetails
{
    /// <summary>Every key a line's details may have.</summary>
    public static IReadOnlySet<string> Keys { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "employeeAddress", "employeeEmailAddress", "employeeMobilePhoneNumber", "employeeDayPhoneNumber", "kiwiSaverStatus",
        "employeeKiwiSaverEligibility", "employeeExemptIncome", "optedOut", "employeeBankAccountNumber", "accountHolderName",
        "optedOutSignatureDate", "lateOptOutReason", "otherLateOptOutReason",
    };
}
