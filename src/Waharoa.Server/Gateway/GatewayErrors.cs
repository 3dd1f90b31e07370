using Waharoa.Server.Endpoints;

namespace Waharoa.Server.Gateway;

/// <summary>
/// The gateway's refusals, in one place. Codes and texts are IR's (Account API OpenAPI and build pack,
/// gateway timeout text of the xIAMS build pack); where IR documents none, the text says plainly what is wrong.
/// </summary>
internal static class GatewayErrors
{
    public static readonly GatewayError MissingToken = new(401, "EV1021", "security", "No OAuth or JWT token is present as an HTTP header") { SoapStatus = 2 };
    public static readonly GatewayError InvalidToken = new(401, "EV1020", "security", "Authentication failure means the token (JWT or OAuth) provided is not valid") { SoapStatus = 1 };
    public static readonly GatewayError NotEnrolled = new(401, "EV1020", "security", "Authentication failure means the token (JWT or OAuth) provided is not valid") { SoapStatus = 5 };
    public static readonly GatewayError NotAllowedHere = new(403, "EV1020", "security", "This network address is not allowed to call this environment's gateway endpoints");

    /// <summary>A body that cannot be read as framed (bad chunks, shorter than its Content-Length); IR documents no error for it.</summary>
    public static readonly GatewayError MalformedRequest =
        new(400, "400", "validation", "The request body could not be read: its chunked encoding or Content-Length is malformed");

    /// <summary>CONNECT asks for a tunnel, which no gateway route is.</summary>
    public static readonly GatewayError MethodNotAllowed = new(405, "405", "validation", "The gateway does not forward CONNECT requests");

    public static GatewayError Throttled(TimeSpan retryAfter) =>
        new(429, "429", "server", $"Too many requests from this DSP: retry after {ThrottledAnswer.Seconds(retryAfter)} s");

    public const string GatewayErrorCode = "GatewayError";
    public const string GatewayTimeout = "Gateway did not receive a timely response from the upstream server";
}
