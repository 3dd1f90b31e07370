using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace Waharoa.Server.Errors;

/// <summary>Turns any unexpected fault into IR's 500 <c>InternalError</c> JSON: no stack trace, no HTML.</summary>
internal static partial class InternalErrorHandler
{
    public static IApplicationBuilder UseInternalErrorJson(this IApplicationBuilder app) =>
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = async context =>
            {
                var fault = context.Features.Get<IExceptionHandlerFeature>()?.Error;
                var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Waharoa.Errors");
                Log.Unexpected(logger, context.Request.Path, fault);
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                context.Response.ContentType = "application/json";
                context.Response.Headers.CacheControl = "no-store";
                await context.Response.WriteAsync(
                    JsonSerializer.Serialize(new Dictionary<string, string>
                    {
                        ["error"] = "InternalError",
                        ["error_description"] = "An internal and unexpected error occurred",
                    }),
                    context.RequestAborted);
            },
            SuppressDiagnosticsCallback = _ => true,
        });

    private static partial class Log
    {
        [LoggerMessage(9001, LogLevel.Error, "Unexpected fault on {Path}")]
        public static partial void Unexpected(ILogger logger, string path, Exception? fault);
    }
}
