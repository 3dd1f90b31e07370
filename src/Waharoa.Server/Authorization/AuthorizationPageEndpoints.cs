using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Waharoa.Server.Authorization;

/// <summary>Maps the myIR logon and consent form targets and the pages' stylesheet.</summary>
internal static class AuthorizationPageEndpoints
{
    public static IEndpointRouteBuilder MapAuthorizationPages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(AuthorizationPages.LogonPath, (HttpContext context, AuthorizationFlow flow) => flow.LogonAsync(context))
            .DisableAntiforgery()
            .AddEndpointFilter<DesktopOnlyFilter>()
            .AddEndpointFilter<PageHeadersFilter>();
        endpoints.MapPost(AuthorizationPages.ConsentPath, (HttpContext context, AuthorizationFlow flow) => flow.ConsentAsync(context))
            .DisableAntiforgery()
            .AddEndpointFilter<DesktopOnlyFilter>()
            .AddEndpointFilter<PageHeadersFilter>();
        endpoints.MapGet(AuthorizationPages.StylePath, () => Results.Text(AuthorizationPages.Style, "text/css; charset=utf-8"))
            .AddEndpointFilter<PageHeadersFilter>();
        return endpoints;
    }
}
