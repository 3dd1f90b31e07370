using System.Globalization;
using System.Xml.Linq;

namespace Waharoa.Tests.Employment;

/// <summary>A SOAP response of the Employment service, with the parts the tests look at.</summary>
internal sealed record EmploymentAnswer(XDocument Document)
{
    public static readonly XNamespace Soap = "http://www.w3.org/2003/05/soap-envelope";
    public static readonly XNamespace Emp = "urn:www.ird.govt.nz/GWS:types/Employment.v2";
    public static readonly XNamespace Cmn = "urn:www.ird.govt.nz/GWS:types/Common.v2";

    /// <summary>The Employment.v2 response element (e.g. <c>employmentResponse</c>) under the three wrappers.</summary>
    public XElement Payload =>
        Document.Root!.Element(Soap + "Body")!.Elements().Single().Elements().Single().Elements().Single().Elements().Single();

    public int StatusCode => int.Parse(Payload.Element(Cmn + "statusMessage")!.Element(Cmn + "statusCode")!.Value, CultureInfo.InvariantCulture);

    public string ErrorMessage => Payload.Element(Cmn + "statusMessage")!.Element(Cmn + "errorMessage")!.Value;

    /// <summary>The particulars IR gives after the message (Common.v2's <c>errorDescription</c>), or null.</summary>
    public string? ErrorDescription => Payload.Element(Cmn + "statusMessage")!.Element(Cmn + "errorDescription")?.Value;

    /// <summary>RetrieveList: the employees listed, in order.</summary>
    public IReadOnlyList<XElement> Employees => Payload.Element(Emp + "responseBody")?.Element(Emp + "listResponse")?.Elements(Emp + "employee").ToList() ?? [];

    /// <summary>RetrieveList: one employee's field, or null.</summary>
    public static string? Field(XElement employee, string name) => employee.Element(Emp + name)?.Value;

    public static IReadOnlyList<string> TaxCodes(XElement employee) => employee.Element(Emp + "taxCodes")?.Elements(Emp + "taxCode").Select(c => c.Value).ToList() ?? [];

    /// <summary>Asserts the status code (and the message, when given), with the response in the message when it differs.</summary>
    public EmploymentAnswer AssertStatus(int expected, string? message = null)
    {
        Assert.True(StatusCode == expected, $"Expected status {expected} but the response was:\n{Document}");
        if (message is not null)
        {
            Assert.Equal(message, ErrorMessage);
        }

        return this;
    }
}
