namespace Waharoa.Server.Control;

/// <summary>
/// The control API (configuration section <c>Waharoa:Control</c>): Waharoa's own HTTP API for test controls, on a listener
/// of its own, never on the gateway endpoints.
/// </summary>
public sealed class ControlOptions
{
    /// <summary>Whether the control API listens. Default true.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Port of the control API (HTTPS with the server certificate). Default 4480; 0 lets the system choose.</summary>
    public int Port { get; set; } = 4480;

    /// <summary>
    /// When the operator credential is required: <see cref="ControlCredentialRule.OffLoopback"/> (the default: a call from
    /// this machine that no browser page made needs none) or <see cref="ControlCredentialRule.Always"/>.
    /// </summary>
    public ControlCredentialRule Credential { get; set; } = ControlCredentialRule.OffLoopback;

    /// <summary>Refuses settings the control API cannot work with.</summary>
    public void Validate()
    {
        if (Port is < 0 or > 65535)
        {
            throw new ArgumentException("Waharoa:Control:Port must be between 0 and 65535.");
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
