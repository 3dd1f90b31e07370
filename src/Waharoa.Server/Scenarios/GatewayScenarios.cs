using Waharoa.Grants;
using System.Globalization;
using Waharoa.Server.Calls;
using Waharoa.Server.Endpoints;
using Waharoa.Server.Gateway;
using Waharoa.Server.Sandbox.AccountApi;
using Yarp.ReverseProxy.Configuration;

namespace Waharoa.Server.Scenarios;

/// <summary>
/// The scenario rules in the gateway, once the DSP is identified and authenticated and just before the call is forwarded:
/// each outcome answered exactly as the gateway or the service answers it. A SOAP status is rendered by the service
/// itself (told in <see cref="GatewayHeaders.ScenarioStatus"/>, which only the gateway can set), in the operation's own response.
/// </summary>
internal sealed class GatewayScenarios(ScenarioRules rules, GatewayOptions options, TimeProvider time) : IGatewayScenarios
{
    /// <inheritdoc />
    public bool Any => rules.AnyGateway;

    /// <summary>
    /// Applies the first rule that acts on this call. True when the call is answered (or aborted) and must not be forwarded;
    /// false to forward it (perhaps after a delay, perhaps with a status for the service to answer).
    /// </summary>
    public async Task<bool> TryAnswerAsync(HttpContext context, RouteConfig route, GatewayCaller caller, bool soap)
    {
        var service = GatewayRouteMetadata.ServiceName(route) is var s && s == "account" ? ScenarioCatalogue.AccountApi : GatewayRouteMetadata.ServiceName(route);
        var endpoint = caller.Endpoint == GatewayEndpoint.Cloud ? "cloud" : "desktop";
        var path = context.Request.Path.Value?.TrimEnd('/') ?? string.Empty;

        // What the call's headers and route tell first; the body is read only for a rule those leave in play.
        bool MatchesWithoutBody(ScenarioRule rule) =>
            (rule.Client is null || string.Equals(rule.Client, caller.Client.ClientId, StringComparison.Ordinal))
            && (rule.Endpoint is null || rule.Endpoint == endpoint)
            && (rule.Service is null || string.Equals(rule.Service, service, StringComparison.OrdinalIgnoreCase) || string.Equals(rule.Service, route.RouteId, StringComparison.OrdinalIgnoreCase))
            && (rule.Logon is null || string.Equals(rule.Logon, caller.Logon, StringComparison.OrdinalIgnoreCase))
            && (rule.Operation is null || soap || path.EndsWith("/" + rule.Operation.Trim('/'), StringComparison.OrdinalIgnoreCase));
        var active = rules.Gateway.Where(a => !a.Exhausted && MatchesWithoutBody(a.Rule)).ToList();
        if (active.Count == 0)
        {
            return false;
        }

        var body = active.Any(a => a.Rule.NeedsBody) ? await ScenarioRequestBody.ReadAsync(context.Request) : ScenarioRequestBody.Empty;
        bool Matches(ScenarioRule rule) =>
            (rule.Operation is null || !soap || body.Operations.Contains(rule.Operation))
            && (rule.Ird is null || body.Mentions(rule.Ird)
                || (caller.Logon is null && string.Equals(caller.Client.CustomerIrd, rule.Ird, StringComparison.Ordinal)));

        if (await rules.FireAsync(active, Matches, context.RequestAborted) is not { } rule)
        {
            return false;
        }

        context.CallNotes().Scenario = rule.Name;
        switch (rule.Outcome)
        {
            case ScenarioOutcome.Status:
                context.Request.Headers[GatewayHeaders.ScenarioStatus] = rule.Status!.Code.ToString(CultureInfo.InvariantCulture);
                return false;
            case ScenarioOutcome.AccountApi:
                await AccountApiResponses.WriteRefusalAsync(context.Response, rule.AccountApiError!, context.RequestAborted);
                return true;
            case ScenarioOutcome.GatewayTimeout:
                await GatewayResponses.UpstreamTimedOutAsync(context);
                return true;
            case ScenarioOutcome.Throttle:
                await GatewayResponses.ThrottledAsync(context, rule.RetryAfter, soap);
                return true;
            case ScenarioOutcome.UnauthorisedFault:
                await SoapFault.WriteUnAuthorisedAsync(context.Response, StatusCodes.Status500InternalServerError, context.RequestAborted);
                return true;
            case ScenarioOutcome.Latency when rule.Delay >= options.UpstreamTimeout:
                // The upstream answers later than the gateway waits: the gateway's own 504, when it gives up.
                await Task.Delay(options.UpstreamTimeout, time, context.RequestAborted);
                await GatewayResponses.UpstreamTimedOutAsync(context);
                return true;
            case ScenarioOutcome.Latency:
                await Task.Delay(rule.Delay, time, context.RequestAborted);
                return false;
            case ScenarioOutcome.Reset:
                context.Abort();
                return true;
            default:
                return false;
        }
    }
}
