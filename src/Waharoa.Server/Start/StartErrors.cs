using Waharoa.Server.Endpoints;
using Waharoa.Server.OAuth;

namespace Waharoa.Server.Start;

/// <summary>An error of the START endpoints: HTTP status, <c>error</c> and <c>error_description</c>.</summary>
internal sealed record StartError(int Status, string Error, string Description);

/// <summary>
/// START's errors, in one place. Texts are IR's (build pack v3.0 §2.1.3–§2.1.6, Message Samples) unless marked
/// invented: IR documents no error for those cases, and the text says plainly what is wrong.
/// </summary>
internal static class StartErrors
{
    public static StartError MissingParameter(string name) => new(400, "invalid_request", "Invalid request format. Missing parameter: " + name);

    public static readonly StartError UnknownClientAtAuthorize = new(401, "invalid_client", "Client is invalid.");

    public static StartError RedirectUriNotConfigured(string redirectUri) =>
        new(400, "invalid_request", $"Invalid redirect_uri. Provided redirect_uri ({redirectUri}) is not configured for this client.");

    public static readonly StartError InvalidResponseType = new(400, "invalid_request", "Invalid response_type. Response type must be 'code'");

    // Invented: IR documents no state error.
    public static readonly StartError InvalidState = new(400, "invalid_request", "Invalid request format. Invalid parameter: state");

    // Invented: IR only says the method must be S256.
    public static readonly StartError InvalidChallengeMethod = new(400, "invalid_request", "Invalid code_challenge_method. Code challenge method must be 'S256'");

    // Invented.
    public static readonly StartError InvalidChallenge = new(400, "invalid_request", "Invalid code_challenge. Code challenge must be the BASE64URL-encoded SHA-256 hash of the code verifier");

    public const string InvalidScope = "invalid_scope";
    public const string InvalidScopeDescription = "Invalid scope requested";

    // Invented: IR requires Content-Length but documents no error for its absence.
    public static readonly StartError ContentLengthRequired = new(411, "invalid_request", "Content-Length is required.");

    public static readonly StartError NoCredentials = new(400, "invalid_request", "This API requires authentication using HTTP Basic Auth or by including credentials in the request body.");
    public static readonly StartError MissingAuthorizationHeader = new(400, "invalid_request", "Invalid client. Missing authorization header.");
    public static readonly StartError InvalidAuthorizationHeader = new(400, "invalid_request", "Invalid authorization header.");
    public static readonly StartError UnknownClient = new(400, "invalid_client", "Client is invalid.");
    // 401 as the build pack's only response sample for it (§4.4.3); its tables list the text under 400, once as
    // invalid_client and once as access_denied.
    public static readonly StartError WrongSecret = new(401, "invalid_client", "The provided secret or assertion are not valid for this client.");
    public static readonly StartError UnsupportedGrantType = new(400, "unsupported_grant_type", "Invalid grant_type.");
    public static readonly StartError InvalidCode = new(401, "invalid_grant", "Invalid authorization code.");
    public static readonly StartError ExpiredCode = new(401, "invalid_grant", "The authorization code has expired.");
    public static readonly StartError RedirectUriMismatch = new(401, "invalid_grant", "Invalid redirect_uri. Value does not match the authorization request.");
    public static readonly StartError InvalidRefreshToken = new(401, "invalid_grant", "Refresh token is invalid.");
    public static readonly StartError RefreshNotAllowed = new(400, "unauthorized_client", "Token refresh is not allowed for this client.");

    public static readonly StartError IntrospectionNoCredentials = new(401, "invalid_client", "Your client must authenticate to use this API.");
    public static readonly StartError RevocationNoCredentials = new(401, "invalid_client", "Invalid request format. Missing parameter: client_id");

    // Invented: IR documents no error for a body over the limit or one that is not a form.
    public static StartError BodyTooLarge(int limit) => new(413, "invalid_request", $"Request body larger than {limit} bytes.");

    // Invented: IR documents no throttling answer for its OAuth endpoints; temporarily_unavailable is RFC 6749's word for it.
    public static StartError Throttled(TimeSpan retryAfter) =>
        new(429, "temporarily_unavailable", $"Too many requests. Retry after {ThrottledAnswer.Seconds(retryAfter)} s.");

    public static readonly StartError MalformedBody = new(400, "invalid_request", "Invalid request format. The body is not a valid form.");

    /// <summary>The error <paramref name="api"/> answers a client that failed to authenticate with.</summary>
    public static StartError ForClientAuthentication(StartApi api, ClientAuthenticationOutcome outcome) => (api, outcome) switch
    {
        (_, ClientAuthenticationOutcome.WrongSecret) => WrongSecret,

        // On the cloud endpoint the TLS client certificate must be the client's own: an authentication failure.
        (_, ClientAuthenticationOutcome.CertificateMismatch) => UnknownClient.AsUnauthorized(),
        (StartApi.Token, ClientAuthenticationOutcome.Missing) => NoCredentials,
        (StartApi.Token, ClientAuthenticationOutcome.MissingSecret) => MissingAuthorizationHeader,
        (StartApi.Token, ClientAuthenticationOutcome.MalformedHeader) => InvalidAuthorizationHeader,
        (StartApi.Token, _) => UnknownClient,
        (StartApi.Introspect, ClientAuthenticationOutcome.Missing or ClientAuthenticationOutcome.MissingSecret) => IntrospectionNoCredentials,
        (StartApi.Revoke, ClientAuthenticationOutcome.Missing) => RevocationNoCredentials,
        (StartApi.Revoke, ClientAuthenticationOutcome.MissingSecret) => new StartError(401, "invalid_client", "Invalid request format. Missing parameter: client_secret"),
        (_, ClientAuthenticationOutcome.MalformedHeader) => InvalidAuthorizationHeader.AsUnauthorized(),
        _ => UnknownClient.AsUnauthorized(),
    };

    /// <summary>The same refusal with status 401 (introspection and revocation answer every client failure with 401).</summary>
    public static StartError AsUnauthorized(this StartError error) => error with { Status = 401, Error = "invalid_client" };
}
