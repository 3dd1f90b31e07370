using Waharoa.Grants;
using Yarp.ReverseProxy.Configuration;

namespace Waharoa.Server.Gateway;

/// <summary>
/// What a YARP route's <c>Metadata</c> tells the gateway: <c>Endpoints</c> (<c>cloud</c>, <c>desktop</c> or both,
/// comma-separated; default both), <c>Service</c> (the web service name DSPs are enrolled for; default the route id),
/// <c>Authentication</c> (<c>oauth</c>, <c>m2m</c> or both; default both) and <c>ForwardAuthorization</c> (default false).
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

    /// <summary>Which callers the service takes: <c>oauth</c> (bearer access tokens), <c>m2m</c> (M2M JWTs) or both, comma-separated; default both.</summary>
    public const string Authentication = "Authentication";
    public const string OAuth = "oauth";
    public const string M2m = "m2m";

    /// <summary><c>true</c>: the caller's <c>Authorization</c> header reaches the upstream; by default it does not.</summary>
    public const string ForwardAuthorization = "ForwardAuthorization";

    public static bool UsesSoapErrors(RouteConfig route) =>
        route.Metadata?.TryGetValue(Errors, out var value) == true && string.Equals(value, SoapErrors, StringComparison.OrdinalIgnoreCase);

    public static int? AuthenticationFailureStatusOf(RouteConfig route) =>
        route.Metadata?.TryGetValue(AuthenticationFailureStatus, out var value) == true
        && int.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var status) ? status : null;

    public static bool ServesEndpoint(RouteConfig route, GatewayEndpoint endpoint) => Lists(route, Endpoints, endpoint.ToString());

    /// <summary>Whether the route takes <paramref name="caller"/>'s kind of authentication: an M2M JWT, or an OAuth access token.</summary>
    public static bool Takes(RouteConfig route, GatewayCaller caller) =>
        Lists(route, Authentication, caller.Authentication == GatewayCaller.M2m ? M2m : OAuth);

    /// <summary>What the route's <see cref="Authentication"/> says, as written, or both when it says nothing.</summary>
    public static string AuthenticationOf(RouteConfig route) =>
        route.Metadata?.TryGetValue(Authentication, out var value) == true && !string.IsNullOrWhiteSpace(value) ? value : $"{OAuth},{M2m}";

    public static bool ForwardsAuthorization(RouteConfig route) =>
        route.Metadata?.TryGetValue(ForwardAuthorization, out var value) == true && bool.TryParse(value, out var forward) && forward;

    /// <summary>What is wrong with the route's <see cref="Authentication"/> or <see cref="ForwardAuthorization"/>, or null.</summary>
    public static string? Problem(RouteConfig route)
    {
        if (route.Metadata?.TryGetValue(Authentication, out var authentication) == true && !string.IsNullOrWhiteSpace(authentication)
            && authentication.Split(',', StringSplitOptions.TrimEntries).Any(v => !string.Equals(v, OAuth, StringComparison.OrdinalIgnoreCase) && !string.Equals(v, M2m, StringComparison.OrdinalIgnoreCase)))
        {
            return $"Metadata {Authentication} is '{authentication}'; it takes {OAuth}, {M2m} or both, comma-separated.";
        }

        return route.Metadata?.TryGetValue(ForwardAuthorization, out var forward) == true && !bool.TryParse(forward, out _)
            ? $"Metadata {ForwardAuthorization} is '{forward}'; it takes true or false."
            : null;
    }

    /// <summary>Whether the comma-separated list under <paramref name="key"/> names <paramref name="item"/>; a route without the list takes every item.</summary>
    private static bool Lists(RouteConfig route, string key, string item) =>
        route.Metadata?.TryGetValue(key, out var value) != true || string.IsNullOrWhiteSpace(value)
        || value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Any(v => string.Equals(v, item, StringComparison.OrdinalIgnoreCase));

    public static string ServiceName(RouteConfig route) =>
        route.Metadata?.TryGetValue(Service, out var value) == true && !string.IsNullOrWhiteSpace(value) ? value : route.RouteId;
}
