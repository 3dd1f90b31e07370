using Waharoa.Server.Sandbox.Soap;

namespace Waharoa.Server.Sandbox.Returns;

/// <summary>The Return service (SOAP 1.2) as the sandbox host serves it, behind the gateway.</summary>
internal static class ReturnsEndpoints
{
    /// <summary>IR's paths: the cloud endpoint's (mutual TLS) and the desktop endpoint's.</summary>
    public const string CloudPath = "/gateway/gws/returns/";
    public const string DesktopPath = "/gateway2/gws/returns/";

    public static readonly string[] Paths = [CloudPath, DesktopPath];

    public static IEndpointRouteBuilder MapReturns(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var services = endpoints.ServiceProvider;
        IReturnForm[] forms = [ActivatorUtilities.CreateInstance<GstReturnForm>(services), ActivatorUtilities.CreateInstance<EiReturnForm>(services)];
        return endpoints.MapSoapService(new ReturnsSoapService(ActivatorUtilities.CreateInstance<ReturnsService>(services, (IEnumerable<IReturnForm>)forms)));
    }
}
