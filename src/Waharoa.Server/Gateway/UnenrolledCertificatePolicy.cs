namespace Waharoa.Server.Gateway;

/// <summary>
/// Traffic controls of the cloud endpoint's calls whose client certificate is enrolled for no client, applied per
/// certificate (its SHA-256 thumbprint) before any other work on the call.
/// </summary>
public sealed class UnenrolledCertificatePolicy
{
    /// <summary>Requests per second one such certificate may sustain (token bucket refill rate). Default 1.</summary>
    public double RatePerSecond { get; set; } = 1;

    /// <summary>Requests one such certificate may send in a burst (token bucket size). Default 5.</summary>
    public int Burst { get; set; } = 5;
}
