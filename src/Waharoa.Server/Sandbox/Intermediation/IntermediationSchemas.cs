using Waharoa.Server.Sandbox.Soap;

namespace Waharoa.Server.Sandbox.Intermediation;

/// <summary>IR's published contract of the Intermediation service: Common.v2.xsd, Intermediation.v1.xsd and the developer WSDL.</summary>
internal static class IntermediationSchemas
{
    public const string CommonFile = "Common.v2.xsd";
    public const string IntermediationFile = "Intermediation.v1.xsd";
    public const string WsdlFile = "IntermediationDevWsdl.v1.wsdl";

    public static readonly SoapContract Contract = new(
        "Waharoa.Intermediation.",
        [CommonFile, IntermediationFile],
        WsdlFile,
        "https://eservices-test-gateway.npnsp.ird.govt.nz:4046/secure/gateway/GWS/Intermediation/",
        IntermediationContract.ServiceNamespace);

    /// <summary>Validates an operation element (the SOAP body's child); returns the first problem, or null when valid.</summary>
    public static string? Validate(System.Xml.Linq.XElement operation) => Contract.Validate(operation);
}
