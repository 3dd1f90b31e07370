using Waharoa.OAuth;
using Waharoa.Server.Authorization;
using Waharoa.Server.Endpoints;

namespace Waharoa.Server.Xiams;

/// <summary>Registers and maps the xIAMS dialect: an adapter over the OAuth core.</summary>
internal static class XiamsEndpoints
{
    public static IServiceCollection AddXiams(this IServiceCollection services, XiamsOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        services.AddSingleton(options);
        services.AddSingleton<XiamsTokenFactory>();
        services.AddSingleton<XiamsDialect>();
        services.AddSingleton<IAuthorizationDialect>(sp => sp.GetRequiredService<XiamsDialect>());
        services.AddSingleton<ITokenFormat, XiamsTokenFormat>();
        services.AddSingleton<XiamsResourceAccess>();
        services.AddSingleton<XiamsTokenEndpoint>();
        return services;
    }

    public static IEndpointRouteBuilder MapXiams(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(XiamsPaths.Authorize, XiamsAuthorizeEndpoint.HandleAsync)
            .AddEndpointFilter<DesktopOnlyFilter>()
            .AddEndpointFilter<PageHeadersFilter>();
        endpoints.MapPost(XiamsPaths.Tokens, (HttpContext context, XiamsTokenEndpoint handler) => handler.HandleAsync(context))
            .DisableAntiforgery()
            .WithMetadata(new ThrottledAnswer((context, retryAfter) => XiamsResponses.WriteAsync(context, XiamsErrors.Throttled(retryAfter))));
        return endpoints;
    }
}
