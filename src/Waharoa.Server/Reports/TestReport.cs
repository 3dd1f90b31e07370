using System.Text.RegularExpressions;
using Waharoa.Calls;

namespace Waharoa.Server.Reports;

/// <summary>
/// IR's test report for one template, filled in from a DSP client's recorded calls: every scenario ID, exercised or not, with
/// the calls Waharoa took for it as evidence, what IR expects and what the calls got.
/// </summary>
internal sealed record TestReport(ReportTemplate Template, string ClientId, DateTimeOffset? From, DateTimeOffset? To, IReadOnlyList<ScenarioResult> Scenarios)
{
    /// <summary>How many scenarios the calls exercised.</summary>
    public int Exercised => Scenarios.Count(s => s.Calls.Count > 0);

    /// <summary>
    /// Takes each of <paramref name="calls"/> (one client's) for the template's scenarios it exercised. A call goes to the
    /// scenarios of its operation whose distinguishing features it shows (no token, an invalid token, the test data, the form
    /// type or tax code the row names), the most specific ones only; a call that shows none of them goes to the operation's
    /// plain scenarios whose expected outcome it got, since nothing else tells those apart.
    /// </summary>
    public static TestReport Build(ReportTemplate template, string clientId, IReadOnlyList<RecordedCall> calls, DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(calls);
        // By row, not by ID: IR's Intermediation template has two rows each for TARC01 and BKUPD01.
        var evidence = new Dictionary<ReportScenario, List<ScenarioEvidence>>(ReferenceEqualityComparer.Instance);
        foreach (var scenario in template.Scenarios)
        {
            evidence[scenario] = [];
        }

        foreach (var call in calls.Where(c => Covers(template, c)).OrderBy(c => c.At).ThenBy(c => c.Id))
        {
            var outcome = CallOutcome.Of(template, call);
            var operation = OperationOf(template, call);
            var shown = template.Scenarios.Where(s => s.Operation == operation && Shows(call, s)).ToList();
            if (shown.Count == 0)
            {
                continue;
            }

            var best = shown.Max(s => s.Specificity);
            var taken = best > 0
                ? shown.Where(s => s.Specificity == best).ToList()
                : shown.Where(s => s.Expected.IsMetBy(outcome) != false).ToList();

            // A plain call that got what none of its operation's plain scenarios expects fails the one there is; with several,
            // nothing says which it was meant for.
            if (taken.Count == 0 && shown.Count == 1)
            {
                taken = shown;
            }

            foreach (var scenario in taken)
            {
                var by = best > 0 ? Features(scenario) : "operation and outcome";
                evidence[scenario].Add(new ScenarioEvidence(call, outcome, by, taken.Count > 1 ? [.. taken.Where(t => t != scenario).Select(t => t.Id)] : []));
            }
        }

        return new TestReport(template, clientId, from, to, [.. template.Scenarios.Select(s => new ScenarioResult(s, evidence[s]))]);
    }

    /// <summary>The call's operation as the templates name them (the Account API's by the last part of its path).</summary>
    private static string? OperationOf(ReportTemplate template, RecordedCall call) =>
        template.Service == "account-api" ? (call.Operation ?? call.Path).Split('?')[0].TrimEnd('/').Split('/')[^1] : call.Operation;

    private static bool Covers(ReportTemplate template, RecordedCall call)
    {
        // The Account API's calls are recorded under its route's service name, "account".
        var service = call.Service == "account" ? "account-api" : call.Service;
        if (call.Area != "gateway" || !string.Equals(service, template.Service, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var isEi = call.RequestBody.Contains("ReturnEI", StringComparison.Ordinal) || call.RequestBody.Contains(">EI<", StringComparison.Ordinal);
        return template.Variant switch
        {
            ReportVariant.Gst => !isEi,
            ReportVariant.EmploymentInformation => isEi,
            _ => true,
        };
    }

    private static bool Shows(RecordedCall call, ReportScenario scenario)
    {
        // A scenario that says nothing of tokens is about a call with a good one: a call without one exercises no success.
        if (CallOutcome.TokenOf(call) != scenario.Token)
        {
            return false;
        }

        if (scenario.TestData.Count > 0 && !scenario.TestData.Any(d => call.RequestBody.Contains(d, StringComparison.Ordinal) || call.IrdNumber == d))
        {
            return false;
        }

        return scenario.PayloadValues.All(v => call.RequestBody.Contains(v, StringComparison.Ordinal));
    }

    private static string Features(ReportScenario scenario)
    {
        var features = new List<string>();
        if (scenario.Token is { } token)
        {
            features.Add(token == TokenUse.None ? "no token" : "an invalid token");
        }

        if (scenario.TestData.Count > 0)
        {
            features.Add("test data " + string.Join("/", scenario.TestData));
        }

        features.AddRange(scenario.PayloadValues.Select(v => v.Trim('<', '>')));
        return string.Join(", ", features);
    }
}

/// <summary>A scenario of the report with the calls taken for it (oldest first).</summary>
internal sealed record ScenarioResult(ReportScenario Scenario, IReadOnlyList<ScenarioEvidence> Calls)
{
    /// <summary>
    /// <c>Pass</c> when the latest call got the expected outcome, <c>Fail</c> when not, <c>Review</c> when the template does not
    /// say what to expect or the call could equally be another scenario, <c>Not exercised</c>.
    /// </summary>
    public string Result => Calls.Count == 0 ? "Not exercised"
        : Calls[^1].AlsoCouldBe.Count > 0 ? "Review"
        : Scenario.Expected.IsMetBy(Calls[^1].Outcome) switch
        {
            true => "Pass",
            false => "Fail",
            null => "Review",
        };
}

/// <summary>A call taken for a scenario: the call, its outcome, what it was recognised by, and the scenarios it could equally be.</summary>
internal sealed record ScenarioEvidence(RecordedCall Call, CallOutcome Outcome, string RecognisedBy, IReadOnlyList<string> AlsoCouldBe);

/// <summary>What a call got, in the template's terms: success, or the code IR answered.</summary>
internal sealed partial record CallOutcome(bool Succeeded, string? Code)
{
    public static CallOutcome Of(ReportTemplate template, RecordedCall call)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(call);
        if (template.Service == "account-api")
        {
            var ok = call.Status is >= 200 and < 300;
            return new CallOutcome(ok, ok ? null : call.IrCode ?? call.Status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        // The SOAP body's statusCode is what IR's templates speak of; a code noted otherwise (a gateway refusal's) comes after it.
        var code = StatusCode().Match(call.ResponseBody) is { Success: true } m ? m.Groups[1].Value
            : call.IrCode is { } noted && int.TryParse(noted, System.Globalization.CultureInfo.InvariantCulture, out _) ? noted
            : null;

        if (code is null && call.Status is 401)
        {
            // The gateway's refusal of a missing or bad token: the SOAP fault IR sends before the service answers.
            code = CallOutcome.TokenOf(call) == TokenUse.None ? "2" : "1";
        }

        return new CallOutcome(code == "0", code ?? (call.Status == 0 ? "reset" : "HTTP " + call.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>How the call used a token: none, one the server refused as expired or revoked or unknown, or a good one (null).</summary>
    public static TokenUse? TokenOf(RecordedCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var sent = call.RequestHeaders.Split('\n').Any(l => l.StartsWith("Authorization:", StringComparison.OrdinalIgnoreCase));
        if (!sent || call.Flags.Contains(CallFlags.NoToken))
        {
            return TokenUse.None;
        }

        return call.Flags.Contains(CallFlags.TokenExpired) || call.Flags.Contains(CallFlags.TokenRevoked) || call.Status == 401 || call.IrCode == "1"
            ? TokenUse.Invalid
            : null;
    }

    /// <summary>For people: <c>success</c>, <c>status 4</c>, <c>ACT100</c>, <c>HTTP 504</c>.</summary>
    public override string ToString() => Succeeded ? "success" : Code is { } c && c.All(ch => char.IsDigit(ch) || ch == '-') ? "status " + c : Code ?? "failure";

    [GeneratedRegex(@"<(?:\w+:)?statusCode>\s*(-?\d+)\s*</")]
    private static partial Regex StatusCode();
}
