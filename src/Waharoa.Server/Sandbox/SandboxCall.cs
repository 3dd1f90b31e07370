using Microsoft.AspNetCore.Http;
using Waharoa.Sandbox;
using Waharoa.Server.Gateway;

namespace Waharoa.Server.Sandbox;

/// <summary>
/// What the gateway tells a sandbox service about a call, read from the headers only the gateway can set:
/// who the caller acts as, which DSP client and endpoint, and, on SOAP routes, the gateway's own verdict when it
/// could not authenticate the caller.
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
        static string? Header(HttpRequest request, string name) =>
            request.Headers.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value.ToString()) ? value.ToString() : null;

        var status = Header(request, GatewayPipeline.GatewayStatusHeader);
        return new SandboxCall(
            new SandboxCaller(Header(request, GatewayPipeline.LogonHeader), Header(request, GatewayPipeline.CustomerHeader)),
            Header(request, GatewayPipeline.ClientHeader),
            int.TryParse(status, System.Globalization.CultureInfo.InvariantCulture, out var code) ? code : null);
    }
}
