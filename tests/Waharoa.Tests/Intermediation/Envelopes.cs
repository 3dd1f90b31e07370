using System.Xml;
using System.Xml.Linq;
using static Waharoa.Tests.Intermediation.SoapAnswer;

namespace Waharoa.Tests.Intermediation;

/// <summary>Builds Intermediation requests shaped like IR's sample requests.</summary>
internal static class Envelopes
{
    public const string ActionPrefix = "https://services.ird.govt.nz/GWS/Intermediation/Intermediation/";

    public static XDocument RetrieveClientList(string agency, string? filterAccountType = null, string? filterClientListId = null, string agencyType = "IRD") =>
        Wrap("RetrieveClientList", Payload("retrieveClientListRequest", agency, agencyType,
            Optional("filterAccountType", filterAccountType),
            Optional("filterClientListID", filterClientListId)));

    public static XDocument RetrieveClient(string agency, string clientId, string? accountType = null, string clientIdType = "ACCIRD") =>
        Wrap("RetrieveClient", Payload("retrieveClientRequest", agency, "IRD",
            new XElement(Int + "client", Identifier("clientID", clientId, clientIdType), Optional("clientAccountType", accountType))));

    public static XDocument Link(
        string agency, string listId, string listIdType, string clientId, string? accountType,
        bool? redirectMail = null, bool? redirectDisbursements = null, bool customerMaster = false, string clientIdType = "ACCIRD") =>
        Wrap("Link", Payload("linkRequest", agency, "IRD",
            Identifier("clientListID", listId, listIdType),
            Target(clientId, clientIdType, accountType),
            Optional("redirectMail", redirectMail),
            Optional("redirectDisbursements", redirectDisbursements),
            new XElement(Int + "updateCustomerMaster", XmlConvert.ToString(customerMaster))));

    public static XDocument Delink(string agency, string listId, string listIdType, string clientId, string? accountType, bool customerMaster = false, string clientIdType = "ACCIRD") =>
        Wrap("Delink", Payload("delinkRequest", agency, "IRD",
            Identifier("clientListID", listId, listIdType),
            Target(clientId, clientIdType, accountType),
            new XElement(Int + "updateCustomerMaster", XmlConvert.ToString(customerMaster))));

    public static XDocument Update(
        string agency, string listId, string listIdType, string clientId, string? accountType,
        bool? redirectMail = null, bool? redirectDisbursements = null, bool customerMaster = false,
        string? newListId = null, string? newListIdType = null, string clientIdType = "ACCIRD") =>
        Wrap("Update", Payload("updateRequest", agency, "IRD",
            Identifier("clientListID", listId, listIdType),
            Target(clientId, clientIdType, accountType),
            Optional("redirectMail", redirectMail),
            Optional("redirectDisbursements", redirectDisbursements),
            new XElement(Int + "updateCustomerMaster", XmlConvert.ToString(customerMaster)),
            newListId is null ? null : Identifier("newClientListID", newListId, newListIdType ?? listIdType)));

    /// <summary>The envelope, action header and the WSDL's two wrappers around an Intermediation.v1 request element.</summary>
    public static XDocument Wrap(string operation, XElement payload, string? action = null)
    {
        XNamespace wrapper = Service.NamespaceName + ":types/" + operation + "Request";
        return new XDocument(new XElement(Soap + "Envelope",
            new XAttribute(XNamespace.Xmlns + "soap", Soap),
            new XElement(Soap + "Header", new XElement(Wsa + "Action", new XAttribute(XNamespace.Xmlns + "wsa", Wsa), action ?? ActionPrefix + operation)),
            new XElement(Soap + "Body",
                new XElement(Service + operation,
                    new XElement(Service + (operation + "RequestMsg"),
                        new XElement(wrapper + (operation + "RequestWrapper"), payload))))));
    }

    public static XElement Payload(string name, string agency, string agencyType, params object?[] content) =>
        new(Int + name,
            new XElement(Cmn + "softwareProviderData",
                new XElement(Cmn + "softwareProvider", "Waharoa tests"),
                new XElement(Cmn + "softwarePlatform", "xunit"),
                new XElement(Cmn + "softwareRelease", "1.0")),
            new XElement(Cmn + "identifier", new XAttribute("IdentifierValueType", agencyType), agency),
            content);

    private static XElement Target(string clientId, string clientIdType, string? accountType) =>
        new(Int + "target", Identifier("clientID", clientId, clientIdType), Optional("clientAccountType", accountType));

    private static XElement Identifier(string name, string value, string? type) => new(Int + name, new XAttribute("IdentifierValueType", type ?? "IRD"), value);

    private static XElement? Optional(string name, string? value) => value is null ? null : new XElement(Int + name, value);

    private static XElement? Optional(string name, bool? value) => value is null ? null : new XElement(Int + name, XmlConvert.ToString(value.Value));
}
