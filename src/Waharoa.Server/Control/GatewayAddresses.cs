using Microsoft.AspNetCore.Server.Kestrel.Core;
using Waharoa.Server.Keys;

namespace Waharoa.Server.Control;

/// <summary>The gateway endpoints' listeners, once bound: so the control API can link to what they serve (the JWKS).</summary>
internal sealed class GatewayAddresses
{
    public ListenOptions? Desktop { get; set; }

    public ListenOptions? Cloud { get; set; }

    /// <summary>
    /// The JWKS on each endpoint, addressed by <paramref name="host"/> (the one the control API was reached by: the gateway
    /// runs beside it). Both dialects publish their keys there: START tokens name theirs by <c>kid</c>, xIAMS ones by <c>x5t</c>.
    /// </summary>
    public IReadOnlyList<JwksLink> Jwks(string host) =>
    [
        .. new[] { ("desktop", Desktop), ("cloud", Cloud) }
            .Where(e => e.Item2?.IPEndPoint is not null)
            .Select(e => new JwksLink(e.Item1, new UriBuilder(Uri.UriSchemeHttps, host, e.Item2!.IPEndPoint!.Port, SigningKeyEndpoints.Path).Uri.ToString())),
    ];
}

/// <summary>Where an endpoint (<c>desktop</c>: one-way TLS; <c>cloud</c>: needs a client certificate) serves the JWKS of both dialects.</summary>
public sealed record JwksLink(string Endpoint, string Url);
