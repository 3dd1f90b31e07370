using Waharoa.OAuth;
using Waharoa.Server.Authorization;
using Waharoa.Server.Endpoints;
using Waharoa.Tokens;

namespace Waharoa.Server.Start;

/// <summary>Registers and maps START IAM's four endpoints, on both the desktop and the cloud endpoint: an adapter over the OAuth core.</summary>
internal static class StartEndpoints
{
    public const string Authorize = "/gateway3/oauth/authorize";
    public const string Token = "/gateway3/oauth/token";
    public const string Introspect = "/gateway3/oauth/introspect";
    public const string Revoke = "/gateway3/oauth/revoke";

    /// <summary>START, with access tokens issued (and audienced) as <paramref name="environment"/>'s IR issuer unless the options name one.</summary>
    public static IServiceCollection AddStart(this IServiceCollection services, StartOptions options, GatewayEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        services.AddSingleton(options);
        services.AddSingleton(sp => new StartTokenFactory(sp.GetRequiredService<JwtSigner>(), options, options.IssuerFor(environment)));
        services.AddSingleton<StartDialect>();
        services.AddSingleton<IAuthorizationDialect>(sp => sp.GetRequiredService<StartDialect>());
        services.AddSingleton<ITokenFormat, StartTokenFormat>();
        services.AddSingleton<StartRequests>();
        services.AddSingleton<StartTokenEndpoint>();
        services.AddSingleton<StartIntrospection>();
        services.AddSingleton<StartRevocation>();
        return services;
    }

    public static IEndpointRouteBuilder MapStart(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods(Authorize, [HttpMethods.Get, HttpMethods.Head], StartAuthorizeEndpoint.HandleAsync)
            .AddEndpointFilter<DesktopOnlyFilter>()
            .AddEndpointFilter<PageHeadersFilter>();
        var throttled = new ThrottledAnswer((context, retryAfter) => StartJson.WriteErrorAsync(context.Response, StartErrors.Throttled(retryAfter)));
        endpoints.MapPost(Token, (HttpContext context, StartTokenEndpoint token) => token.HandleAsync(context)).DisableAntiforgery().WithMetadata(throttled);
        endpoints.MapPost(Introspect, (HttpContext context, StartIntrospection introspection) => introspection.HandleAsync(context)).DisableAntiforgery().WithMetadata(throttled);
        endpoints.MapPost(Revoke, (HttpContext context, StartRevocation revocation) => revocation.HandleAsync(context)).DisableAntiforgery().WithMetadata(throttled);
        return endpoints;
    }
}
