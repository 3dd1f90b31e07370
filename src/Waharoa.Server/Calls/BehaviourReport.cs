using System.Globalization;
using System.Text;
using Waharoa.Calls;

namespace Waharoa.Server.Calls;

/// <summary>A client's behaviour over a time window, checked against IR's rules.</summary>
/// <param name="ClientId">The client.</param>
/// <param name="From">The window's start (null: from the oldest call kept).</param>
/// <param name="To">The window's end (null: up to now).</param>
/// <param name="CallsRead">How many recorded calls were checked.</param>
/// <param name="Findings">What the client did against IR's rules; empty when nothing.</param>
public sealed record BehaviourReport(string ClientId, DateTimeOffset? From, DateTimeOffset? To, int CallsRead, IReadOnlyList<BehaviourFinding> Findings);

/// <summary>One rule the client broke, where IR states it, and the calls that broke it.</summary>
/// <param name="Rule">The finding's id (<c>fault-retried-too-soon</c>, a <see cref="CallFlags"/> value…).</param>
/// <param name="Title">What the client did, in plain words.</param>
/// <param name="Document">IR's document that states the rule.</param>
/// <param name="Section">The section of that document.</param>
/// <param name="Requirement">IR's rule, as the document gives it.</param>
/// <param name="Calls">The offending calls, oldest first.</param>
public sealed record BehaviourFinding(string Rule, string Title, string Document, string Section, string Requirement, IReadOnlyList<OffendingCall> Calls);

/// <summary>A call named by a finding.</summary>
public sealed record OffendingCall(long Id, DateTimeOffset At, string? Service, string? Operation, string Method, string Path, int Status, string? Note);

/// <summary>Works out the <see cref="BehaviourReport"/> from a client's recorded calls.</summary>
internal static class BehaviourRules
{
    /// <summary>How soon after a fault a retry is too soon: IR's "at least five seconds".</summary>
    public static readonly TimeSpan FaultRetryWait = TimeSpan.FromSeconds(5);

    private const string IdentityBuildPack = "Identity and Access Services build pack";
    private const string IntermediationBuildPack = "Build pack: Intermediation Service";
    private const string ServiceEndpoints = "Service endpoints";

    private static readonly (string Rule, string Title, string Document, string Section, string Requirement)[] FlagRules =
    [
        (CallFlags.RefreshTokenReused, "Reused a START refresh token", IdentityBuildPack, "2.1.4 Refresh Token Service",
            "A previously used refresh token sent to the token service invalidates the whole token set (refresh tokens can only be used once)."),
        (CallFlags.TokenExpired, "Used an expired token", IdentityBuildPack, "2.1.4 Refresh Token Service",
            "If the Access Token has expired, the client can request another Access Token using the Refresh Token and client credentials."),
        (CallFlags.TokenRevoked, "Used a revoked token", IdentityBuildPack, "2.1.6 Revocation Token Service (Revoke)",
            "A revoked token (or one of a revoked token set) is no longer valid; the user must authorise the client again."),
        (CallFlags.M2mLifetimeOver8Hours, "Sent an M2M JWT whose lifetime is over 8 hours", IdentityBuildPack, "2.4 M2M using Client Signed JWT",
            "exp: must not exceed 8 hours from the iat issue time value."),
        (CallFlags.M2mOnDesktop, "Sent an M2M JWT to the desktop endpoint", ServiceEndpoints, "Desktop connection endpoints",
            "The desktop endpoint takes Token Auth (OAuth 2.0) for end-users only; M2M organisational authentication is on the cloud endpoint (Cloud-based connection endpoints)."),
        (CallFlags.NoToken, "Called a gateway service without a token", IntermediationBuildPack, "5.1 Generic Gateway response codes",
            "Status 2 \"Missing\": tokens were not included in the HTTP header as required."),
        (CallFlags.LogonWhileRefreshValid, "Started a new logon while holding a valid refresh token", IdentityBuildPack, "2.1.7 Security Considerations",
            "Each new logon by a user will result in a new Access and Refresh token set; the refresh token (1 year) is to be held and exchanged, not replaced by a new logon."),
        (CallFlags.SecretInQuery, "Sent a secret (client secret, password or token) in a query string", IdentityBuildPack, "2.1.7 Security Considerations",
            "Protecting the integrity of the Client Secret is an important requirement for providers; if the Client Secret is compromised, it shall be invalidated."),
    ];

    /// <summary>The report of <paramref name="clientId"/> from its calls (any order), with refresh tokens living <paramref name="refreshLifetime"/>.</summary>
    public static BehaviourReport Build(string clientId, DateTimeOffset? from, DateTimeOffset? to, IReadOnlyList<RecordedCall> calls, TimeSpan refreshLifetime)
    {
        var ordered = calls.OrderBy(c => c.At).ThenBy(c => c.Id).ToList();
        var findings = new List<BehaviourFinding>();

        var tooSoon = FaultsRetriedTooSoon(ordered);
        if (tooSoon.Count > 0)
        {
            findings.Add(new("fault-retried-too-soon", "Retried a fault sooner than 5 seconds", IntermediationBuildPack, "5.1 Generic Gateway response codes",
                "(SOAP fault) An unexpected technical fault has been detected. Depending on the context (eg if an online user is waiting), try the request again after at least five seconds.",
                tooSoon));
        }

        var ignored = RetryAfterIgnored(ordered);
        if (ignored.Count > 0)
        {
            findings.Add(new("retry-after-ignored", "Called again before Retry-After had elapsed after a 429", ServiceEndpoints, "Cloud-based connection endpoints",
                "On the cloud endpoint we have the ability to throttle traffic from digital service providers whose heavy usage may cause issues for other digital service providers (a throttled call is answered 429 with Retry-After, RFC 9110 §10.2.3).",
                ignored));
        }

        var flagged = ordered.Where(c => c.Flags.Count > 0).ToList();
        var logons = LogonsWhileRefreshValid(ordered, refreshLifetime);
        foreach (var (rule, title, document, section, requirement) in FlagRules)
        {
            var offending = flagged.Where(c => c.Flags.Contains(rule)).Select(c => Offending(c, c.Reason)).ToList();
            if (rule == CallFlags.LogonWhileRefreshValid)
            {
                offending = [.. offending.Concat(logons).DistinctBy(c => c.Id).OrderBy(c => c.At)];
            }

            if (offending.Count > 0)
            {
                findings.Add(new(rule, title, document, section, requirement, offending));
            }
        }

        return new BehaviourReport(clientId, from, to, calls.Count, findings);
    }

    private static OffendingCall Offending(RecordedCall call, string? note) =>
        new(call.Id, call.At, call.Service, call.Operation, call.Method, call.Path, call.Status, note);

    private static bool IsFault(RecordedCall call) => call.Area == "gateway" && call.Status >= 500;

    /// <summary>Calls repeating a faulted call (same service and operation) within five seconds of its answer.</summary>
    private static List<OffendingCall> FaultsRetriedTooSoon(List<RecordedCall> calls)
    {
        var found = new List<OffendingCall>();
        for (var i = 0; i < calls.Count; i++)
        {
            var fault = calls[i];
            if (!IsFault(fault))
            {
                continue;
            }

            var answeredAt = fault.At.AddMilliseconds(fault.DurationMs);
            var retry = calls.Skip(i + 1).FirstOrDefault(c => c.Area == "gateway" && c.Service == fault.Service && c.Operation == fault.Operation);
            if (retry is not null && retry.At - answeredAt < FaultRetryWait)
            {
                found.Add(Offending(retry, string.Create(CultureInfo.InvariantCulture,
                    $"{(retry.At - answeredAt).TotalSeconds:0.###} s after the fault of call {fault.Id} ({fault.Status}{(fault.IrCode is null ? "" : " " + fault.IrCode)})")));
            }
        }

        return [.. found.DistinctBy(c => c.Id)];
    }

    /// <summary>Calls on the endpoint that answered 429 made before its <c>Retry-After</c> had elapsed.</summary>
    private static List<OffendingCall> RetryAfterIgnored(List<RecordedCall> calls)
    {
        var found = new List<OffendingCall>();
        for (var i = 0; i < calls.Count; i++)
        {
            var throttled = calls[i];
            if (throttled.Status != 429 || RetryAfter(throttled.ResponseHeaders) is not { } wait)
            {
                continue;
            }

            var until = throttled.At.AddMilliseconds(throttled.DurationMs) + wait;
            foreach (var next in calls.Skip(i + 1).TakeWhile(c => c.At < until).Where(c => c.Endpoint == throttled.Endpoint && c.Area == throttled.Area))
            {
                found.Add(Offending(next, string.Create(CultureInfo.InvariantCulture,
                    $"{(until - next.At).TotalSeconds:0.###} s before the Retry-After ({wait.TotalSeconds:0} s) of call {throttled.Id} had elapsed")));
            }
        }

        return [.. found.DistinctBy(c => c.Id)];
    }

    /// <summary>Logons (the logon page, successful) by a user to whom a refresh token was issued before, still valid then.</summary>
    private static List<OffendingCall> LogonsWhileRefreshValid(List<RecordedCall> calls, TimeSpan refreshLifetime)
    {
        var found = new List<OffendingCall>();
        var issued = new Dictionary<string, DateTimeOffset>(StringComparer.OrdinalIgnoreCase);
        foreach (var call in calls)
        {
            if (call.Area != "oauth" || call.Logon is null)
            {
                continue;
            }

            if (call.Operation == "token" && call.Status == 200 && call.ResponseBody.Contains("\"refresh_token\"", StringComparison.Ordinal))
            {
                issued[call.Logon] = call.At;
            }
            else if (call.Operation == "logon" && call.Status is >= 300 and < 400 && issued.TryGetValue(call.Logon, out var at) && call.At - at < refreshLifetime)
            {
                found.Add(Offending(call, string.Create(CultureInfo.InvariantCulture, $"{call.Logon} was issued a refresh token at {at:u}")));
            }
        }

        return found;
    }

    private static TimeSpan? RetryAfter(string headers)
    {
        foreach (var line in headers.Split('\n'))
        {
            if (line.StartsWith("Retry-After:", StringComparison.OrdinalIgnoreCase)
                && double.TryParse(line["Retry-After:".Length..].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
            {
                return TimeSpan.FromSeconds(seconds);
            }
        }

        return null;
    }

    /// <summary>The report as Markdown.</summary>
    public static string Markdown(BehaviourReport report)
    {
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"# Behaviour of client {report.ClientId}\n\n");
        md.Append(CultureInfo.InvariantCulture, $"Window: {report.From?.ToString("u", CultureInfo.InvariantCulture) ?? "the oldest call kept"} to {report.To?.ToString("u", CultureInfo.InvariantCulture) ?? "now"}; {report.CallsRead} calls checked.\n\n");
        if (report.Findings.Count == 0)
        {
            md.Append("No findings: the client kept IR's rules in every call checked.\n");
            return md.ToString();
        }

        foreach (var finding in report.Findings)
        {
            md.Append(CultureInfo.InvariantCulture, $"## {finding.Title}\n\n");
            md.Append(CultureInfo.InvariantCulture, $"IR: *{finding.Document}*, section \"{finding.Section}\": {finding.Requirement}\n\n");
            md.Append("| Call | Time | Service | Operation | Status | Note |\n| --- | --- | --- | --- | --- | --- |\n");
            foreach (var call in finding.Calls)
            {
                md.Append(CultureInfo.InvariantCulture,
                    $"| {call.Id} | {call.At:yyyy-MM-dd HH:mm:ss.fff}Z | {call.Service} | {call.Operation} | {call.Status} | {call.Note?.Replace("|", "\\|", StringComparison.Ordinal)} |\n");
            }

            md.Append('\n');
        }

        return md.ToString();
    }
}
