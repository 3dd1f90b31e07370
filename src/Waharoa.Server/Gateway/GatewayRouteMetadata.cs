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

    // A route's metadata read once per route object (YARP keeps one until the configuration changes), not per call.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<RouteConfig, Reading> Readings = [];

    public static bool UsesSoapErrors(RouteConfig route) => Read(route).Soap;

    public static int? AuthenticationFailureStatusOf(RouteConfig route) => Read(route).AuthenticationFailureStatus;

    public static bool ServesEndpoint(RouteConfig route, GatewayEndpoint endpoint) =>
        endpoint == GatewayEndpoint.Cloud ? Read(route).ServesCloud : Read(route).ServesDesktop;

    /// <summary>Whether the route takes <paramref name="caller"/>'s kind of authentication: an M2M JWT, or an OAuth access token.</summary>
    public static bool Takes(RouteConfig route, GatewayCaller caller) =>
        caller.Authentication == GatewayCaller.M2m ? Read(route).TakesM2m : Read(route).TakesOAuth;

    /// <summary>What the route's <see cref="Authentication"/> says, as written, or both when it says nothing.</summary>
    public static string AuthenticationOf(RouteConfig route) =>
        route.Metadata?.TryGetValue(Authentication, out var value) == true && !string.IsNullOrWhiteSpace(value) ? value : $"{OAuth},{M2m}";

    public static bool ForwardsAuthorization(RouteConfig route) => Read(route).ForwardsAuthorization;

    public static string ServiceName(RouteConfig route) => Read(route).Service;

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

    private static Reading Read(RouteConfig route) => Readings.GetValue(route, static r => new Reading(r));

    /// <summary>Whether the comma-separated list under <paramref name="key"/> names <paramref name="item"/>; a route without the list takes every item.</summary>
    private static bool Lists(RouteConfig route, string key, string item) =>
        route.Metadata?.TryGetValue(key, out var value) != true || string.IsNullOrWhiteSpace(value)
        || value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Any(v => string.Equals(v, item, StringComparison.OrdinalIgnoreCase));

    private sealed class Reading(RouteConfig route)
    {
        public bool Soap { get; } = route.Metadata?.TryGetValue(Errors, out var value) == true && string.Equals(value, SoapErrors, StringComparison.OrdinalIgnoreCase);

        public int? AuthenticationFailureStatus { get; } = route.Metadata?.TryGetValue(GatewayRouteMetadata.AuthenticationFailureStatus, out var value) == true
            && int.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var status) ? status : null;

        public bool ServesCloud { get; } = Lists(route, Endpoints, nameof(GatewayEndpoint.Cloud));

        public bool ServesDesktop { get; } = Lists(route, Endpoints, nameof(GatewayEndpoint.Desktop));

        public bool TakesOAuth { get; } = Lists(route, Authentication, OAuth);

        public bool TakesM2m { get; } = Lists(route, Authentication, M2m);

        public bool ForwardsAuthorization { get; } = route.Metadata?.TryGetValue(GatewayRouteMetadata.ForwardAuthorization, out var value) == true && bool.TryParse(value, out var forward) && forward;

        public string Service { get; } = route.Metadata?.TryGetValue(GatewayRouteMetadata.Service, out var value) == true && !string.IsNullOrWhiteSpace(value) ? value : route.RouteId;
    }
}
