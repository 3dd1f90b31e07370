namespace Waharoa.Server.Control;

/// <summary>
/// The control API (configuration section <c>Waharoa:Control</c>): Waharoa's own HTTP API for test controls, on a listener
/// of its own, never on the gateway endpoints.
/// </summary>
public sealed class ControlOptions
{
    /// <summary>Whether the control API listens. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Address the control API and the console listen on. Default 127.0.0.1: this machine only, whatever address the gateway
    /// endpoints listen on; a shared sandbox whose operators work from elsewhere sets it (they then need the credential).
    /// </summary>
    public string Listen { get; set; } = "127.0.0.1";

    /// <summary>Port of the control API (HTTPS with the server certificate). Default 4480; 0 lets the system choose.</summary>
    public int Port { get; set; } = 4480;

    /// <summary>
    /// When the operator credential is required: <see cref="ControlCredentialRule.OffLoopback"/> (the default: a call from
    /// this machine that no browser page made needs none) or <see cref="ControlCredentialRule.Always"/>.
    /// </summary>
    public ControlCredentialRule Credential { get; set; } = ControlCredentialRule.OffLoopback;

    /// <summary>The address <see cref="Listen"/> names.</summary>
    public System.Net.IPAddress ListenAddress => System.Net.IPAddress.Parse(Listen);

    /// <summary>Refuses settings the control API cannot work with.</summary>
    public void Validate()
    {
        if (Port is < 0 or > 65535)
        {
            throw new ArgumentException("Waharoa:Control:Port must be between 0 and 65535.");
        }

        if (!System.Net.IPAddress.TryParse(Listen, out _))
        {
            throw new ArgumentException($"Waharoa:Control:Listen must be an IP address, not '{Listen}'.");
        }
    }
}

/// <summary>When the control API asks for the operator credential.</summary>
public enum ControlCredentialRule
{
    /// <summary>On calls from another machine, and on calls a browser page made (they carry <c>Origin</c> or <c>Sec-Fetch-Site</c>).</summary>
    OffLoopback,

    /// <summary>On every call.</summary>
    Always,
}
