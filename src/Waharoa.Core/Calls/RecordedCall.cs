namespace Waharoa.Calls;

/// <summary>
/// One call a DSP made to Waharoa (OAuth or gateway), as recorded for the test report, the behaviour report and the request
/// inspector: what was asked, what was answered and why, with every secret, password, token and key redacted.
/// </summary>
/// <param name="Id">The store's number for it (0 before it is stored); increasing in the order calls were stored.</param>
/// <param name="At">When the call arrived, on the server's clock (the virtual clock when moved).</param>
/// <param name="DurationMs">How long the answer took.</param>
/// <param name="ClientId">The DSP client that made it, when known (client credentials, certificate, token or JWT).</param>
/// <param name="Endpoint">Which endpoint took it: <c>desktop</c> or <c>cloud</c>.</param>
/// <param name="Area">What answered: <c>oauth</c> or <c>gateway</c>.</param>
/// <param name="Service">For the gateway, the service (<c>intermediation</c>, <c>returns</c>, <c>employment</c>, <c>account</c> (the Account API), or a configured
/// route's name); for OAuth, the dialect (<c>xiams</c> or <c>start</c>).</param>
/// <param name="Operation">The SOAP operation (<c>File</c>, <c>RetrieveStatus</c>…), the REST resource (<c>account/list</c>), or the OAuth call
/// (<c>authorize</c>, <c>token</c>, <c>validate</c>, <c>revoke</c>, <c>introspect</c>, <c>logon</c>, <c>consent</c>).</param>
/// <param name="GrantType">The OAuth grant type of a token call.</param>
/// <param name="Authentication">How the caller proved itself at the gateway: <c>bearer</c>, <c>m2m</c>, or null (none).</param>
/// <param name="Logon">The myIR logon behind the call (a token's subject, the logon page's user).</param>
/// <param name="IrdNumber">The IRD number or customer the call is about, when its body or path names one.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path and query (secrets in the query redacted).</param>
/// <param name="Status">The HTTP status answered (0 when the connection was reset).</param>
/// <param name="IrCode">IR's code in the answer: a SOAP <c>statusCode</c>, an Account API <c>EVxxxx</c>, an OAuth <c>error</c>.</param>
/// <param name="Reason">Why it was refused, in plain words (what the server logged), or null.</param>
/// <param name="Scenario">The name of the injected scenario rule that answered or delayed it, or null.</param>
/// <param name="Flags">What Waharoa noticed of the caller's behaviour on this call (see <see cref="CallFlags"/>).</param>
/// <param name="RequestHeaders">Request headers, one <c>Name: value</c> per line, redacted.</param>
/// <param name="RequestBody">Request body (text, redacted, cut at the store's limit).</param>
/// <param name="ResponseHeaders">Response headers, one <c>Name: value</c> per line, redacted.</param>
/// <param name="ResponseBody">Response body (text, redacted, cut at the store's limit).</param>
public sealed record RecordedCall(
    long Id,
    DateTimeOffset At,
    double DurationMs,
    string? ClientId,
    string Endpoint,
    string Area,
    string? Service,
    string? Operation,
    string? GrantType,
    string? Authentication,
    string? Logon,
    string? IrdNumber,
    string Method,
    string Path,
    int Status,
    string? IrCode,
    string? Reason,
    string? Scenario,
    IReadOnlyList<string> Flags,
    string RequestHeaders,
    string RequestBody,
    string ResponseHeaders,
    string ResponseBody);

/// <summary>What Waharoa notices about a caller's behaviour on one call (a <see cref="RecordedCall.Flags"/> entry), for the behaviour report.</summary>
public static class CallFlags
{
    /// <summary>A START refresh token that was already used was presented again.</summary>
    public const string RefreshTokenReused = "refresh-token-reused";

    /// <summary>An expired access or refresh token was presented.</summary>
    public const string TokenExpired = "token-expired";

    /// <summary>A revoked access or refresh token was presented.</summary>
    public const string TokenRevoked = "token-revoked";

    /// <summary>An M2M JWT whose lifetime (<c>exp</c> − <c>iat</c>) is over IR's 8 hours.</summary>
    public const string M2mLifetimeOver8Hours = "m2m-lifetime-over-8h";

    /// <summary>An M2M JWT was sent to the desktop endpoint (IR takes them on the cloud endpoint only).</summary>
    public const string M2mOnDesktop = "m2m-on-desktop";

    /// <summary>A gateway call without any token.</summary>
    public const string NoToken = "no-token";

    /// <summary>A new logon (authorize) while the user holds a valid refresh token for the client.</summary>
    public const string LogonWhileRefreshValid = "logon-while-refresh-token-valid";

    /// <summary>A client secret, password or token in the query string.</summary>
    public const string SecretInQuery = "secret-in-query";
}

/// <summary>Which recorded calls to read: a client's (or every client's), in a time window, newest first.</summary>
/// <param name="ClientId">Only this client's calls; null for every client's.</param>
/// <param name="From">Only calls at or after this time.</param>
/// <param name="To">Only calls before this time.</param>
/// <param name="BeforeId">Only calls stored before the one with this number (paging back).</param>
/// <param name="Limit">At most this many.</param>
public sealed record CallQuery(string? ClientId = null, DateTimeOffset? From = null, DateTimeOffset? To = null, long? BeforeId = null, int Limit = 100);
