using System.Text.Json;
using System.Text.Json.Serialization;

namespace Waharoa.Server.Scenarios;

/// <summary>
/// A scenario rule as written: in the control API's JSON (camelCase), in a seed file's <c>scenarios:</c> section (snake_case),
/// and in the store. <see cref="ScenarioRule.Compile"/> checks it.
/// </summary>
internal sealed class ScenarioDefinition
{
    /// <summary>The rule's unique name.</summary>
    public string? Name { get; set; }

    /// <summary>Which calls it acts on: every condition given must hold; none given: every call.</summary>
    public ScenarioMatch? Match { get; set; }

    /// <summary>What it answers them with.</summary>
    public ScenarioAnswer? Answer { get; set; }

    /// <summary>How many, what share, and when; none: every matching call, always.</summary>
    public ScenarioLimit? Limit { get; set; }
}

/// <summary>The conditions of a rule; each one given must hold.</summary>
internal sealed class ScenarioMatch
{
    /// <summary>The DSP's client_id.</summary>
    public string? Client { get; set; }

    /// <summary><c>desktop</c> or <c>cloud</c>.</summary>
    public string? Endpoint { get; set; }

    /// <summary><c>intermediation</c>, <c>returns</c>, <c>employment</c>, <c>account-api</c>, <c>oauth</c>, or a configured route's name.</summary>
    public string? Service { get; set; }

    /// <summary>The SOAP operation (<c>File</c>), the REST resource (<c>account/list</c>) or the OAuth call (<c>authorize</c>, <c>token</c>, <c>validate</c>, <c>revoke</c>, <c>introspect</c>).</summary>
    public string? Operation { get; set; }

    /// <summary>An IRD number (or customer ID) found in the request.</summary>
    [JsonConverter(typeof(LenientText))]
    public string? Ird { get; set; }

    /// <summary>The myIR logon the call acts as.</summary>
    [JsonConverter(typeof(LenientText))]
    public string? Logon { get; set; }

    /// <summary>The OAuth dialect: <c>xiams</c> or <c>start</c>.</summary>
    public string? Dialect { get; set; }

    /// <summary>The token call's <c>grant_type</c>.</summary>
    public string? GrantType { get; set; }
}

/// <summary>
/// The outcome: <c>status</c> (code: a SOAP statusCode), <c>account-api</c> (code: EVxxxx), <c>oauth-error</c> (code: the error
/// string, description optional), <c>gateway-timeout</c>, <c>throttle</c> (retryAfter seconds), <c>unauthorised-fault</c>,
/// <c>latency</c> (delay), <c>reset</c> or <c>pass</c>.
/// </summary>
internal sealed class ScenarioAnswer
{
    public string? Outcome { get; set; }

    /// <summary>The status code, EV code or OAuth error string.</summary>
    [JsonConverter(typeof(LenientText))]
    public string? Code { get; set; }

    /// <summary>For <c>oauth-error</c>: which of IR's descriptions of the error (default its first).</summary>
    public string? Description { get; set; }

    /// <summary>For <c>throttle</c>: the <c>Retry-After</c> seconds (default 30).</summary>
    public int? RetryAfter { get; set; }

    /// <summary>For <c>latency</c>: how long, e.g. <c>1500ms</c>, <c>2s</c>, <c>90s</c>, <c>2m</c>.</summary>
    [JsonConverter(typeof(LenientText))]
    public string? Delay { get; set; }
}

/// <summary>Which of the matching calls a rule acts on.</summary>
internal sealed class ScenarioLimit
{
    /// <summary>The next N matching calls (counted in the store, across instances).</summary>
    public long? Count { get; set; }

    /// <summary>A share of the matching calls, 0 to 1.</summary>
    public double? Share { get; set; }

    /// <summary>From this time on (the server's clock).</summary>
    public DateTimeOffset? From { get; set; }

    /// <summary>Until this time (the server's clock).</summary>
    public DateTimeOffset? To { get; set; }
}

/// <summary>Lets a text be written as a number (a status code, an IRD number) or a boolean.</summary>
internal sealed class LenientText : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => null,
        _ => throw new JsonException($"expected text, found {reader.TokenType}"),
    };

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
