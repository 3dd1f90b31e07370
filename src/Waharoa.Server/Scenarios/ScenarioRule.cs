using System.Globalization;
using System.Text.RegularExpressions;
using Waharoa.Server.Sandbox.AccountApi;

namespace Waharoa.Server.Scenarios;

/// <summary>What a rule does to a call it matches.</summary>
internal enum ScenarioOutcome
{
    Status,
    AccountApi,
    OAuthError,
    GatewayTimeout,
    Throttle,
    UnauthorisedFault,
    Latency,
    Reset,
    Pass,
}

/// <summary>
/// A checked scenario rule: where it acts (the gateway or the OAuth endpoints), what it matches, its outcome and its limit.
/// Made only by <see cref="Compile"/>, which refuses, in plain words, an outcome IR does not document for the service.
/// </summary>
internal sealed partial class ScenarioRule
{
    public static readonly string[] OutcomeNames =
        ["status", "account-api", "oauth-error", "gateway-timeout", "throttle", "unauthorised-fault", "latency", "reset", "pass"];

    private static readonly TimeSpan LongestDelay = TimeSpan.FromMinutes(10);

    private ScenarioRule(ScenarioDefinition definition, string name)
    {
        Definition = definition;
        Name = name;
    }

    public ScenarioDefinition Definition { get; }

    public string Name { get; }

    /// <summary>True for a rule in front of the OAuth endpoints; false for one in the gateway.</summary>
    public bool OnOAuth { get; private init; }

    public string? Client { get; private init; }

    public string? Endpoint { get; private init; }

    public string? Service { get; private init; }

    public string? Operation { get; private init; }

    public string? Ird { get; private init; }

    public string? Logon { get; private init; }

    public string? Dialect { get; private init; }

    public string? GrantType { get; private init; }

    public ScenarioOutcome Outcome { get; private init; }

    public ScenarioCatalogue.Status? Status { get; private init; }

    public AccountApiRefusal? AccountApiError { get; private init; }

    public ScenarioCatalogue.OAuthError? OAuthError { get; private init; }

    public TimeSpan RetryAfter { get; private init; }

    public TimeSpan Delay { get; private init; }

    public long? Count { get; private init; }

    public double? Share { get; private init; }

    public DateTimeOffset? From { get; private init; }

    public DateTimeOffset? To { get; private init; }

    /// <summary>True when matching needs the request's body (the SOAP operation or an IRD number).</summary>
    public bool NeedsBody => Ird is not null || (Operation is not null && !OnOAuth);

    /// <summary>True when the rule acts at <paramref name="now"/> (its window, if any, holds it).</summary>
    public bool InWindow(DateTimeOffset now) => (From is null || now >= From) && (To is null || now < To);

    /// <summary>Checks <paramref name="definition"/>; <paramref name="isRoute"/> tells a configured gateway route's name.</summary>
    public static ScenarioRule Compile(ScenarioDefinition definition, Func<string, bool> isRoute)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var name = definition.Name?.Trim();
        if (string.IsNullOrEmpty(name) || !NamePattern().IsMatch(name))
        {
            throw new ScenarioException("name", "A rule needs a name of 1 to 100 letters, digits, '.', '_' or '-'.");
        }

        var match = definition.Match ?? new ScenarioMatch();
        var answer = definition.Answer ?? throw new ScenarioException("answer", $"Rule '{name}' has no answer: give answer.outcome, one of {string.Join(", ", OutcomeNames)}.");
        var limit = definition.Limit ?? new ScenarioLimit();

        var endpoint = Lower(match.Endpoint);
        if (endpoint is not null and not ("desktop" or "cloud"))
        {
            throw new ScenarioException("match.endpoint", $"'{match.Endpoint}' is no endpoint: desktop or cloud.");
        }

        var dialect = Lower(match.Dialect);
        if (dialect is not null and not ("xiams" or "start"))
        {
            throw new ScenarioException("match.dialect", $"'{match.Dialect}' is no OAuth dialect: xiams or start.");
        }

        var service = Lower(match.Service);
        if (service is "account")
        {
            service = ScenarioCatalogue.AccountApi;
        }

        if (service is not null && !ScenarioCatalogue.Services.Contains(service) && !isRoute(match.Service!.Trim()))
        {
            throw new ScenarioException("match.service",
                $"'{match.Service}' is no service: one of {string.Join(", ", ScenarioCatalogue.Services)}, or a configured route's name.");
        }

        var grantType = Blank(match.GrantType);
        var onOAuth = service == ScenarioCatalogue.OAuth || dialect is not null || grantType is not null;
        if (onOAuth && service is not null && service != ScenarioCatalogue.OAuth)
        {
            throw new ScenarioException("match.service", $"A rule on the OAuth endpoints (dialect or grantType given) cannot name the service '{service}'.");
        }

        var operation = Blank(match.Operation);
        if (onOAuth && operation is not null)
        {
            operation = operation.ToLowerInvariant();
            if (!ScenarioCatalogue.OAuthOperations.Contains(operation))
            {
                throw new ScenarioException("match.operation", $"'{match.Operation}' is no OAuth call: one of {string.Join(", ", ScenarioCatalogue.OAuthOperations)}.");
            }
        }

        var ird = Blank(match.Ird)?.Replace("-", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal);
        if (ird is { Length: 8 } && ird.All(char.IsAsciiDigit))
        {
            ird = "0" + ird;
        }

        if (onOAuth && (ird is not null || match.Logon is not null))
        {
            throw new ScenarioException("match", "The OAuth endpoints are matched by client, endpoint, dialect, operation and grantType; ird and logon match gateway calls only.");
        }

        var outcomeName = Lower(answer.Outcome);
        var index = outcomeName is null ? -1 : Array.IndexOf(OutcomeNames, outcomeName);
        if (index < 0)
        {
            throw new ScenarioException("answer.outcome", $"'{answer.Outcome}' is no outcome: one of {string.Join(", ", OutcomeNames)}.");
        }

        var outcome = (ScenarioOutcome)index;
        var rule = new ScenarioRule(definition, name)
        {
            OnOAuth = onOAuth,
            Client = Blank(match.Client),
            Endpoint = endpoint,
            Service = service,
            Operation = operation,
            Ird = ird,
            Logon = Blank(match.Logon),
            Dialect = dialect,
            GrantType = grantType,
            Outcome = outcome,
            Count = limit.Count,
            Share = limit.Share,
            From = limit.From,
            To = limit.To,
        };
        rule = outcome switch
        {
            ScenarioOutcome.Status => WithStatus(rule, service, answer),
            ScenarioOutcome.AccountApi => WithAccountApiError(rule, service, answer),
            ScenarioOutcome.OAuthError => WithOAuthError(rule, onOAuth, dialect, operation, answer),
            ScenarioOutcome.GatewayTimeout when onOAuth => throw new ScenarioException("answer.outcome", "IR documents no 504 GatewayError for its OAuth endpoints: gateway-timeout is for gateway services."),
            ScenarioOutcome.UnauthorisedFault when service is null || !ScenarioCatalogue.SoapServices.Contains(service) =>
                throw new ScenarioException("answer.outcome", $"The UnAuthorised fault is a SOAP service's: name the service, one of {string.Join(", ", ScenarioCatalogue.SoapServices)}."),
            ScenarioOutcome.Throttle when onOAuth && operation is "authorize" => throw new ScenarioException("answer.outcome", "The authorize page has no throttled answer: throttle the token, validate, revoke or introspect calls."),
            ScenarioOutcome.Throttle => rule.With(retryAfter: TimeSpan.FromSeconds(answer.RetryAfter is int s and > 0 and <= 86_400 ? s
                : answer.RetryAfter is null ? 30 : throw new ScenarioException("answer.retryAfter", "retryAfter is whole seconds, 1 to 86400."))),
            ScenarioOutcome.Latency => rule.With(delay: ParseDelay(answer.Delay)),
            _ => rule,
        };

        if (limit.Count is < 1)
        {
            throw new ScenarioException("limit.count", "limit.count is the number of calls to act on: 1 or more.");
        }

        if (limit.Share is not null && (limit.Share <= 0 || limit.Share > 1 || double.IsNaN(limit.Share.Value)))
        {
            throw new ScenarioException("limit.share", "limit.share is the share of matching calls to act on: more than 0, at most 1.");
        }

        if (limit.From is not null && limit.To is not null && limit.From >= limit.To)
        {
            throw new ScenarioException("limit.to", "limit.to must be after limit.from.");
        }

        return rule;
    }

    private ScenarioRule With(TimeSpan? retryAfter = null, TimeSpan? delay = null, ScenarioCatalogue.Status? status = null, AccountApiRefusal? accountApi = null,
        ScenarioCatalogue.OAuthError? oauth = null) => new(Definition, Name)
    {
        OnOAuth = OnOAuth,
        Client = Client,
        Endpoint = Endpoint,
        Service = Service,
        Operation = Operation,
        Ird = Ird,
        Logon = Logon,
        Dialect = Dialect,
        GrantType = GrantType,
        Outcome = Outcome,
        Count = Count,
        Share = Share,
        From = From,
        To = To,
        RetryAfter = retryAfter ?? RetryAfter,
        Delay = delay ?? Delay,
        Status = status ?? Status,
        AccountApiError = accountApi ?? AccountApiError,
        OAuthError = oauth ?? OAuthError,
    };

    private static ScenarioRule WithStatus(ScenarioRule rule, string? service, ScenarioAnswer answer)
    {
        if (service is null || !ScenarioCatalogue.SoapServices.Contains(service))
        {
            throw new ScenarioException("match.service",
                $"A SOAP status needs a SOAP service: match.service must be one of {string.Join(", ", ScenarioCatalogue.SoapServices)}.");
        }

        var documented = ScenarioCatalogue.SoapStatuses[service];
        if (!int.TryParse(answer.Code, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var code) || ScenarioCatalogue.SoapStatus(service, code) is not { } status)
        {
            throw new ScenarioException("answer.code",
                $"IR documents no status '{answer.Code}' for the {service} service; its statuses are {string.Join(", ", documented.Select(s => s.Code.ToString(CultureInfo.InvariantCulture)))}.");
        }

        return rule.With(status: status);
    }

    private static ScenarioRule WithAccountApiError(ScenarioRule rule, string? service, ScenarioAnswer answer)
    {
        if (service != ScenarioCatalogue.AccountApi)
        {
            throw new ScenarioException("match.service", "An Account API error needs match.service account-api.");
        }

        var code = Blank(answer.Code)?.ToUpperInvariant();
        if (code is null || !ScenarioCatalogue.AccountApiErrors.TryGetValue(code, out var refusal))
        {
            throw new ScenarioException("answer.code",
                $"IR documents no error '{answer.Code}' for the account-api service; its errors are {string.Join(", ", ScenarioCatalogue.AccountApiErrors.Keys)}.");
        }

        return rule.With(accountApi: refusal);
    }

    private static ScenarioRule WithOAuthError(ScenarioRule rule, bool onOAuth, string? dialect, string? operation, ScenarioAnswer answer)
    {
        if (!onOAuth || dialect is null)
        {
            throw new ScenarioException("match.dialect", "An OAuth error is a dialect's own: name match.dialect, xiams or start.");
        }

        if (operation is "authorize")
        {
            throw new ScenarioException("match.operation", "The authorize call answers on a page, not with an OAuth error body: inject OAuth errors on token, validate, revoke or introspect.");
        }

        var errors = ScenarioCatalogue.OAuthErrors(dialect);
        var code = Blank(answer.Code);
        var candidates = errors.Where(e => e.Error == code).ToList();
        if (candidates.Count == 0)
        {
            throw new ScenarioException("answer.code",
                $"IR documents no OAuth error '{answer.Code}' for the {dialect} dialect; its errors are {string.Join(", ", errors.Select(e => e.Error).Distinct())}.");
        }

        var chosen = answer.Description is null ? candidates[0] : candidates.FirstOrDefault(e => e.Description == answer.Description)
            ?? throw new ScenarioException("answer.description",
                $"IR's texts of {code} in the {dialect} dialect are: {string.Join(" | ", candidates.Select(e => e.Description))}.");
        return rule.With(oauth: chosen);
    }

    private static TimeSpan ParseDelay(string? text)
    {
        var value = Blank(text);
        TimeSpan? delay = null;
        if (value is not null && DelayPattern().Match(value) is { Success: true } m)
        {
            var amount = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            delay = m.Groups[2].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(amount),
                "m" => TimeSpan.FromMinutes(amount),
                _ => TimeSpan.FromSeconds(amount),
            };
        }

        if (delay is not { } d || d <= TimeSpan.Zero || d > LongestDelay)
        {
            throw new ScenarioException("answer.delay", $"'{text}' is no delay: give one up to 10 minutes, e.g. 1500ms, 2s, 90s or 2m.");
        }

        return d;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string? Lower(string? value) => Blank(value)?.ToLowerInvariant();

    [GeneratedRegex("^[A-Za-z0-9._-]{1,100}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^([0-9]+(?:\.[0-9]+)?)\s*(ms|s|m)?$")]
    private static partial Regex DelayPattern();
}

/// <summary>A rule that cannot be taken: which field, and why.</summary>
internal sealed class ScenarioException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
