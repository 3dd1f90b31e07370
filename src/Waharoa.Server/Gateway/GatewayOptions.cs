namespace Waharoa.Server.Gateway;

/// <summary>Options of the gateway in front of the services.</summary>
public sealed class GatewayOptions
{
    /// <summary>The environment profile. Default <see cref="GatewayEnvironment.Mock"/>.</summary>
    public GatewayEnvironment Environment { get; set; } = GatewayEnvironment.Mock;

    /// <summary>How long an upstream may take to answer before the caller gets 504 <c>GatewayError</c>. Default 60 s, as IR's.</summary>
    public TimeSpan UpstreamTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The cloud endpoint: heavy users throttled per DSP.</summary>
    public EndpointPolicy Cloud { get; } = new() { RatePerSecond = 50, Burst = 100, MaxConcurrentRequests = 20 };

    /// <summary>The desktop endpoint: tighter controls, as IR's.</summary>
    public EndpointPolicy Desktop { get; } = new() { RatePerSecond = 10, Burst = 20, MaxConcurrentRequests = 5 };
}
