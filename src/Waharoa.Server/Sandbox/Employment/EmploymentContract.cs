using System.Xml.Linq;
using Waharoa.Server.Sandbox.Soap;

namespace Waharoa.Server.Sandbox.Employment;

/// <summary>
/// The Employment service's names on the wire (IR's developer WSDL for v2 and its samples): namespaces, actions, and the
/// elements from the SOAP body down to each payload. Event alone breaks the pattern: its wrappers are
/// <c>EmploymentEventRequestWrapper</c> and <c>EmploymentEventResponseWrapper</c>.
/// </summary>
internal static class EmploymentContract
{
    public const string ServiceNamespace = "https://services.ird.govt.nz/GWS/Employment/v2/";
    public const string ActionPrefix = ServiceNamespace + "Employment/";
    public const string CommonNamespace = "urn:www.ird.govt.nz/GWS:types/Common.v2";
    public const string EmploymentNamespace = "urn:www.ird.govt.nz/GWS:types/Employment.v2";

    /// <summary>IR's published contract, with the developer WSDL's placeholder address (sic) replaced by the caller's.</summary>
    public static readonly SoapContract Contract = new(
        "Waharoa.Employment.", ["Common.v2.xsd", "Employment.v2.xsd"], "EmploymentV2DevWsdl.wsdl", "http://localhost/WebServices/gateway/GWS/Employement/v2/", ServiceNamespace);

    public static readonly IReadOnlyList<EmploymentOperation> All = Enum.GetValues<EmploymentOperation>();

    public static string RequestAction(EmploymentOperation operation) => ActionPrefix + operation;

    public static string ResponseAction(EmploymentOperation operation) => ActionPrefix + operation + "Response";

    /// <summary>The SOAP body's element, e.g. <c>emp:Create</c>.</summary>
    public static XName BodyElement(EmploymentOperation operation) => XName.Get(operation.ToString(), ServiceNamespace);

    /// <summary>The message element inside the body element, e.g. <c>CreateRequestMsg</c>.</summary>
    public static XName MessageElement(EmploymentOperation operation) => XName.Get(operation + "RequestMsg", ServiceNamespace);

    /// <summary>The WSDL's per-message namespace of the request or response wrapper.</summary>
    public static string WrapperNamespace(EmploymentOperation operation, bool response) =>
        ServiceNamespace + ":types/" + operation + (response ? "Response" : "Request");

    /// <summary>The wrapper element's local name, e.g. <c>CreateRequestWrapper</c>.</summary>
    public static string WrapperName(EmploymentOperation operation, bool response) =>
        (operation == EmploymentOperation.Event ? "EmploymentEvent" : operation.ToString()) + (response ? "ResponseWrapper" : "RequestWrapper");

    /// <summary>The Employment.v2 payload of a request, e.g. <c>createRequest</c>.</summary>
    public static XName RequestPayload(EmploymentOperation operation) => XName.Get(Camel(operation) + "Request", EmploymentNamespace);

    /// <summary>The Employment.v2 payload of a response: <c>employmentResponse</c>, <c>retrieveListResponse</c> or <c>eventResponse</c>.</summary>
    public static string ResponsePayload(EmploymentOperation operation) => operation switch
    {
        EmploymentOperation.RetrieveList or EmploymentOperation.Event => Camel(operation) + "Response",
        _ => "employmentResponse",
    };

    public static EmploymentOperation? FromAction(string? action) =>
        All.Cast<EmploymentOperation?>().FirstOrDefault(o => string.Equals(RequestAction(o!.Value), action, StringComparison.Ordinal));

    public static EmploymentOperation? FromBodyElement(XName? name) =>
        All.Cast<EmploymentOperation?>().FirstOrDefault(o => BodyElement(o!.Value) == name);

    private static string Camel(EmploymentOperation operation) => char.ToLowerInvariant(operation.ToString()[0]) + operation.ToString()[1..];
}
