using Prometheus;
using Waharoa.Grants;

namespace Waharoa.Server.Observability;

/// <summary>
/// Waharoa's own metrics, in a registry per server (so two servers in one process count apart), published with
/// the HTTP request metrics at <c>/metrics</c> in Prometheus text format.
/// </summary>
internal sealed class WaharoaMetrics
{
    private readonly Counter _tokensIssued;
    private readonly Counter _tokenChecks;
    private readonly Counter _tokensRevoked;
    private readonly Counter _throttled;
    private readonly Counter _callsDropped;

    public WaharoaMetrics()
    {
        Registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(Registry);
        _tokensIssued = factory.CreateCounter(
            "waharoa_tokens_issued_total", "Token responses issued, by dialect and grant type.", ["dialect", "grant_type"]);
        _tokenChecks = factory.CreateCounter(
            "waharoa_token_checks_total", "Token validations (xIAMS validate, START introspect), by dialect and result.", ["dialect", "result"]);
        _tokensRevoked = factory.CreateCounter(
            "waharoa_tokens_revoked_total", "Tokens revoked on request (xIAMS delete, START revoke), by dialect.", ["dialect"]);
        _throttled = factory.CreateCounter(
            "waharoa_gateway_throttled_total", "Gateway calls refused by per-DSP throttling, by endpoint and client.", ["endpoint", "client_id"]);
        _callsDropped = factory.CreateCounter(
            "waharoa_calls_dropped_total", "Calls not recorded: the recorder's queue was full, or the store refused them.");
        DotNetStats.Register(Registry);
    }

    /// <summary>The registry <c>/metrics</c> publishes.</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>Waharoa's own counters as they stand, one value per name and set of labels (what <c>/metrics</c> publishes of them).</summary>
    public IReadOnlyList<MetricValue> Snapshot()
    {
        var values = new List<MetricValue>();
        foreach (var counter in new[] { _tokensIssued, _tokenChecks, _tokensRevoked, _throttled, _callsDropped })
        {
            if (counter.LabelNames.Length == 0)
            {
                values.Add(new MetricValue(counter.Name, new Dictionary<string, string>(), counter.Value));
                continue;
            }

            foreach (var labels in counter.GetAllLabelValues())
            {
                values.Add(new MetricValue(
                    counter.Name, counter.LabelNames.Zip(labels).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal), counter.WithLabels(labels).Value));
            }
        }

        return values;
    }

    public void TokensIssued(string dialect, string grantType) => _tokensIssued.WithLabels(dialect, grantType).Inc();

    public void TokenChecked(string dialect, bool active) => _tokenChecks.WithLabels(dialect, active ? "active" : "inactive").Inc();

    public void TokenRevoked(string dialect) => _tokensRevoked.WithLabels(dialect).Inc();

    public void CallDropped() => _callsDropped.Inc();

    public void Throttled(GatewayEndpoint endpoint, string clientId) =>
        _throttled.WithLabels(endpoint == GatewayEndpoint.Cloud ? "cloud" : "desktop", clientId).Inc();
}

/// <summary>One counter's value for one set of labels.</summary>
public sealed record MetricValue(string Name, IReadOnlyDictionary<string, string> Labels, double Value);
