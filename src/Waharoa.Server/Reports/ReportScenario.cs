using System.Reflection;
using System.Text.RegularExpressions;
using Waharoa.Server.Sandbox.Employment;
using Waharoa.Server.Sandbox.Intermediation;
using Waharoa.Server.Sandbox.Returns;

namespace Waharoa.Server.Reports;

/// <summary>
/// A scenario of a template with what Waharoa reads from IR's row: the service operation it exercises, the outcome IR expects
/// (a status code named or worded in the description, or the scenario type) and the features of the request that set it apart
/// from the operation's other scenarios (a missing or invalid token, the test data it names, a form type, a tax code).
/// </summary>
internal sealed partial record ReportScenario(
    string Id, string TemplateOperation, string Description, string Operation, Expectation Expected, TokenUse? Token,
    IReadOnlyList<string> TestData, IReadOnlyList<string> PayloadValues)
{
    /// <summary>How specific the scenario's features are: what a call must show to be taken for it rather than a plainer scenario.</summary>
    public int Specificity => (Token is null ? 0 : 2) + (TestData.Count > 0 ? 3 : 0) + (PayloadValues.Count > 0 ? 1 : 0);

    public static ReportScenario From(ReportTemplate template, TemplateScenario row)
    {
        var text = Normalise(row.Description);
        var token = NoToken().IsMatch(text) ? TokenUse.None : BadToken().IsMatch(text) ? TokenUse.Invalid : (TokenUse?)null;
        var data = TestDataPattern().Matches(text).Select(m => m.Value).Distinct().ToList();
        // A GST form type (GST103D) travels as the minor form type (<minorFormType>103D</minorFormType>).
        var payload = FormType().Matches(text).Select(m => ">" + m.Groups[1].Value + "<").Distinct().ToList();

        // "(other than SA / SA SL)" describes what the employee had before, not what the request sends.
        var sent = Parenthesised().Replace(text, "");
        if (TaxCodeSaSl().IsMatch(sent))
        {
            payload.Add(">SA SL<");
        }
        else if (TaxCodeSa().IsMatch(sent))
        {
            payload.Add(">SA<");
        }

        return new ReportScenario(row.Id, row.Operation, row.Description, OperationOf(template, row.Operation, text), ExpectationOf(template, row, text, token), token, data, payload);
    }

    /// <summary>The service operation (as calls are recorded) a template's operation column, or its description, names.</summary>
    private static string OperationOf(ReportTemplate template, string column, string description)
    {
        // A description that names its request ("Submit a 'terminate' request") says the operation best.
        var named = QuotedRequest().Match(description);
        var words = (named.Success ? named.Groups[1].Value : column.Length > 0 ? column : description).ToLowerInvariant().Replace(" ", "", StringComparison.Ordinal);
        return template.Service switch
        {
            "intermediation" => words switch
            {
                "linking" => "Link",
                "delinking" => "Delink",
                "retrieveclientlist" => "RetrieveClientList",
                "retrieveclient" => "RetrieveClient",
                _ => "Update",
            },
            "account-api" => words.Contains("list", StringComparison.Ordinal) ? "list" : "account",
            "employment" => words.Contains("create", StringComparison.Ordinal) ? "Create"
                : words.Contains("update", StringComparison.Ordinal) ? "Update"
                : words.Contains("terminate", StringComparison.Ordinal) ? "Terminate"
                : words.Contains("event", StringComparison.Ordinal) ? "Event"
                : "RetrieveList",
            _ => words.Contains("prepop", StringComparison.Ordinal) ? "Prepop"
                : words.Contains("status", StringComparison.Ordinal) ? "RetrieveStatus"
                : words.Contains("obligation", StringComparison.Ordinal) ? "RetrieveFilingObligations"
                : words.Contains("retrievereturn", StringComparison.Ordinal) ? "RetrieveReturn"
                : "File",
        };
    }

    /// <summary>
    /// The outcome IR's row expects: a code it names (<c>ERROR 4</c>, <c>&lt;statusCode&gt;2</c>, <c>"code": "ACT100"</c>),
    /// else the service's status whose text it quotes, else what its wording says of tokens and delegation, else its type.
    /// </summary>
    private static Expectation ExpectationOf(ReportTemplate template, TemplateScenario row, string text, TokenUse? token)
    {
        if (template.Service == "account-api")
        {
            if (AccountCode().Match(text) is { Success: true } account)
            {
                return Expectation.Code(account.Groups[1].Value);
            }
        }
        else if (StatusCodeNamed().Match(text) is { Success: true } named)
        {
            return Expectation.Code(named.Groups.Values.Skip(1).First(g => g.Success).Value);
        }

        // Waharoa refuses a software platform IR did not onboard with 5 "Unauthorised vendor", whatever text a row quotes (ES042's
        // "Authentication Failure").
        if (template.Service != "account-api" && BadSoftwarePlatform().IsMatch(text))
        {
            return Expectation.Code("5");
        }

        var quoted = StatusTexts(template.Service)
            .Where(s => s.Message.Length > 0 && text.Contains(Normalise(s.Message), StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(s => s.Message.Length)
            .FirstOrDefault();
        if (quoted.Message is not null)
        {
            return Expectation.Code(quoted.Code.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (template.Service != "account-api")
        {
            if (token == TokenUse.None)
            {
                return Expectation.Code("2");
            }

            if (token == TokenUse.Invalid)
            {
                return Expectation.Code("1");
            }

            if (Undelegated().IsMatch(text))
            {
                return Expectation.Code("4");
            }
        }

        if (row.Type == "Success" || (row.Type is null && Succeeds().IsMatch(text) && !Fails().IsMatch(text)))
        {
            return Expectation.Success;
        }

        return row.Type == "Failure" || Fails().IsMatch(text) ? Expectation.AnyFailure : Expectation.Unknown;
    }

    private static IEnumerable<(int Code, string Message)> StatusTexts(string service)
    {
        var type = service switch
        {
            "intermediation" => typeof(IntermediationStatus),
            "employment" => typeof(EmploymentStatus),
            "returns" => typeof(ReturnStatus),
            _ => null,
        };
        if (type is null)
        {
            yield break;
        }

        foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.FieldType == type))
        {
            var status = field.GetValue(null)!;
            yield return ((int)type.GetProperty("Code")!.GetValue(status)!, (string)type.GetProperty("Message")!.GetValue(status)!);
        }
    }

    private static string Normalise(string text) => text.Replace('“', '"').Replace('”', '"').Replace('‘', '\'').Replace('’', '\'');

    [GeneratedRegex(@"without (?:an? )?(?:OAUTH |authentication |valid )?token|no (?:OAUTH |authentication )?token|missing (?:authentication )?token|token is not supplied", RegexOptions.IgnoreCase)]
    private static partial Regex NoToken();

    [GeneratedRegex(@"(?:expired|invalid)(?: / invalid)?(?: OAUTH| authentication)? token|""an invalid token""|token is (?:invalid|expired)", RegexOptions.IgnoreCase)]
    private static partial Regex BadToken();

    [GeneratedRegex(@"\b\d{9}(?:[A-Z]{3}\d{3})?\b|\b\d{10}\b")]
    private static partial Regex TestDataPattern();

    [GeneratedRegex(@"\bGST(10[13][A-H])\b")]
    private static partial Regex FormType();

    [GeneratedRegex(@"\bSA SL\b")]
    private static partial Regex TaxCodeSaSl();

    [GeneratedRegex(@"'SA'|\bSA tax code\b")]
    private static partial Regex TaxCodeSa();

    [GeneratedRegex(@"""code""\s*:\s*""([A-Z]{2,3}\d{3,4})""")]
    private static partial Regex AccountCode();

    [GeneratedRegex(@"statusCode>\s*(-?\d+)|\bERROR\s+(?:CODE\s+)?(-?\d{1,3})\b|\berror code\s+(-?\d{1,3})\b", RegexOptions.IgnoreCase)]
    private static partial Regex StatusCodeNamed();

    [GeneratedRegex(@"non-linked|not linked|not (?:GST )?registered|non-registered|another employers? IRD", RegexOptions.IgnoreCase)]
    private static partial Regex Undelegated();

    [GeneratedRegex(@"\(.*?\)")]
    private static partial Regex Parenthesised();

    [GeneratedRegex(@"'(create|update|terminate|file)' request", RegexOptions.IgnoreCase)]
    private static partial Regex QuotedRequest();

    [GeneratedRegex(@"invalid Software Platform", RegexOptions.IgnoreCase)]
    private static partial Regex BadSoftwarePlatform();

    [GeneratedRegex(@"success|(?<!not )\bable to\b", RegexOptions.IgnoreCase)]
    private static partial Regex Succeeds();

    [GeneratedRegex(@"\berror\b|failure|not able|unable|not authori[sz]ed|cannot|should not", RegexOptions.IgnoreCase)]
    private static partial Regex Fails();
}

/// <summary>A token condition that sets a scenario apart.</summary>
internal enum TokenUse
{
    /// <summary>The call carries no token.</summary>
    None,

    /// <summary>The call carries a token that is expired or otherwise not valid.</summary>
    Invalid,
}

/// <summary>The outcome IR's template expects.</summary>
/// <param name="Kind">success, a code, any failure, or not stated.</param>
/// <param name="Value">The code, for <see cref="ExpectationKind.Code"/>.</param>
internal sealed record Expectation(ExpectationKind Kind, string? Value)
{
    public static readonly Expectation Success = new(ExpectationKind.Success, null);
    public static readonly Expectation AnyFailure = new(ExpectationKind.AnyFailure, null);
    public static readonly Expectation Unknown = new(ExpectationKind.Unknown, null);

    public static Expectation Code(string value) => value == "0" ? Success : new(ExpectationKind.Code, value);

    /// <summary>For people: <c>success</c>, <c>status 4</c>, <c>ACT100</c>, <c>a failure</c>, <c>see the description</c>.</summary>
    public override string ToString() => Kind switch
    {
        ExpectationKind.Success => "success",
        ExpectationKind.Code => Value!.All(c => char.IsDigit(c) || c == '-') ? "status " + Value : Value!,
        ExpectationKind.AnyFailure => "a failure",
        _ => "see the description",
    };

    /// <summary>Whether <paramref name="outcome"/> is what is expected; null when the template does not say.</summary>
    public bool? IsMetBy(CallOutcome outcome) => Kind switch
    {
        ExpectationKind.Success => outcome.Succeeded,
        ExpectationKind.Code => string.Equals(outcome.Code, Value, StringComparison.OrdinalIgnoreCase),
        ExpectationKind.AnyFailure => !outcome.Succeeded,
        _ => null,
    };
}

internal enum ExpectationKind
{
    Success,
    Code,
    AnyFailure,
    Unknown,
}
