using System.Xml.Linq;

namespace Waharoa.Tests.Employment;

/// <summary>An employee as a Create or Update request gives one; dates as IR writes them (YYYY-MM-DD).</summary>
internal sealed record Employee(string Ird, string NameOnEiLine = "Test Employee", string? Start = "2019-04-01")
{
    public string First { get; init; } = "Test";

    public string? Surname { get; init; } = "Employee";

    public string? Title { get; init; }

    public string[] TaxCodes { get; init; } = ["M"];

    public string? Finish { get; init; }

    public string? Birth { get; init; }

    public string? KiwiSaverStatus { get; init; }

    public string? Eligibility { get; init; }

    public string? ExemptIncome { get; init; }

    public EmployeeKey Key => new(Ird, NameOnEiLine);

    public XElement NameElement() => new(
        EmploymentCalls.Emp + "employeeName",
        EmploymentCalls.Optional("nameTitle", Title),
        new XElement(EmploymentCalls.Emp + "nameFirst", First),
        EmploymentCalls.Optional("nameSurname", Surname));

    public XElement TaxCodesElement() => new(EmploymentCalls.Emp + "taxCodes", TaxCodes.Select(c => new XElement(EmploymentCalls.Emp + "taxCode", c)));
}
