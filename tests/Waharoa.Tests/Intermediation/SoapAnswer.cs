using System.Globalization;
using System.Xml.Linq;

namespace Waharoa.Tests.Intermediation;

/// <summary>A SOAP response of the Intermediation service, with the parts the tests look at.</summary>
internal sealed record SoapAnswer(XDocument Document)
{
    public static readonly XNamespace Soap = "http://www.w3.org/2003/05/soap-envelope";
    public static readonly XNamespace Wsa = "http://www.w3.org/2005/08/addressing";
    public static readonly XNamespace Service = "https://services.ird.govt.nz/GWS/Intermediation/";
    public static readonly XNamespace Int = "urn:www.ird.govt.nz/GWS:types/Intermediation.v1";
    public static readonly XNamespace Cmn = "urn:www.ird.govt.nz/GWS:types/Common.v2";

    /// <summary>The Intermediation.v1 response element (e.g. <c>linkResponse</c>) under the three wrappers.</summary>
    public XElement Payload =>
        Document.Root!.Element(Soap + "Body")!.Elements().Single().Elements().Single().Elements().Single().Elements().Single();

    public string Action => Document.Root!.Element(Soap + "Header")!.Element(Wsa + "Action")!.Value;

    public int StatusCode => int.Parse(Payload.Element(Cmn + "statusMessage")!.Element(Cmn + "statusCode")!.Value, CultureInfo.InvariantCulture);

    public string ErrorMessage => Payload.Element(Cmn + "statusMessage")!.Element(Cmn + "errorMessage")!.Value;

    public string? ErrorDescription => Payload.Element(Cmn + "statusMessage")!.Element(Cmn + "errorDescription")?.Value;

    /// <summary>RetrieveClientList: the client lists, by ID.</summary>
    public IReadOnlyDictionary<string, XElement> ClientLists =>
        Payload.Elements(Int + "agency").Elements(Int + "clientList").ToDictionary(l => (string)l.Attribute("clientListID")!);

    /// <summary>RetrieveClientList: "client:accountType" (or "client:master") of one list.</summary>
    public IReadOnlyList<string> ClientsOf(string listId) =>
        ClientLists.TryGetValue(listId, out var list)
            ? list.Elements(Int + "client").Select(c => c.Element(Int + "clientID")!.Value + ":" + ((string?)c.Element(Int + "clientAccountType") ?? "master")).ToList()
            : [];

    /// <summary>RetrieveClient and Update: the links.</summary>
    public IReadOnlyList<XElement> Links => Payload.Elements(Int + "link").ToList();

    /// <summary>RetrieveClient and Update: "listId:accountType" (or "listId:master") of each link.</summary>
    public IReadOnlyList<string> LinkKeys =>
        Links.Select(l => l.Element(Int + "clientListID")!.Value + ":" + ((string?)l.Attribute("clientAccount") ?? "master")).ToList();

    /// <summary>Asserts the status code, with the response in the message when it differs.</summary>
    public SoapAnswer AssertStatus(int expected)
    {
        Assert.True(StatusCode == expected, $"Expected status {expected} but the response was:\n{Document}");
        return this;
    }
}
