using Yarp.ReverseProxy.Configuration;

namespace Waharoa.Server.Gateway;

/// <summary>Injected scenarios in the gateway pipeline: after the caller is authenticated and admitted, just before forwarding.</summary>
internal interface IGatewayScenarios
{
    /// <summary>True when a rule could act on a gateway call: the one check a call pays while there are none.</summary>
    bool Any { get; }

    /// <summary>True when the call is answered (or aborted) and must not be forwarded; false to forward it.</summary>
    Task<bool> TryAnswerAsync(HttpContext context, RouteConfig route, GatewayCaller caller, bool soap);
}
