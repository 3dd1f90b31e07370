
namespace Waharoa.Server.Sandbox.AccountApi;

/// <summary>
/// The Account API (REST JSON) as the sandbox host serves it, behind the gateway: <c>POST list</c>,
/// <c>POST account</c> and <c>GET status</c> under each base path. The gateway has authenticated the caller
/// (EV1020/EV1021 are its answers); the delegation model decides what that caller reaches.
/// </summary>
internal static partial class AccountApiEndpoints
{
    /// <summary>The API's base paths on the cloud endpoint: IR's service table and the OpenAPI file's basePath.</summary>
    public static readonly string[] Paths = ["/gateway/account/", "/secure/gateway/account/"];

    public static IEndpointRouteBuilder MapAccountApi(this IEndpointRouteBuilder endpoints)
    {
        foreach (var path in Paths)
        {
            endpoints.MapPost(path + "list", Guarded(AccountListEndpoint.HandleAsync));
            endpoints.MapPost(path + "account", Guarded(AccountRetrieveEndpoint.HandleAsync));
            endpoints.MapGet(path + "status", (RequestDelegate)(context =>
            {
                context.Response.ContentType = "text/plain; charset=utf-8";
                return context.Response.WriteAsync("OK", context.RequestAborted);
            }));
        }

        return endpoints;
    }

    /// <summary>Any fault becomes IR's EU6001 (500) in the API's own error shape, logged, never a stack trace.</summary>
    private static RequestDelegate Guarded(RequestDelegate handler) => async context =>
    {
        try
        {
            await handler(context);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Waharoa.Sandbox.AccountApi");
            Log.Unexpected(logger, context.Request.Path, ex);
            if (context.Response.HasStarted)
            {
                throw;
            }

            context.Response.Clear();
            await AccountApiResponses.WriteRefusalAsync(context.Response, AccountApiErrors.Unexpected, context.RequestAborted);
        }
    };

    private static partial class Log
    {
        [LoggerMessage(5101, LogLevel.Error, "Account API: unexpected fault on {Path}")]
        public static partial void Unexpected(ILogger logger, string path, Exception fault);
    }
}
