using Waharoa.Delegation;
using Waharoa.Server.Gateway;

namespace Waharoa.Server.Sandbox;

/// <summary>
/// What the gateway tells a sandbox service about a call (<see cref="GatewayHeaders"/>): who the caller acts as, which
/// DSP client, and, on SOAP routes, the gateway's own verdict when it could not authenticate the caller.
/// </summary>
/// <param name="Caller">Whom the call acts as.</param>
/// <param name="ClientId">The DSP client, or null when the gateway could not identify one.</param>
/// <param name="GatewayStatus">
/// On SOAP routes, the IR status code for a call the gateway refused (1 authentication failure, 2 missing token,
/// 5 unauthorised vendor); null when the caller was authenticated.
/// </param>
internal sealed record SandboxCall(SandboxCaller Caller, string? ClientId, int? GatewayStatus)
{
    /// <summary>Reads the gateway's headers of <paramref name="request"/>.</summary>
    public static SandboxCall From(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var call = GatewayHeaders.Read(request.Headers);
        return new SandboxCall(new SandboxCaller(call.Logon, call.Customer), call.ClientId, call.GatewayStatus);
    }
}
