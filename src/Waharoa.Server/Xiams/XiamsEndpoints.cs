using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Waharoa.Server.Authorization;

namespace Waharoa.Server.Xiams;

/// <summary>Maps the xIAMS dialect's endpoints.</summary>
internal static class XiamsEndpoints
{
    public static IEndpointRouteBuilder MapXiams(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(XiamsPaths.Authorize, XiamsAuthorizeEndpoint.HandleAsync)
            .AddEndpointFilter<DesktopOnlyFilter>()
            .AddEndpointFilter<PageHeadersFilter>();
        endpoints.MapPost(XiamsPaths.Tokens, (HttpContext context, XiamsTokenEndpoint handler) => handler.HandleAsync(context))
            .DisableAntiforgery();
        return endpoints;
    }
}
