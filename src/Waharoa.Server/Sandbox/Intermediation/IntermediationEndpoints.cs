using Waharoa.Server.Sandbox.Soap;

namespace Waharoa.Server.Sandbox.Intermediation;

/// <summary>The Intermediation service (SOAP 1.2) as the sandbox host serves it, behind the gateway.</summary>
internal static class IntermediationEndpoints
{
    /// <summary>The service's paths on the cloud endpoint (IR publishes both).</summary>
    public static readonly string[] Paths = ["/gateway/gws/intermediation/", "/secure/gateway/gws/intermediation/"];

    public static IEndpointRouteBuilder MapIntermediation(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var services = endpoints.ServiceProvider;
        return endpoints.MapSoapService(new IntermediationSoapService(ActivatorUtilities.CreateInstance<IntermediationService>(services)));
    }
}
