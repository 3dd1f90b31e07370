using Waharoa.Grants;
using Yarp.ReverseProxy.Configuration;

namespace Waharoa.Server.Gateway;

/// <summary>
/// What a YARP route's <c>Metadata</c> tells the gateway: <c>Endpoints</c> (<c>cloud</c>, <c>desktop</c> or both,
/// comma-separated; default both) and <c>Service</c> (the web service name DSPs are enrolled for; default the route id).
/// </summary>
internal static class GatewayRouteMetadata
{
    public const string Endpoints = "Endpoints";
    public const string Service = "Service";

    public static bool ServesEndpoint(RouteConfig route, GatewayEndpoint endpoint) =>
        route.Metadata?.TryGetValue(Endpoints, out var value) != true || string.IsNullOrWhiteSpace(value)
        || value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Any(v => string.Equals(v, endpoint.ToString(), StringComparison.OrdinalIgnoreCase));

    public static string ServiceName(RouteConfig route) =>
        route.Metadata?.TryGetValue(Service, out var value) == true && !string.IsNullOrWhiteSpace(value) ? value : route.RouteId;
}
