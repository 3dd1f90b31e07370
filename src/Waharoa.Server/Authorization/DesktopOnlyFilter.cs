using Waharoa.Grants;
using Waharoa.Server.Endpoints;

namespace Waharoa.Server.Authorization;

/// <summary>The browser pages live on the desktop endpoint only; on the cloud endpoint they do not exist.</summary>
internal sealed class DesktopOnlyFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.GetGatewayEndpoint() == GatewayEndpoint.Desktop
            ? next(context)
            : ValueTask.FromResult<object?>(Results.NotFound());
}
