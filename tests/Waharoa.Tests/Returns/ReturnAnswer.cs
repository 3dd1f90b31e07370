using System.Globalization;
using System.Xml.Linq;

namespace Waharoa.Tests.Returns;

/// <summary>A SOAP response of the Return service, with the parts the tests look at.</summary>
internal sealed record ReturnAnswer(XDocument Document)
{
    public static readonly XNamespace Soap = "http://www.w3.org/2003/05/soap-envelope";
    public static readonly XNamespace Rc = "urn:www.ird.govt.nz/GWS:types/ReturnCommon.v1";
    public static readonly XNamespace Cmn = "urn:www.ird.govt.nz/GWS:types/Common.v1";
    public static readonly XNamespace Gst = "urn:www.ird.govt.nz/GWS:types/ReturnGST.v1";

    /// <summary>The ReturnCommon.v1 response element (e.g. <c>fileResponse</c>) under the three wrappers.</summary>
    public XElement Payload =>
        Document.Root!.Element(Soap + "Body")!.Elements().Single().Elements().Single().Elements().Single().Elements().Single();

    public int StatusCode => int.Parse(Payload.Element(Cmn + "statusMessage")!.Element(Cmn + "statusCode")!.Value, CultureInfo.InvariantCulture);

    public string ErrorMessage => Payload.Element(Cmn + "statusMessage")!.Element(Cmn + "errorMessage")!.Value;

    public XElement? Body => Payload.Element(Rc + "responseBody");

    /// <summary>File and RetrieveStatus: the submission key.</summary>
    public long SubmissionKey => long.Parse(Body!.Element(Rc + "submissionKey")!.Value, CultureInfo.InvariantCulture);

    /// <summary>RetrieveStatus: the return's status code (e.g. <c>SUB</c>) and whether a submission key came with it.</summary>
    public (string Code, bool HasKey) ReturnStatus => ((string)Body!.Element(Rc + "status")!.Attribute("code")!, Body.Element(Rc + "submissionKey") is not null);

    /// <summary>Asserts the status code, with the response in the message when it differs.</summary>
    public ReturnAnswer AssertStatus(int expected)
    {
        Assert.True(StatusCode == expected, $"Expected status {expected} but the response was:\n{Document}");
        return this;
    }

    /// <summary>
    /// The document with the values that differ from call to call (a File's gateway identifier and the submission key IR
    /// allocates) replaced by <c>*</c>, so that a response compares in shape with IR's sample.
    /// </summary>
    public static XElement Masked(XElement root)
    {
        var copy = new XElement(root);
        foreach (var element in copy.Descendants().Where(e => e.Name == Rc + "gatewayId" || e.Name == Rc + "submissionKey").ToList())
        {
            element.Value = "*";
        }

        return copy;
    }
}
