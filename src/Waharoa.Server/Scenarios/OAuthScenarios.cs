using Waharoa.Grants;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Waharoa.Server.Calls;
using Waharoa.Server.Endpoints;
using Waharoa.Server.Start;
using Waharoa.Server.Xiams;

namespace Waharoa.Server.Scenarios;

/// <summary>
/// The scenario rules in front of the OAuth endpoints of both dialects (xIAMS authorize and tokens; START authorize, token,
/// introspect and revoke), after routing: an OAuth error in the dialect's own shape, the endpoint's own throttled answer,
/// a delay, a reset, or a pass. The form is read (buffered and rewound) only when an active rule needs it.
/// </summary>
internal static class OAuthScenarios
{
    private const int FormLimit = 64 * 1024;

    public static IApplicationBuilder UseOAuthScenarios(this IApplicationBuilder app)
    {
        var rules = app.ApplicationServices.GetRequiredService<ScenarioRules>();
        return app.Use(async (context, next) =>
        {
            if (!rules.AnyOAuth || DialectOf(context.Request.Path) is not { } dialect || !await TryAnswerAsync(context, rules, dialect))
            {
                await next(context);
            }
        });
    }

    private static string? DialectOf(PathString path) => path.Value switch
    {
        XiamsPaths.Authorize or XiamsPaths.Tokens => "xiams",
        StartEndpoints.Authorize or StartEndpoints.Token or StartEndpoints.Introspect or StartEndpoints.Revoke => "start",
        _ => null,
    };

    private static async Task<bool> TryAnswerAsync(HttpContext context, ScenarioRules rules, string dialect)
    {
        var request = context.Request;
        var active = rules.OAuth;
        var form = HttpMethods.IsPost(request.Method) && active.Any(a => a.Rule.Client is not null || a.Rule.GrantType is not null || a.Rule.Operation is not null)
            ? await ReadFormAsync(request)
            : new Dictionary<string, StringValues>();
        string? Field(string name) => form.TryGetValue(name, out var value) && value.Count == 1 ? value.ToString() : null;

        var path = request.Path.Value;
        var grantType = Field("grant_type");
        var operation = path switch
        {
            XiamsPaths.Authorize or StartEndpoints.Authorize => "authorize",
            StartEndpoints.Introspect => "introspect",
            StartEndpoints.Revoke => "revoke",
            XiamsPaths.Tokens when Field("oracle_token_action") is "validate" => "validate",
            XiamsPaths.Tokens when Field("oracle_token_action") is "delete" => "revoke",
            _ => "token",
        };
        var client = request.Query["client_id"].Count == 1 ? request.Query["client_id"].ToString() : Field("client_id") ?? BasicClient(request);
        var endpoint = context.GetGatewayEndpoint() == GatewayEndpoint.Cloud ? "cloud" : "desktop";
        var throttled = context.GetEndpoint()?.Metadata.GetMetadata<ThrottledAnswer>();
        bool Matches(ScenarioRule rule) =>
            (rule.Dialect is null || rule.Dialect == dialect)
            && (rule.Client is null || string.Equals(rule.Client, client, StringComparison.Ordinal))
            && (rule.Endpoint is null || rule.Endpoint == endpoint)
            && (rule.Operation is null || rule.Operation == operation)
            && (rule.GrantType is null || string.Equals(rule.GrantType, grantType, StringComparison.Ordinal))
            && (rule.Outcome is not ScenarioOutcome.OAuthError || operation != "authorize")
            && (rule.Outcome is not ScenarioOutcome.Throttle || throttled is not null);

        if (await rules.FireAsync(active, Matches, context.RequestAborted) is not { } rule)
        {
            return false;
        }

        context.CallNotes().Scenario = rule.Name;
        switch (rule.Outcome)
        {
            case ScenarioOutcome.OAuthError when dialect == "xiams":
                await XiamsResponses.WriteAsync(context, new XiamsError(rule.OAuthError!.Status, rule.OAuthError.Error, rule.OAuthError.Description));
                return true;
            case ScenarioOutcome.OAuthError:
                await StartJson.WriteErrorAsync(context.Response, new StartError(rule.OAuthError!.Status, rule.OAuthError.Error, rule.OAuthError.Description));
                return true;
            case ScenarioOutcome.Throttle:
                ThrottledAnswer.SetRetryAfter(context, rule.RetryAfter);
                await throttled!.WriteAsync(context, rule.RetryAfter);
                return true;
            case ScenarioOutcome.Latency:
                await Task.Delay(rule.Delay, context.RequestServices.GetRequiredService<TimeProvider>(), context.RequestAborted);
                return false;
            case ScenarioOutcome.Reset:
                context.Abort();
                return true;
            default:
                return false;
        }
    }

    private static async Task<Dictionary<string, StringValues>> ReadFormAsync(HttpRequest request)
    {
        if (request.ContentLength is > FormLimit || !(request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) ?? false))
        {
            return [];
        }

        request.EnableBuffering(FormLimit);
        try
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8, false, 4096, leaveOpen: true);
            return QueryHelpers.ParseQuery(await reader.ReadToEndAsync(request.HttpContext.RequestAborted));
        }
        catch (Exception e) when (e is IOException or InvalidDataException or BadHttpRequestException)
        {
            return [];
        }
        finally
        {
            request.Body.Position = 0;
        }
    }

    private static string? BasicClient(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return Uri.UnescapeDataString(colon < 0 ? decoded : decoded[..colon]);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
