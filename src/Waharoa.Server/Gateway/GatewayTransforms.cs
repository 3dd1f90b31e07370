using Microsoft.Net.Http.Headers;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Waharoa.Server.Gateway;

/// <summary>
/// What no upstream gets from the caller: its <c>Cookie</c> header ever (cookies are the myIR pages' session, never a
/// gateway service's), and its <c>Authorization</c> header unless the route's <see cref="GatewayRouteMetadata.ForwardAuthorization"/>
/// asks for it; the service knows the caller from the <see cref="GatewayHeaders"/>. Added after a route's own transforms, so they win.
/// </summary>
internal sealed class GatewayTransforms : ITransformProvider
{
    /// <summary>YARP validates each route here as it loads: a misspelt value must not quietly refuse, or forward, everything.</summary>
    public void ValidateRoute(TransformRouteValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (GatewayRouteMetadata.Problem(context.Route) is { } problem)
        {
            context.Errors.Add(new ArgumentException($"Route '{context.Route.RouteId}': {problem}"));
        }
    }

    public void ValidateCluster(TransformClusterValidationContext context)
    {
    }

    public void Apply(TransformBuilderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.AddRequestHeaderRemove(HeaderNames.Cookie);
        if (!GatewayRouteMetadata.ForwardsAuthorization(context.Route))
        {
            context.AddRequestHeaderRemove(HeaderNames.Authorization);
        }
    }
}
