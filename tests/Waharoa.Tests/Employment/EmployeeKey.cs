using System.Xml.Linq;

namespace Waharoa.Tests.Employment;

/// <summary>Update's and Terminate's <c>employeeIdentifier</c>.</summary>
internal sealed record EmployeeKey(string Ird, string NameOnEiLine, string? Birth = null, string? Start = null)
{
    public XElement Element() => new(
        EmploymentCalls.Emp + "employeeIdentifier",
        new XElement(EmploymentCalls.Emp + "employeeIRD", Ird),
        new XElement(EmploymentCalls.Emp + "employeeNameOnEILine", NameOnEiLine),
        EmploymentCalls.Optional("employeeDateOfBirth", Birth),
        EmploymentCalls.Optional("employmentStartDate", Start));
}
