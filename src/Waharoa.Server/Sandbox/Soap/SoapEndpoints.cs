using Waharoa.Storage;

namespace Waharoa.Server.Sandbox.Soap;

/// <summary>Maps one of IR's SOAP services at each of its paths.</summary>
internal static class SoapEndpoints
{
    public static IEndpointRouteBuilder MapSoapService<TOperation, TOutcome>(this IEndpointRouteBuilder endpoints, ISoapService<TOperation, TOutcome> service)
        where TOperation : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(service);
        var logger = endpoints.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Waharoa.Server.Sandbox." + service.Name);
        var handler = new SoapServiceHandler<TOperation, TOutcome>(service, endpoints.ServiceProvider.GetRequiredService<IClientStore>(), logger);
        foreach (var path in service.Paths)
        {
            endpoints.Map(path.TrimEnd('/') + "/{**rest}", (HttpContext context) => handler.HandleAsync(context));
        }

        return endpoints;
    }
}
