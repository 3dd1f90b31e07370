using System.Xml.Linq;
using Waharoa.Server.Sandbox.Soap;

namespace Waharoa.Server.Sandbox.Returns;

/// <summary>
/// The Return service's names on the wire (IR's developer WSDL for GST and its samples): namespaces, actions, and the
/// element names down to each payload, which do not follow one pattern (<c>ReturnStatusRequestMsg</c>,
/// <c>FilingObligationsRequestMsg</c>…).
/// </summary>
internal static class ReturnsContract
{
    public const string ServiceNamespace = "https://services.ird.govt.nz/GWS/Returns/";
    public const string ActionPrefix = ServiceNamespace + "Return/";
    public const string CommonNamespace = "urn:www.ird.govt.nz/GWS:types/Common.v1";
    public const string ReturnCommonNamespace = "urn:www.ird.govt.nz/GWS:types/ReturnCommon.v1";
    public const string GstNamespace = "urn:www.ird.govt.nz/GWS:types/ReturnGST.v1";
    public const string CommonV2Namespace = "urn:www.ird.govt.nz/GWS:types/Common.v2";
    public const string ReturnCommonV2Namespace = "urn:www.ird.govt.nz/GWS:types/ReturnCommon.v2";
    public const string EiNamespace = "urn:www.ird.govt.nz/GWS:types/ReturnEI.v2";
    public const string InstanceNamespace = "http://www.w3.org/2001/XMLSchema-instance";

    public const string CommonFile = "Common.v1.xsd";
    public const string ReturnCommonFile = "ReturnCommon.v1.xsd";
    public const string GstFile = "ReturnGST.v1.xsd";
    public const string WsdlFile = "ReturnsGSTDevWsdl.v1.wsdl";

    private const string PublishedAddress = "http://localhost/WebServices/Gateway/GWS/Returns";

    /// <summary>IR's published GST contract (v1), with the developer WSDL's placeholder address replaced by the caller's.</summary>
    public static readonly SoapContract Contract = new("Waharoa.Returns.", [CommonFile, ReturnCommonFile, GstFile], WsdlFile, PublishedAddress, ServiceNamespace);

    /// <summary>
    /// IR's published Employment Information contract (v2). Its developer WSDL declares the same message-schema namespaces
    /// as GST's with other payloads (<c>ei:retrieveEIRequest</c> where GST has <c>rc:retrieveFormInfoRequest</c>), so the
    /// two cannot be one schema set: a request is validated by the one its payload's namespace belongs to.
    /// </summary>
    public static readonly SoapContract EiContract = new(
        "Waharoa.Returns.", ["Common.v2.xsd", "ReturnCommon.v2.xsd", "ReturnEI.v2.xsd"], "ReturnsEIDevWsdl.v2.wsdl", PublishedAddress, ServiceNamespace);

    public static readonly IReadOnlyList<ReturnOperation> All = Enum.GetValues<ReturnOperation>();

    public static string RequestAction(ReturnOperation operation) => ActionPrefix + operation;

    public static string ResponseAction(ReturnOperation operation) => ActionPrefix + operation + "Response";

    /// <summary>The SOAP body's element, e.g. <c>ret:Prepop</c>.</summary>
    public static XName BodyElement(ReturnOperation operation) => XName.Get(operation.ToString(), ServiceNamespace);

    /// <summary>The message element inside the body element, e.g. <c>ReturnPrepopRequestMsg</c>.</summary>
    public static XName MessageElement(ReturnOperation operation) => XName.Get(operation switch
    {
        ReturnOperation.File => "ReturnFileRequestMsg",
        ReturnOperation.Prepop => "ReturnPrepopRequestMsg",
        ReturnOperation.RetrieveStatus => "ReturnStatusRequestMsg",
        ReturnOperation.RetrieveFilingObligations => "FilingObligationsRequestMsg",
        _ => "RetrieveReturnRequestMsg",
    }, ServiceNamespace);

    /// <summary>The WSDL's per-message namespace of the request or response wrapper.</summary>
    public static string WrapperNamespace(ReturnOperation operation, bool response) =>
        ServiceNamespace + ":types/" + operation + (response ? "Response" : "Request");

    /// <summary>The request's payload inside its wrapper, e.g. <c>rc:retrieveFormInfoRequest</c>; a File request's is the return type's own.</summary>
    public static XName RequestPayload(ReturnOperation operation, string returnNamespace) => operation switch
    {
        ReturnOperation.File => XName.Get("fileRequest", returnNamespace),
        ReturnOperation.RetrieveFilingObligations => XName.Get("retrieveFilingObligationsRequest", ReturnCommonNamespace),
        _ => XName.Get("retrieveFormInfoRequest", ReturnCommonNamespace),
    };

    /// <summary>The response's ReturnCommon.v1 payload, e.g. <c>prepopResponse</c>.</summary>
    public static string ResponsePayload(ReturnOperation operation) =>
        char.ToLowerInvariant(operation.ToString()[0]) + operation.ToString()[1..] + "Response";

    public static ReturnOperation? FromAction(string? action) =>
        All.Cast<ReturnOperation?>().FirstOrDefault(o => string.Equals(RequestAction(o!.Value), action, StringComparison.Ordinal));

    public static ReturnOperation? FromBodyElement(XName? name) =>
        All.Cast<ReturnOperation?>().FirstOrDefault(o => BodyElement(o!.Value) == name);
}
