using Yarp.ReverseProxy.Configuration;

namespace Waharoa.Server.Gateway;

/// <summary>Gives every cluster without its own <c>HttpRequest.ActivityTimeout</c> the gateway's upstream timeout (IR's 60 s).</summary>
internal sealed class GatewayConfigFilter(GatewayOptions options) : IProxyConfigFilter
{
    public ValueTask<ClusterConfig> ConfigureClusterAsync(ClusterConfig cluster, CancellationToken cancel)
    {
        if (cluster.HttpRequest?.ActivityTimeout is not null)
        {
            return ValueTask.FromResult(cluster);
        }

        var request = (cluster.HttpRequest ?? new Yarp.ReverseProxy.Forwarder.ForwarderRequestConfig()) with { ActivityTimeout = options.UpstreamTimeout };
        return ValueTask.FromResult(cluster with { HttpRequest = request });
    }

    public ValueTask<RouteConfig> ConfigureRouteAsync(RouteConfig route, ClusterConfig? cluster, CancellationToken cancel) =>
        ValueTask.FromResult(route);
}
