namespace Waharoa.Server.Gateway;

/// <summary>Traffic controls of one gateway endpoint, applied per DSP.</summary>
public sealed class EndpointPolicy
{
    /// <summary>Requests per second a DSP may sustain (token bucket refill rate).</summary>
    public double RatePerSecond { get; set; }

    /// <summary>Requests a DSP may send in a burst (token bucket size).</summary>
    public int Burst { get; set; }

    /// <summary>Requests a DSP may have in flight at once.</summary>
    public int MaxConcurrentRequests { get; set; }

    /// <summary>Networks (CIDR, e.g. <c>127.0.0.0/8</c>) allowed to call the gateway routes outside production; empty allows every caller.</summary>
    public IList<string> AllowedNetworks { get; } = [];
}
