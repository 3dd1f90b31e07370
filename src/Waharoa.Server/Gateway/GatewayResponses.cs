namespace Waharoa.Server.Gateway;

/// <summary>The gateway's own answers: IR's <c>errors</c> array (or a SOAP fault), and the 504 <c>GatewayError</c>.</summary>
internal static class GatewayResponses
{
    public static Task RefuseAsync(HttpContext context, GatewayError error) =>
        RestResponses.WriteErrorsAsync(context.Response, error.Status, [(error.Code, error.Type, error.Message)], context.RequestAborted);

    /// <summary>A request the gateway cannot forward, in the service's own form: IR's <c>errors</c> array, or on a SOAP route a <c>Sender</c> fault.</summary>
    public static Task RejectAsync(HttpContext context, GatewayError error, bool soap) =>
        soap ? SoapFault.WriteAsync(context.Response, error.Status, "Sender", error.Message, context.RequestAborted) : RefuseAsync(context, error);

    public static Task UpstreamTimedOutAsync(HttpContext context) =>
        RestResponses.WriteJsonAsync(context.Response, StatusCodes.Status504GatewayTimeout, w =>
        {
            w.WriteString("error", GatewayErrors.GatewayErrorCode);
            w.WriteString("error_description", GatewayErrors.GatewayTimeout);
        }, context.RequestAborted);
}
