using Waharoa.Server.Sandbox.Soap;

namespace Waharoa.Server.Sandbox.Employment;

/// <summary>The Employment service v2 (SOAP 1.2) as the sandbox host serves it, behind the gateway.</summary>
internal static class EmploymentEndpoints
{
    /// <summary>IR's paths: the cloud endpoint's v2 address and the one IR lists without the version, and the desktop endpoint's.</summary>
    public const string CloudPath = "/gateway/gws/employment/v2/";
    public const string CloudUnversionedPath = "/gateway/gws/employment/";
    public const string DesktopPath = "/gateway2/gws/employment/v2/";

    /// <summary>The paths, the longer of two that share a beginning first (the WSDL's address is the first that fits).</summary>
    public static readonly string[] Paths = [CloudPath, CloudUnversionedPath, DesktopPath];

    public static IEndpointRouteBuilder MapEmployment(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapSoapService(new EmploymentSoapService(ActivatorUtilities.CreateInstance<EmploymentService>(endpoints.ServiceProvider)));
    }
}
