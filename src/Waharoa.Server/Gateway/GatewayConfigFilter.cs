using Yarp.ReverseProxy.Configuration;

namespace Waharoa.Server.Gateway;

/// <summary>
/// Gives every cluster without its own <c>HttpRequest.ActivityTimeout</c> the gateway's upstream timeout (IR's 60 s), and
/// without its own <c>HttpClient.RequestHeaderEncoding</c> UTF-8, the encoding Kestrel decodes request headers with.
/// </summary>
internal sealed class GatewayConfigFilter(GatewayOptions options) : IProxyConfigFilter
{
    /// <summary>
    /// Kestrel takes header values in UTF-8 (a byte sequence that is not UTF-8 gets 400); the forwarder's default, ASCII
    /// only, would refuse to send on a value Kestrel accepted, such as <c>X-Note: café</c>.
    /// </summary>
    public const string RequestHeaderEncoding = "utf-8";

    public ValueTask<ClusterConfig> ConfigureClusterAsync(ClusterConfig cluster, CancellationToken cancel)
    {
        if (cluster.HttpRequest?.ActivityTimeout is null)
        {
            var request = (cluster.HttpRequest ?? new Yarp.ReverseProxy.Forwarder.ForwarderRequestConfig()) with { ActivityTimeout = options.UpstreamTimeout };
            cluster = cluster with { HttpRequest = request };
        }

        if (cluster.HttpClient?.RequestHeaderEncoding is null)
        {
            cluster = cluster with { HttpClient = (cluster.HttpClient ?? new HttpClientConfig()) with { RequestHeaderEncoding = RequestHeaderEncoding } };
        }

        return ValueTask.FromResult(cluster);
    }

    public ValueTask<RouteConfig> ConfigureRouteAsync(RouteConfig route, ClusterConfig? cluster, CancellationToken cancel) =>
        ValueTask.FromResult(route);
}
