using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Waharoa.Grants;

namespace Waharoa.Server.Endpoints;

/// <summary>Marks each connection with the gateway endpoint (desktop or cloud) whose listener accepted it.</summary>
internal static class EndpointTagging
{
    private static readonly object Key = typeof(GatewayEndpoint);

    /// <summary>Tags every connection accepted by <paramref name="listen"/> as <paramref name="endpoint"/>.</summary>
    public static ListenOptions TagAs(this ListenOptions listen, GatewayEndpoint endpoint)
    {
        listen.Use(next => connection =>
        {
            connection.Items[Key] = endpoint;
            return next(connection);
        });
        return listen;
    }

    /// <summary>The endpoint that accepted the request's connection; desktop when the connection is untagged.</summary>
    public static GatewayEndpoint GetGatewayEndpoint(this HttpContext context)
    {
        var items = context.Features.Get<IConnectionItemsFeature>()?.Items;
        return items is not null && items.TryGetValue(Key, out var value) && value is GatewayEndpoint endpoint
            ? endpoint
            : GatewayEndpoint.Desktop;
    }
}
