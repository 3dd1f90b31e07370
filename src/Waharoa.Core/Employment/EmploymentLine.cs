using System.Text.Json.Nodes;

namespace Waharoa.Employment;

/// <summary>
/// One employee's employment with one employer's PAYE account, from a start date to a finish date: what the Employment
/// service's Create starts, Update replaces and Terminate ends, and what the EI return's Prepop lists. IR keeps several
/// lines for one employee with one employer over time (rehired staff), so a line is not an employee.
/// </summary>
/// <param name="LineId">The line's own identifier, unique across the ledger (not on IR's wire).</param>
/// <param name="AccountId">The employer's PAYE account, e.g. <c>123041607EMP002</c>.</param>
/// <param name="EmployerIrd">The employer's IRD number, nine digits (the account's first nine).</param>
/// <param name="EmployeeIrd">The employee's IRD number, nine digits; <c>000000000</c> for an employee who has none yet.</param>
/// <param name="NameOnEiLine">The name the employer gives the employee on EI lines (IR's <c>employeeNameOnEILine</c>).</param>
/// <param name="Name">The employee's name in parts.</param>
/// <param name="TaxCodes">One to four tax codes, e.g. <c>M</c>, <c>SA SL</c> as the wire spells it (<c>SASL</c>).</param>
/// <param name="StartDate">The first day of employment; null when the employer gave none.</param>
/// <param name="FinishDate">The last day of employment; null while it continues (a line with one is terminated).</param>
/// <param name="DateOfBirth">The employee's date of birth, or null.</param>
/// <param name="Details">
/// The rest of what Create and Update carry, as the Employment service reads it back (address, email, phones, KiwiSaver
/// status and eligibility, exempt income, opt-out, bank account, account holder, signature date, late opt-out reason).
/// </param>
/// <param name="Valid">False once the employer invalidated the line (Update's <c>validRelationship</c>: created by mistake).</param>
/// <param name="CreatedAt">When the line was started.</param>
/// <param name="UpdatedAt">When the line last changed.</param>
public sealed record EmploymentLine(
    string LineId,
    string AccountId,
    string EmployerIrd,
    string EmployeeIrd,
    string NameOnEiLine,
    EmployeeName Name,
    IReadOnlyList<string> TaxCodes,
    DateOnly? StartDate,
    DateOnly? FinishDate,
    DateOnly? DateOfBirth,
    JsonObject Details,
    bool Valid,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>The IRD number of an employee who has none yet (all zeros, as the build packs spell it).</summary>
    public const string UnknownIrd = "000000000";

    /// <summary>
    /// True when this line and one of <paramref name="employeeIrd"/> named <paramref name="nameOnEiLine"/> are the same
    /// employee's: the same IRD number, and, for employees without one (several may share the zeros), the same name on
    /// EI lines, as Update's and Terminate's <c>employeeIdentifier</c> tells them apart.
    /// </summary>
    public bool IsEmployee(string employeeIrd, string nameOnEiLine) =>
        EmployeeIrd == employeeIrd && (employeeIrd != UnknownIrd || string.Equals(NameOnEiLine, nameOnEiLine, StringComparison.OrdinalIgnoreCase));

    /// <summary>True when the line has a finish date on or before <paramref name="day"/>.</summary>
    public bool IsFinishedBy(DateOnly day) => FinishDate is { } finish && finish <= day;

    /// <summary>True when the employment runs on <paramref name="day"/> (a line without a start date runs from the beginning).</summary>
    public bool IsEmployedOn(DateOnly day) => (StartDate is not { } start || start <= day) && (FinishDate is not { } finish || day <= finish);

    /// <summary>True when this line has a day in common with the days from <paramref name="start"/> to <paramref name="finish"/> (an open end runs forever).</summary>
    public bool Overlaps(DateOnly? start, DateOnly? finish) =>
        (StartDate ?? DateOnly.MinValue) <= (finish ?? DateOnly.MaxValue) && (start ?? DateOnly.MinValue) <= (FinishDate ?? DateOnly.MaxValue);
}
