namespace Waharoa.Server.Gateway;

/// <summary>The gateway's own answers: IR's <c>errors</c> array, and the 504 <c>GatewayError</c>.</summary>
internal static class GatewayResponses
{
    public static Task RefuseAsync(HttpContext context, GatewayError error) =>
        RestResponses.WriteErrorsAsync(context.Response, error.Status, [(error.Code, error.Type, error.Message)], context.RequestAborted);

    public static Task UpstreamTimedOutAsync(HttpContext context) =>
        RestResponses.WriteJsonAsync(context.Response, StatusCodes.Status504GatewayTimeout, w =>
        {
            w.WriteString("error", GatewayErrors.GatewayErrorCode);
            w.WriteString("error_description", GatewayErrors.GatewayTimeout);
        }, context.RequestAborted);
}
