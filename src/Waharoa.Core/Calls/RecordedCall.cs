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

/// <summary>Which recorded calls to read: a client's (or every client's), in a time window, newest first, narrowed by what the call was.</summary>
/// <param name="ClientId">Only this client's calls; null for every client's.</param>
/// <param name="From">Only calls at or after this time.</param>
/// <param name="To">Only calls before this time.</param>
/// <param name="BeforeId">Only calls stored before the one with this number (paging back).</param>
/// <param name="Limit">At most this many.</param>
/// <param name="AfterId">Only calls stored after the one with this number (what is new since).</param>
/// <param name="Endpoint">Only calls to this endpoint (<c>desktop</c>, <c>cloud</c>).</param>
/// <param name="Area">Only OAuth (<c>oauth</c>) or only gateway (<c>gateway</c>) calls.</param>
/// <param name="Service">Only calls to this service or dialect.</param>
/// <param name="IrdNumber">Only calls about this IRD number or customer.</param>
/// <param name="Status">Only calls answered with a status in this set.</param>
/// <param name="OldestFirst">Oldest first instead of newest first (reading on from <paramref name="AfterId"/>).</param>
/// <param name="WithoutContent">Leave the headers and bodies out (empty): a list of summaries.</param>
public sealed record CallQuery(
    string? ClientId = null,
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    long? BeforeId = null,
    int Limit = 100,
    long? AfterId = null,
    string? Endpoint = null,
    string? Area = null,
    string? Service = null,
    string? IrdNumber = null,
    CallStatusFilter? Status = null,
    bool OldestFirst = false,
    bool WithoutContent = false);

/// <summary>
/// Which answers a call query keeps: one status (<c>401</c>), a class (<c>4xx</c>: from <see cref="Min"/> to <see cref="Max"/>),
/// or the refused calls (<see cref="Refused"/>: an answer of 400 or more, a reset connection (0), or a recorded refusal reason).
/// </summary>
/// <param name="Min">The lowest status kept.</param>
/// <param name="Max">The highest status kept.</param>
/// <param name="Refused">Every refused call instead of a range.</param>
public sealed record CallStatusFilter(int Min, int Max, bool Refused = false)
{
    /// <summary>Every refused call.</summary>
    public static CallStatusFilter RefusedCalls { get; } = new(0, 0, Refused: true);

    /// <summary>
    /// Reads <c>200</c>, <c>0</c> (reset), <c>4xx</c> (a class, 1xx to 5xx), or <c>refused</c>;
    /// null when <paramref name="text"/> is none of them.
    /// </summary>
    public static CallStatusFilter? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var value = text.Trim().ToLowerInvariant();
        if (value == "refused")
        {
            return RefusedCalls;
        }

        if (value.Length == 3 && value[0] is >= '1' and <= '5' && value[1..] == "xx")
        {
            var hundreds = (value[0] - '0') * 100;
            return new CallStatusFilter(hundreds, hundreds + 99);
        }

        return value.Length is >= 1 and <= 3 && value.All(char.IsAsciiDigit) && int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) is var code
            && (code == 0 || code is >= 100 and <= 599)
            ? new CallStatusFilter(code, code)
            : null;
    }
}
