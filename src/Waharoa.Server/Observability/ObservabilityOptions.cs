namespace Waharoa.Server.Observability;

/// <summary>Health and metrics.</summary>
public sealed class ObservabilityOptions
{
    /// <summary>
    /// Whether <c>/metrics</c> is served. Default true. It needs no credentials and shows DSP client ids and traffic
    /// volumes, so a shared sandbox reachable beyond a trusted network may turn it off (or restrict it at the load balancer).
    /// </summary>
    public bool Metrics { get; set; } = true;
}
