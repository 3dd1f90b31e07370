using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Waharoa.Server.Authorization;

namespace Waharoa.Server.Start;

/// <summary>Maps START IAM's four endpoints, on both the desktop and the cloud endpoint.</summary>
internal static class StartEndpoints
{
    public const string Authorize = "/gateway3/oauth/authorize";
    public const string Token = "/gateway3/oauth/token";
    public const string Introspect = "/gateway3/oauth/introspect";
    public const string Revoke = "/gateway3/oauth/revoke";

    public static IServiceCollection AddStart(this IServiceCollection services)
    {
        services.AddSingleton<StartTokenFactory>();
        services.AddSingleton<StartTokenEndpoints>();
        services.AddSingleton<IAuthorizationDialect, StartDialect>();
        return services;
    }

    public static IEndpointRouteBuilder MapStart(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods(Authorize, [HttpMethods.Get, HttpMethods.Head], StartAuthorizeEndpoint.HandleAsync)
            .AddEndpointFilter<DesktopOnlyFilter>()
            .AddEndpointFilter<PageHeadersFilter>();
        endpoints.MapPost(Token, (HttpContext context, StartTokenEndpoints start) => start.TokenAsync(context)).DisableAntiforgery();
        endpoints.MapPost(Introspect, (HttpContext context, StartTokenEndpoints start) => start.IntrospectAsync(context)).DisableAntiforgery();
        endpoints.MapPost(Revoke, (HttpContext context, StartTokenEndpoints start) => start.RevokeAsync(context)).DisableAntiforgery();
        return endpoints;
    }
}
