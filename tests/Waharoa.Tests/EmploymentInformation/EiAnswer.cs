using System.Globalization;
using System.Xml.Linq;

namespace Waharoa.Tests.EmploymentInformation;

/// <summary>A v2 (Employment Information) response of the Return service, with the parts the tests look at.</summary>
internal sealed record EiAnswer(XDocument Document)
{
    public static readonly XNamespace Soap = "http://www.w3.org/2003/05/soap-envelope";
    public static readonly XNamespace Rc = "urn:www.ird.govt.nz/GWS:types/ReturnCommon.v2";
    public static readonly XNamespace Cmn = "urn:www.ird.govt.nz/GWS:types/Common.v2";
    public static readonly XNamespace Ei = "urn:www.ird.govt.nz/GWS:types/ReturnEI.v2";

    /// <summary>The ReturnCommon.v2 response element (e.g. <c>fileResponse</c>) under the three wrappers.</summary>
    public XElement Payload =>
        Document.Root!.Element(Soap + "Body")!.Elements().Single().Elements().Single().Elements().Single().Elements().Single();

    public int StatusCode => int.Parse(Payload.Element(Cmn + "statusMessage")!.Element(Cmn + "statusCode")!.Value, CultureInfo.InvariantCulture);

    public string ErrorMessage => Payload.Element(Cmn + "statusMessage")!.Element(Cmn + "errorMessage")!.Value;

    public string? ErrorDescription => (string?)Payload.Element(Cmn + "statusMessage")!.Element(Cmn + "errorDescription");

    public XElement? Body => Payload.Element(Rc + "responseBody");

    public IReadOnlyList<XElement> Bodies => [.. Payload.Elements(Rc + "responseBody")];

    /// <summary>File: the submission key.</summary>
    public long SubmissionKey => long.Parse(Body!.Element(Rc + "submissionKey")!.Value, CultureInfo.InvariantCulture);

    /// <summary>RetrieveStatus: each return's status code, submission key and minor form type.</summary>
    public IReadOnlyList<(string Code, long Key, string Minor)> Statuses =>
    [
        .. Body!.Elements(Rc + "returnStatus").Select(s => (
            (string)s.Element(Rc + "status")!.Attribute("code")!,
            long.Parse(s.Element(Rc + "submissionKey")!.Value, CultureInfo.InvariantCulture),
            s.Element(Rc + "minorFormType")!.Value)),
    ];

    /// <summary>RetrieveReturn: the employee lines of the first return.</summary>
    public IReadOnlyList<XElement> Lines => [.. Body!.Element(Ei + "formFields")!.Element(Ei + "employeeFields")!.Elements(Ei + "employee")];

    /// <summary>Prepop: the employees (IRD number, name, tax code).</summary>
    public IReadOnlyList<(string Ird, string Name, string TaxCode)> Employees =>
        [.. Body!.Elements(Ei + "employee").Select(e => (e.Element(Ei + "irdNumber")!.Value, e.Element(Ei + "employeeName")!.Value, e.Element(Ei + "taxCode")!.Value))];

    /// <summary>Asserts the status code, with the response in the message when it differs.</summary>
    public EiAnswer AssertStatus(int expected)
    {
        Assert.True(StatusCode == expected, $"Expected status {expected} but the response was:\n{Document}");
        return this;
    }

    /// <summary>The document with a File's gateway identifier and submission key replaced by <c>*</c>, to compare in shape with IR's sample.</summary>
    public static XElement Masked(XElement root)
    {
        var copy = new XElement(root);
        foreach (var element in copy.Descendants().Where(e => e.Name == Rc + "gatewayId" || e.Name == Rc + "submissionKey").ToList())
        {
            element.Value = "*";
        }

        return copy;
    }

    /// <summary>An employee line's field.</summary>
    public static string? Field(XElement line, string name) => (string?)line.Element(Ei + name);
}
