using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Waharoa.Calls;

namespace Waharoa.Server.Calls;

/// <summary>
/// Turns a captured call into its record: what the call's notes lack is read from the call itself (the client from its
/// credentials, the SOAP operation from the body, the IRD number, IR's code from the answer, what the caller did wrong
/// that shows in the request), then everything is redacted (<see cref="CallRedaction"/>).
/// </summary>
internal static partial class CallReading
{
    /// <summary>xIAMS's grant type of validate and delete (the seed documents'), on the wire as IR gives it.</summary>
    private const string XiamsResourceAccessGrant = "oracle-idm:/oauth/grant-type/resource-access-token/jwt";

    /// <summary>IR's limit on an M2M JWT's lifetime (<c>exp</c> − <c>iat</c>).</summary>
    public static readonly TimeSpan M2mLifetime = TimeSpan.FromHours(8);

    public static RecordedCall Record(CapturedCall call)
    {
        var notes = call.Notes;
        var oauth = call.Area == "oauth";
        var requestType = HeaderOf(call.RequestHeaders, "Content-Type");
        var responseType = HeaderOf(call.ResponseHeaders, "Content-Type");
        var requestBody = TextOf(call.RequestBody);
        var responseBody = TextOf(call.ResponseBody);
        var authorization = HeaderOf(call.RequestHeaders, "Authorization")?.Trim();
        var form = requestType?.Contains("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true ? FormOf(requestBody) : null;
        var query = QueryOf(call.PathAndQuery);
        var path = call.PathAndQuery.Split('?')[0];

        var flags = new List<string>(notes.Flags);
        void Flag(string flag)
        {
            if (!flags.Contains(flag))
            {
                flags.Add(flag);
            }
        }

        if (CallRedaction.HasSecretInQuery(call.PathAndQuery))
        {
            Flag(CallFlags.SecretInQuery);
        }

        // An M2M JWT is sent bare in the Authorization header.
        var m2m = authorization is { Length: > 0 } && !authorization.Contains(' ', StringComparison.Ordinal) && CallRedaction.IsJwt(authorization) ? authorization : null;
        if (!oauth)
        {
            if (string.IsNullOrEmpty(authorization))
            {
                Flag(CallFlags.NoToken);
            }

            if (m2m is not null)
            {
                if (call.Endpoint == "desktop")
                {
                    Flag(CallFlags.M2mOnDesktop);
                }

                if (CallRedaction.Payload(m2m) is { } claims && Seconds(claims, "iat") is { } iat && Seconds(claims, "exp") is { } exp)
                {
                    if (exp - iat > M2mLifetime.TotalSeconds)
                    {
                        Flag(CallFlags.M2mLifetimeOver8Hours);
                    }

                    if (exp <= call.At.ToUnixTimeSeconds())
                    {
                        Flag(CallFlags.TokenExpired);
                    }
                }
            }
        }

        var clientId = notes.ClientId ?? BasicClientId(authorization) ?? Value(form, "client_id") ?? Value(query, "client_id") ?? TokenClientId(authorization, m2m is not null);
        var service = notes.Service ?? (oauth ? DialectOf(path) : null);
        var operation = notes.Operation ?? (oauth ? OAuthOperation(path, call.Method, form) : SoapOperation(requestBody) ?? RestResource(path));
        var grantType = notes.GrantType ?? Value(form, "grant_type");
        var irCode = notes.IrCode ?? (oauth ? OAuthError(responseBody, HeaderOf(call.ResponseHeaders, "Location")) : GatewayCode(responseBody));
        var ird = notes.IrdNumber ?? (oauth ? null : IrdOf(requestBody, call.PathAndQuery));
        return new RecordedCall(
            0,
            call.At,
            Math.Round(call.DurationMs, 3),
            clientId,
            call.Endpoint,
            call.Area,
            service,
            operation,
            grantType,
            notes.Authentication,
            notes.Logon,
            ird,
            call.Method,
            CallRedaction.PathAndQuery(call.PathAndQuery),
            call.Status,
            irCode,
            notes.Reason,
            notes.Scenario,
            flags,
            CallRedaction.Headers(call.RequestHeaders),
            CallRedaction.Body(requestBody, requestType, codeIsSecret: oauth) + Truncation(call.RequestBody),
            CallRedaction.Headers(call.ResponseHeaders),
            CallRedaction.Body(responseBody, responseType, codeIsSecret: oauth) + Truncation(call.ResponseBody));
    }

    private static string Truncation(BodyCapture body) => body.Truncated ? "\n[… cut at " + body.Length + " bytes]" : "";

    private static string TextOf(BodyCapture body) => body.Length == 0 ? "" : Encoding.UTF8.GetString(body.Bytes);

    private static string? HeaderOf(KeyValuePair<string, string>[] headers, string name)
    {
        foreach (var (key, value) in headers)
        {
            if (key.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    private static Dictionary<string, string>? FormOf(string text)
    {
        if (text.Length == 0)
        {
            return null;
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in text.Split('&'))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                fields.TryAdd(Unescape(pair[..eq]), Unescape(pair[(eq + 1)..]));
            }
        }

        return fields;
    }

    private static Dictionary<string, string>? QueryOf(string pathAndQuery)
    {
        var q = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        return q < 0 ? null : FormOf(pathAndQuery[(q + 1)..]);
    }

    private static string Unescape(string value) => CallRedaction.SafeUnescape(value);

    private static string? Value(Dictionary<string, string>? fields, string name) =>
        fields is not null && fields.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    private static double? Seconds(JsonElement claims, string name) =>
        claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var seconds) ? seconds : null;

    /// <summary>The client id of HTTP Basic client credentials.</summary>
    private static string? BasicClientId(string? authorization)
    {
        if (authorization is null || !authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization[6..].Trim()));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon > 0 ? Unescape(decoded[..colon]) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>The client a JWT presented at the gateway names (unverified: for the record only).</summary>
    private static string? TokenClientId(string? authorization, bool m2m)
    {
        var token = authorization is null ? null
            : m2m ? authorization
            : authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : null;
        if (token is null || !CallRedaction.IsJwt(token) || CallRedaction.Payload(token) is not { } claims)
        {
            return null;
        }

        foreach (var name in m2m ? new[] { "iss", "sub" } : ["client_id", "azp", "aud"])
        {
            if (claims.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } id)
            {
                return id;
            }
        }

        return null;
    }

    private static string? DialectOf(string path) =>
        path.StartsWith("/ms_oauth/", StringComparison.OrdinalIgnoreCase) ? "xiams"
        : path.StartsWith("/gateway3/", StringComparison.OrdinalIgnoreCase) ? "start"
        : "myir";

    private static string OAuthOperation(string path, string method, Dictionary<string, string>? form)
    {
        var last = path.TrimEnd('/')[(path.TrimEnd('/').LastIndexOf('/') + 1)..].ToLowerInvariant();
        return last switch
        {
            "tokens" when Value(form, "grant_type") == XiamsResourceAccessGrant =>
                Value(form, "oracle_token_action") is { } action && action.Contains("delete", StringComparison.OrdinalIgnoreCase) ? "revoke" : "validate",
            "tokens" when HttpMethods.IsDelete(method) => "revoke",
            "tokens" => "token",
            _ => last,
        };
    }

    /// <summary>The SOAP operation: the first element inside the envelope's Body.</summary>
    internal static string? SoapOperation(string body) =>
        body.Length > 0 && SoapBodyElement().Match(body) is { Success: true } m ? m.Groups["op"].Value : null;

    /// <summary>The REST resource: the path's last two segments (<c>account/list</c>).</summary>
    private static string? RestResource(string path)
    {
        // The last two segments that are not empty, joined by one slash.
        var rest = path.AsSpan().TrimEnd('/');
        if (rest.IsEmpty)
        {
            return null;
        }

        var cut = rest.LastIndexOf('/');
        var last = rest[(cut + 1)..];
        var before = cut < 0 ? default : rest[..cut].TrimEnd('/');
        var second = before[(before.LastIndexOf('/') + 1)..];
        return (second.IsEmpty ? last.ToString() : string.Concat(second, "/", last)).ToLowerInvariant();
    }

    private static string? OAuthError(string body, string? location)
    {
        if (body.Length > 0 && OAuthErrorField().Match(body) is { Success: true } m)
        {
            return m.Groups["code"].Value;
        }

        return location is not null && LocationError().Match(location) is { Success: true } l ? Unescape(l.Groups["code"].Value) : null;
    }

    /// <summary>IR's code: a SOAP <c>statusCode</c>, an Account API <c>EVxxxx</c>, the gateway's own error code.</summary>
    private static string? GatewayCode(string body)
    {
        if (body.Length == 0)
        {
            return null;
        }

        if (StatusCode().Match(body) is { Success: true } status)
        {
            return status.Groups["code"].Value;
        }

        if (EvCode().Match(body) is { Success: true } ev)
        {
            return ev.Value;
        }

        return SoapFaultReason().Match(body) is { Success: true } fault ? fault.Groups["reason"].Value.Trim() : null;
    }

    private static string? IrdOf(string body, string pathAndQuery)
    {
        if (body.Length > 0 && IrdElement().Match(body) is { Success: true } element)
        {
            return element.Groups["ird"].Value;
        }

        return CustomerId().Match(body.Length > 0 ? body : "") is { Success: true } json ? json.Groups["ird"].Value
            : CustomerId().Match(pathAndQuery) is { Success: true } query ? query.Groups["ird"].Value
            : null;
    }

    [GeneratedRegex(@"<(?:[\w-]+:)?Body\b[^>]*>\s*(?:<!--.*?-->\s*)*<(?:[\w-]+:)?(?<op>[\w-]+)", RegexOptions.Singleline)]
    private static partial Regex SoapBodyElement();

    [GeneratedRegex(@"""error""\s*:\s*""(?<code>[^""]+)""")]
    private static partial Regex OAuthErrorField();

    [GeneratedRegex(@"[?&#]error=(?<code>[^&]+)")]
    private static partial Regex LocationError();

    [GeneratedRegex(@"<(?:[\w-]+:)?statusCode>\s*(?<code>-?\d+)\s*<")]
    private static partial Regex StatusCode();

    [GeneratedRegex(@"\bEV\d{4}\b")]
    private static partial Regex EvCode();

    [GeneratedRegex(@"<(?:[\w-]+:)?Text\b[^>]*>(?<reason>[^<]+)<")]
    private static partial Regex SoapFaultReason();

    [GeneratedRegex(@"<(?:[\w-]+:)?(?:irdNumber|customerId|clientId|customerIRD|clientIRD|employerIRD|employerIrd|payerIRD|identifierValue|IRD)\b[^>]*>\s*(?<ird>\d{8,9})\s*<", RegexOptions.IgnoreCase)]
    private static partial Regex IrdElement();

    [GeneratedRegex(@"CustomerID""?\s*[:=]\s*""?(?<ird>\d{8,9})", RegexOptions.IgnoreCase)]
    private static partial Regex CustomerId();
}
