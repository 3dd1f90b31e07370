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

    /// <summary><c>soap</c>: refusals reach the service as IR status codes (and throttling as a SOAP fault) rather than JSON.</summary>
    public const string Errors = "Errors";
    public const string SoapErrors = "soap";

    /// <summary>The HTTP status of EV1020/EV1021 refusals on this route (default 401; IR's customer-services APIs use 400).</summary>
    public const string AuthenticationFailureStatus = "AuthenticationFailureStatus";

    public static bool UsesSoapErrors(RouteConfig route) =>
        route.Metadata?.TryGetValue(Errors, out var value) == true && string.Equals(value, SoapErrors, StringComparison.OrdinalIgnoreCase);

    public static int? AuthenticationFailureStatusOf(RouteConfig route) =>
        route.Metadata?.TryGetValue(AuthenticationFailureStatus, out var value) == true
        && int.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var status) ? status : null;

    public static bool ServesEndpoint(RouteConfig route, GatewayEndpoint endpoint) =>
        route.Metadata?.TryGetValue(Endpoints, out var value) != true || string.IsNullOrWhiteSpace(value)
        || value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Any(v => string.Equals(v, endpoint.ToString(), StringComparison.OrdinalIgnoreCase));

    public static string ServiceName(RouteConfig route) =>
        route.Metadata?.TryGetValue(Service, out var value) == true && !string.IsNullOrWhiteSpace(value) ? value : route.RouteId;
}
