using Waharoa.Server.Endpoints;

namespace Waharoa.Server.Gateway;

/// <summary>The gateway's own answers: IR's <c>errors</c> array (or a SOAP fault), and the 504 <c>GatewayError</c>.</summary>
internal static class GatewayResponses
{
    public static Task RefuseAsync(HttpContext context, GatewayError error) =>
        RestResponses.WriteErrorsAsync(context.Response, error.Status, [(error.Code, error.Type, error.Message)], context.RequestAborted);

    /// <summary>A request the gateway cannot forward, in the service's own form: IR's <c>errors</c> array, or on a SOAP route a <c>Sender</c> fault.</summary>
    public static Task RejectAsync(HttpContext context, GatewayError error, bool soap) =>
        soap ? SoapFault.WriteAsync(context.Response, error.Status, "Sender", error.Message, context.RequestAborted) : RefuseAsync(context, error);

    /// <summary>A throttled call, with <c>Retry-After</c>: IR's <c>errors</c> array, or on a SOAP route the <c>UnAuthorised</c> fault (build pack §5.1).</summary>
    public static Task ThrottledAsync(HttpContext context, TimeSpan retryAfter, bool soap)
    {
        ThrottledAnswer.SetRetryAfter(context, retryAfter);
        return soap
            ? SoapFault.WriteUnAuthorisedAsync(context.Response, StatusCodes.Status429TooManyRequests, context.RequestAborted)
            : RefuseAsync(context, GatewayErrors.Throttled(retryAfter));
    }

    public static Task UpstreamTimedOutAsync(HttpContext context) =>
        RestResponses.WriteJsonAsync(context.Response, StatusCodes.Status504GatewayTimeout, w =>
        {
            w.WriteString("error", GatewayErrors.GatewayErrorCode);
            w.WriteString("error_description", GatewayErrors.GatewayTimeout);
        }, context.RequestAborted);
}
