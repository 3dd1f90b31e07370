using System.Xml;
using System.Xml.Linq;

namespace Waharoa.Server.Sandbox.Intermediation;

/// <summary>
/// The fields of a schema-valid Intermediation request, whichever the operation (the XSD decides which are present).
/// </summary>
internal sealed record IntermediationRequest(IntermediationOperation Operation, IdentifierValue Agency)
{
    private static readonly XNamespace Int = IntermediationContract.TypesNamespace;
    private static readonly XNamespace Cmn = IntermediationContract.CommonNamespace;

    /// <summary>RetrieveClientList: <c>filterAccountType</c>.</summary>
    public string? FilterAccountType { get; init; }

    /// <summary>RetrieveClientList: <c>filterClientListID</c>.</summary>
    public string? FilterClientListId { get; init; }

    /// <summary>Link, Delink, Update: <c>clientListID</c>.</summary>
    public IdentifierValue? ClientList { get; init; }

    /// <summary>RetrieveClient's <c>client</c>, or the <c>target</c> of Link, Delink and Update: the client's ID.</summary>
    public IdentifierValue? Client { get; init; }

    /// <summary>The <c>clientAccountType</c> with <see cref="Client"/>, or null (all accounts, or customer master).</summary>
    public string? ClientAccountType { get; init; }

    public bool? RedirectMail { get; init; }

    public bool? RedirectDisbursements { get; init; }

    public bool UpdateCustomerMaster { get; init; }

    /// <summary>Update: <c>newClientListID</c>.</summary>
    public IdentifierValue? NewClientList { get; init; }

    /// <summary>
    /// Reads the payload under the operation element; null when a nillable wrapper was sent nil, so there is no data
    /// to extract (code 100). Call only on a request the schema accepted.
    /// </summary>
    public static IntermediationRequest? Read(IntermediationOperation operation, XElement body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var payload = body.Elements().FirstOrDefault()?.Elements().FirstOrDefault()?.Elements().FirstOrDefault();
        if (payload is null)
        {
            return null;
        }

        var client = payload.Element(Int + "client") ?? payload.Element(Int + "target");
        return new IntermediationRequest(operation, Identifier(payload.Element(Cmn + "identifier"))!)
        {
            FilterAccountType = Text(payload.Element(Int + "filterAccountType")),
            FilterClientListId = Text(payload.Element(Int + "filterClientListID")),
            ClientList = Identifier(payload.Element(Int + "clientListID")),
            Client = Identifier(client?.Element(Int + "clientID")),
            ClientAccountType = Text(client?.Element(Int + "clientAccountType")),
            RedirectMail = Flag(payload.Element(Int + "redirectMail")),
            RedirectDisbursements = Flag(payload.Element(Int + "redirectDisbursements")),
            UpdateCustomerMaster = Flag(payload.Element(Int + "updateCustomerMaster")) ?? false,
            NewClientList = Identifier(payload.Element(Int + "newClientListID")),
        };
    }

    private static string? Text(XElement? element) => element?.Value.Trim();

    private static bool? Flag(XElement? element) => element is null ? null : XmlConvert.ToBoolean(element.Value.Trim());

    private static IdentifierValue? Identifier(XElement? element) =>
        element is null ? null : new IdentifierValue(element.Value.Trim(), ((string?)element.Attribute("IdentifierValueType"))?.Trim() ?? string.Empty);
}
