using Waharoa.Server.Gateway;
using Yarp.ReverseProxy;

namespace Waharoa.Server.Scenarios;

/// <summary>Registers scenario injection: the rules (cached per instance, refreshed on a bus message) and their place in the gateway.</summary>
internal static class ScenarioServiceCollectionExtensions
{
    public static IServiceCollection AddScenarios(this IServiceCollection services)
    {
        services.AddSingleton(sp => new ScenarioRouteNames(() => sp.GetRequiredService<IProxyStateLookup>().GetRoutes()
            .SelectMany(r => new[] { r.Config.RouteId, GatewayRouteMetadata.ServiceName(r.Config) })));
        services.AddSingleton<ScenarioRules>();
        services.AddHostedService(sp => sp.GetRequiredService<ScenarioRules>());
        services.AddSingleton<IGatewayScenarios, GatewayScenarios>();
        return services;
    }
}
