using Waharoa.Employment;

namespace Waharoa.Server.Sandbox.Employment;

/// <summary>Update's and Terminate's <c>employeeIdentifier</c>: the line meant. The dates match only when given.</summary>
internal sealed record EmployeeIdentifier(string Ird, string NameOnEiLine, DateOnly? DateOfBirth, DateOnly? StartDate)
{
    public bool Matches(EmploymentLine line) =>
        line.Valid && line.EmployeeIrd == Ird && string.Equals(line.NameOnEiLine, NameOnEiLine, StringComparison.OrdinalIgnoreCase)
        && (DateOfBirth is null || line.DateOfBirth == DateOfBirth) && (StartDate is null || line.StartDate == StartDate);
}
