using Waharoa.Server.Endpoints;
using Waharoa.Server.OAuth;

namespace Waharoa.Server.Xiams;

/// <summary>
/// Every xIAMS error string, in one place. Texts come from IR's xIAMS message samples and build pack
/// v2.8 (§2.1.3.5, §2.1.3.6, §2.1.4–2.1.6, §3); where IR documents no text, the description says plainly what is wrong.
/// </summary>
internal static class XiamsErrors
{
    // Authorize (shown on an error page, never redirected, when the client or redirect URI cannot be trusted).
    public static readonly XiamsError UnknownClient = new(400, "invalid_client", "Business partner identifier invalid");
    public static readonly XiamsError RedirectUriMismatch = new(400, "invalid_redirect_uri", "Redirect URI mismatch with Business Partner app");
    public static readonly XiamsError UnsupportedResponseType = new(400, "unsupported_response_type", "response_type must be code");
    public static readonly XiamsError InvalidState = new(400, "invalid_request",
        "state must be fewer than 200 characters from a-z A-Z 0-9 and - . ? , : ' / \\ + = $ # _ (no spaces or ~ ! & %)");
    public const string InvalidScope = "invalid_scope";
    public const string AccessDenied = "access_denied";

    // Client authentication at the token endpoint.
    public static readonly XiamsError ClientAuthenticationMissing = new(401, "invalid_client", "Invalid client_id or client_secret");
    public static readonly XiamsError ClientIdUnknown = new(401, "invalid_client", "Invalid client ID");
    public static readonly XiamsError ClientSecretWrong = new(401, "invalid_client", "Invalid client_id or client_secret");
    public static readonly XiamsError ClientCertificateMismatch = new(401, "invalid_client", "Business partner identifier invalid");

    /// <summary>The error for a client that failed to authenticate.</summary>
    public static XiamsError ForClientAuthentication(ClientAuthenticationOutcome outcome) => outcome switch
    {
        ClientAuthenticationOutcome.UnknownClient => ClientIdUnknown,
        ClientAuthenticationOutcome.WrongSecret => ClientSecretWrong,
        ClientAuthenticationOutcome.CertificateMismatch => ClientCertificateMismatch,
        _ => ClientAuthenticationMissing,
    };

    // Request shape.
    public static readonly XiamsError UnsupportedGrantType = new(400, "unsupported_grant_type", "Invalid/unsupported value for grant_type");
    public static readonly XiamsError WrongContentType = new(400, "invalid_request", "Content-Type must be application/x-www-form-urlencoded");
    public static readonly XiamsError BodyTooLarge = new(400, "invalid_request", "Request body is too large");
    public static readonly XiamsError MalformedBody = new(400, "invalid_request", "Request body is not a valid form");

    public static XiamsError MissingParameter(string name) => new(400, "invalid_request", $"Missing parameter: {name}");

    public static XiamsError RepeatedParameter(string name) => new(400, "invalid_request", $"Repeated parameter: {name}");

    // Grants.
    public static readonly XiamsError InvalidAuthorizationCode = new(401, "invalid_grant", "Invalid Grant: grant_type=authorization_code");
    public static readonly XiamsError InvalidRedirectUri = new(401, "invalid_grant", "Invalid Redirect URI");
    public static readonly XiamsError InvalidRefreshToken = new(401, "invalid_grant", "Invalid Grant: grant_type=refresh_token");
    public static readonly XiamsError ValidationFailed = new(401, "invalid_grant", "Access Token Validation Failed");
    public static readonly XiamsError ConsentWithdrawn = new(403, "unauthorized_client", "The access token is no longer valid as the user has revoked consent. Clients should re-authorize the user.");
    public static readonly XiamsError ValidateScopeInvalid = new(400, "invalid_scope", ": Invalid parameter value: ");
    public static readonly XiamsError CannotTerminate = new(400, "invalid_grant", "Cannot terminate invalid token.");

    public static XiamsError InvalidTokenAction(string action) => new(400, "invalid_request", $"Invalid token action: {action}");

    // Invented: IR documents no throttling answer for the token endpoint; temporarily_unavailable is RFC 6749's word for it.
    public static XiamsError Throttled(TimeSpan retryAfter) =>
        new(429, "temporarily_unavailable", $"Too many requests: retry after {ThrottledAnswer.Seconds(retryAfter)} s");

    // Faults.
    public static readonly XiamsError InternalError = new(500, "InternalError", "An internal and unexpected error occurred");
}
