using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;

namespace Waharoa.Server.Gateway;

/// <summary>Registers and maps the gateway: YARP routes from configuration, behind <see cref="GatewayPipeline"/>.</summary>
internal static class GatewayServiceCollectionExtensions
{
    public static IServiceCollection AddWaharoaGateway(this IServiceCollection services, GatewayOptions options, IConfiguration configuration)
    {
        services.AddSingleton(options);
        services.AddSingleton<M2mJwtVerifier>();
        services.AddSingleton<DspThrottle>();
        services.AddReverseProxy()
            .LoadFromConfig(configuration.GetSection("ReverseProxy"))
            .AddConfigFilter<GatewayConfigFilter>();
        return services;
    }

    public static IEndpointRouteBuilder MapWaharoaGateway(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapReverseProxy(proxy => proxy.UseMiddleware<GatewayPipeline>());
        return endpoints;
    }
}
