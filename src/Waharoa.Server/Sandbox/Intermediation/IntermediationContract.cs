using System.Xml.Linq;

namespace Waharoa.Server.Sandbox.Intermediation;

/// <summary>The names on the wire: namespaces, WS-Addressing actions and element names from IR's WSDL and samples.</summary>
internal static class IntermediationContract
{
    public const string ServiceNamespace = "https://services.ird.govt.nz/GWS/Intermediation/";
    public const string TypesNamespace = "urn:www.ird.govt.nz/GWS:types/Intermediation.v1";
    public const string CommonNamespace = "urn:www.ird.govt.nz/GWS:types/Common.v2";
    public const string ActionPrefix = ServiceNamespace + "Intermediation/";

    public static readonly IReadOnlyList<IntermediationOperation> All = Enum.GetValues<IntermediationOperation>();

    public static string RequestAction(IntermediationOperation operation) => ActionPrefix + operation;

    public static string ResponseAction(IntermediationOperation operation) => ActionPrefix + operation + "Response";

    /// <summary>The body element the WSDL gives the operation's input, e.g. <c>int:RetrieveClientList</c>.</summary>
    public static XName BodyElement(IntermediationOperation operation) => XName.Get(operation.ToString(), ServiceNamespace);

    /// <summary>The WSDL's per-message namespace of the request or response wrapper.</summary>
    public static string WrapperNamespace(IntermediationOperation operation, bool response) =>
        ServiceNamespace + ":types/" + operation + (response ? "Response" : "Request");

    /// <summary>The Intermediation.v1 element inside the wrapper, e.g. <c>retrieveClientListRequest</c>.</summary>
    public static string PayloadName(IntermediationOperation operation, bool response) =>
        char.ToLowerInvariant(operation.ToString()[0]) + operation.ToString()[1..] + (response ? "Response" : "Request");

    public static IntermediationOperation? FromAction(string? action) =>
        All.Cast<IntermediationOperation?>().FirstOrDefault(o => string.Equals(RequestAction(o!.Value), action, StringComparison.Ordinal));

    public static IntermediationOperation? FromBodyElement(XName? name) =>
        All.Cast<IntermediationOperation?>().FirstOrDefault(o => BodyElement(o!.Value) == name);
}
