using Waharoa.Server.Endpoints;

namespace Waharoa.Server.Gateway;

/// <summary>Options of the gateway in front of the services.</summary>
public sealed class GatewayOptions
{
    /// <summary>The environment profile. Default <see cref="GatewayEnvironment.Mock"/>.</summary>
    public GatewayEnvironment Environment { get; set; } = GatewayEnvironment.Mock;

    /// <summary>How long an upstream may take to answer before the caller gets 504 <c>GatewayError</c>. Default 60 s, as IR's.</summary>
    public TimeSpan UpstreamTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// What an M2M JWT's <c>startLogon</c> must name: <c>Existing</c> (a myIR logon that exists, as IR's "valid myIR
    /// log-on") or <c>RelatedToTheDsp</c> (one that also owns, has been given access to, or is staff of the DSP's own
    /// customer). Default <c>Existing</c>.
    /// </summary>
    public StartLogonRule M2mStartLogon { get; set; } = StartLogonRule.Existing;

    /// <summary>The cloud endpoint: heavy users throttled per DSP.</summary>
    public EndpointPolicy Cloud { get; } = new() { RatePerSecond = 50, Burst = 100, MaxConcurrentRequests = 20 };

    /// <summary>The desktop endpoint: tighter controls, as IR's.</summary>
    public EndpointPolicy Desktop { get; } = new() { RatePerSecond = 10, Burst = 20, MaxConcurrentRequests = 5 };

    /// <summary>The cloud endpoint's calls with a client certificate enrolled for no client: throttled per certificate, before any other work.</summary>
    public UnenrolledCertificatePolicy UnenrolledCertificates { get; } = new();

    /// <summary>Throws when an option is out of range.</summary>
    public void Validate()
    {
        foreach (var (name, policy) in new[] { ("cloud", Cloud), ("desktop", Desktop) })
        {
            if (!(policy.RatePerSecond > 0) || policy.Burst < 1 || policy.MaxConcurrentRequests < 1)
            {
                throw new ArgumentException($"The {name} endpoint's throttling needs a positive RatePerSecond, and a Burst and MaxConcurrentRequests of at least 1.");
            }

            foreach (var network in policy.AllowedNetworks)
            {
                if (!System.Net.IPNetwork.TryParse(network, out _))
                {
                    throw new ArgumentException($"The {name} endpoint's AllowedNetworks entry '{network}' is not a CIDR network such as 10.0.0.0/8.");
                }
            }
        }

        if (!(UnenrolledCertificates.RatePerSecond > 0) || UnenrolledCertificates.Burst < 1)
        {
            throw new ArgumentException("The throttling of unenrolled certificates (UnenrolledCertificates) needs a positive RatePerSecond and a Burst of at least 1.");
        }

        if (UpstreamTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("The gateway's UpstreamTimeout must be positive.");
        }
    }
}
