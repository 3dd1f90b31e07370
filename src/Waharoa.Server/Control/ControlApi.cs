using System.Net;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Net.Http.Headers;

namespace Waharoa.Server.Control;

/// <summary>
/// The control API: JSON under <c>/control/</c> on the control listener only (the gateway endpoints answer such paths as
/// any unknown path, and the control listener answers nothing else), described by the OpenAPI document it serves at
/// <see cref="OpenApiPath"/>. A call needs the operator credential (<c>Authorization: Bearer …</c>) unless it came from this
/// machine and no browser page made it.
/// </summary>
internal static class ControlApi
{
    public const string Prefix = "/control";
    public const string DocumentName = "control";
    public const string OpenApiPath = Prefix + "/openapi/" + DocumentName + ".json";

    public static IServiceCollection AddControlApi(this IServiceCollection services, ControlOptions options)
    {
        services.AddSingleton(options);
        services.AddOpenApi(DocumentName, o =>
        {
            o.ShouldInclude = d => d.GroupName == DocumentName;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Waharoa control API";
                document.Info.Description = "Test controls of a Waharoa sandbox: the virtual clock, scenario injection, the test CA, call records and reports. "
                    + "Send the operator credential (printed by serve, in the data folder's keys/operator.key) as 'Authorization: Bearer …'; "
                    + "a call from this machine that no browser page made needs none unless the server was told otherwise.";
                document.Info.Version = "1";
                return Task.CompletedTask;
            });
        });
        return services;
    }

    /// <summary>Keeps the control API and the gateway endpoints apart; runs just after routing.</summary>
    public static IApplicationBuilder UseControlBoundary(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var isControlEndpoint = context.GetEndpoint()?.Metadata.GetMetadata<ControlEndpointMetadata>() is not null;
        if (context.IsControlConnection() != isControlEndpoint)
        {
            if (context.IsControlConnection())
            {
                // The control listener serves the control API and the console only: no OAuth, no gateway, no myIR pages.
                // Routing's own answer to a known path with another method is a 405.
                var wrongMethod = context.GetEndpoint()?.DisplayName?.StartsWith("405", StringComparison.Ordinal) == true
                    && context.Request.Path.StartsWithSegments(Prefix);
                context.Response.Headers.CacheControl = "no-store";
                await (wrongMethod
                    ? Error(StatusCodes.Status405MethodNotAllowed, "method_not_allowed", $"{context.Request.Method} is not allowed on {context.Request.Path}.")
                    : Error(StatusCodes.Status404NotFound, "not_found", $"The control API has no {context.Request.Path}; its routes are in {OpenApiPath}.")).ExecuteAsync(context);
                return;
            }

            // On a gateway endpoint a control path is an unknown path, answered as IR answers one.
            context.SetEndpoint(null);
        }

        await next(context);
    });

    /// <summary>The control API's routes: <c>/control/…</c>, each feature's in its own file.</summary>
    public static IEndpointRouteBuilder MapControlApi(this IEndpointRouteBuilder endpoints)
    {
        var options = endpoints.ServiceProvider.GetRequiredService<ControlOptions>();
        if (!options.Enabled)
        {
            return endpoints;
        }

        endpoints.MapOpenApi(Prefix + "/openapi/{documentName}.json").WithMetadata(ControlEndpointMetadata.Instance).AddEndpointFilter(RequireOperator);
        var group = endpoints.MapGroup(Prefix)
            .WithGroupName(DocumentName)
            .WithMetadata(ControlEndpointMetadata.Instance)
            .AddEndpointFilter(RequireOperator);
        group.MapInstance();
        group.MapCertificateControl();
        group.MapReportControl();
        group.MapClockControl();
        group.MapScenarioControl();
        group.MapCallControl();
        group.MapClientControl();
        group.MapDataControl();
        group.MapTokenControl();
        group.MapKeyControl();
        group.MapHealthControl();
        return endpoints;
    }

    /// <summary>A control API error: <c>{"error": "...", "message": "..."}</c> with <paramref name="status"/>.</summary>
    public static IResult Error(int status, string error, string message) =>
        Results.Json(new ControlError(error, message), ControlJson.Options, statusCode: status);

    private static async ValueTask<object?> RequireOperator(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        context.Response.Headers.CacheControl = "no-store";
        var options = context.RequestServices.GetRequiredService<ControlOptions>();
        if (!NeedsCredential(context, options))
        {
            return await next(invocation);
        }

        var credential = context.RequestServices.GetRequiredService<OperatorCredential>();
        var header = context.Request.Headers.Authorization.ToString();
        var presented = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
        if (presented is null)
        {
            // The console's pages: signed in with the credential into a cookie, state changes carrying the antiforgery token.
            switch (await ConsoleSession.CheckAsync(context))
            {
                case ConsoleSession.Outcome.Valid:
                    return await next(invocation);
                case ConsoleSession.Outcome.Forged:
                    return Error(StatusCodes.Status403Forbidden, "csrf_token_invalid",
                        "This change came without the console's antiforgery token, or from another site's page; reload the console.");
            }
        }

        if (!credential.Matches(presented))
        {
            context.Response.Headers.WWWAuthenticate = "Bearer realm=\"waharoa-control\"";
            return Error(StatusCodes.Status401Unauthorized, "operator_credential_required",
                "This call needs the operator credential: 'Authorization: Bearer <the data folder's keys/operator.key>'.");
        }

        return await next(invocation);
    }

    private static bool NeedsCredential(HttpContext context, ControlOptions options)
    {
        if (options.Credential == ControlCredentialRule.Always)
        {
            return true;
        }

        var remote = context.Connection.RemoteIpAddress;
        var loopback = remote is not null && IPAddress.IsLoopback(remote);

        // A page in a browser on this machine can reach loopback too: what a browser sent (it says where from) is treated as remote.
        var fromBrowser = context.Request.Headers.ContainsKey(HeaderNames.Origin) || context.Request.Headers.ContainsKey("Sec-Fetch-Site");
        return !loopback || fromBrowser;
    }

    private static RouteGroupBuilder MapInstance(this RouteGroupBuilder group)
    {
        group.MapGet("/instance", (IServiceProvider services) =>
        {
            var server = services.GetRequiredService<ControlInstance>();
            return Results.Json(server.Describe(), ControlJson.Options);
        })
        .WithName("GetInstance")
        .WithSummary("This instance: its version, store and endpoints.")
        .Produces<ControlInstanceView>();
        return group;
    }
}

/// <summary>Marks the control API's endpoints (so the gateway endpoints do not serve them).</summary>
internal sealed class ControlEndpointMetadata
{
    public static readonly ControlEndpointMetadata Instance = new();
}

/// <summary>The body of a control API error.</summary>
public sealed record ControlError(string Error, string Message);
