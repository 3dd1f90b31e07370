using Waharoa.Clients;
using Waharoa.Grants;

namespace Waharoa.Server.Gateway;

/// <summary>Who a gateway request is from, once the pipeline has identified and authenticated it.</summary>
/// <param name="Client">The DSP.</param>
/// <param name="Endpoint">The endpoint it came in on.</param>
/// <param name="Logon">The myIR user the call acts as; null when an M2M call acts as the DSP itself.</param>
/// <param name="Authentication">"bearer" (an OAuth access token) or "m2m" (a DSP-signed JWT).</param>
internal sealed record GatewayCaller(DspClient Client, GatewayEndpoint Endpoint, string? Logon, string Authentication)
{
    public const string Bearer = "bearer";
    public const string M2m = "m2m";
}
