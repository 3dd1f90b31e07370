using Microsoft.Extensions.DependencyInjection.Extensions;
using Waharoa.Delegation;
using Microsoft.Extensions.Configuration;
using Yarp.ReverseProxy.Configuration;

namespace Waharoa.Server.Gateway;

/// <summary>Registers and maps the gateway: YARP routes from configuration and built-in routes, behind <see cref="GatewayPipeline"/>.</summary>
internal static class GatewayServiceCollectionExtensions
{
    /// <summary>The gateway over YARP: routes from <paramref name="configuration"/>'s <c>ReverseProxy</c> section and <paramref name="builtIn"/>.</summary>
    public static IServiceCollection AddWaharoaGateway(
        this IServiceCollection services,
        GatewayOptions options,
        IConfiguration configuration,
        (IReadOnlyList<RouteConfig> Routes, IReadOnlyList<ClusterConfig> Clusters) builtIn)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        services.AddSingleton(options);
        services.AddSingleton<M2mJwtVerifier>();
        services.TryAddSingleton<DelegationModel>();
        services.AddSingleton<GatewayAuthentication>();
        services.AddSingleton<DspThrottle>();
        services.AddSingleton<UnenrolledCertificateThrottle>();
        services.AddReverseProxy()
            .LoadFromConfig(configuration.GetSection("ReverseProxy"))
            .LoadFromMemory(builtIn.Routes, builtIn.Clusters)
            .AddConfigFilter<GatewayConfigFilter>()
            .AddTransforms<GatewayTransforms>();
        return services;
    }

    /// <summary>Throttles the cloud endpoint's calls whose certificate is enrolled for no client; after routing (to answer in the endpoint's form), before every endpoint.</summary>
    public static IApplicationBuilder UseUnenrolledCertificateThrottle(this IApplicationBuilder app) =>
        app.UseMiddleware<UnenrolledCertificateMiddleware>();

    public static IEndpointRouteBuilder MapWaharoaGateway(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapReverseProxy(proxy => proxy.UseMiddleware<GatewayPipeline>());
        return endpoints;
    }
}
