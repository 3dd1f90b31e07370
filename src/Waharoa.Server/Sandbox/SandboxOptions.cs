namespace Waharoa.Server.Sandbox;

/// <summary>The sandbox gateway services behind the gateway.</summary>
public sealed class SandboxOptions
{
    /// <summary>
    /// Whether IR's services run in the sandbox (Intermediation, the Account API). Default true; false leaves the
    /// gateway to the routes of your own upstreams only.
    /// </summary>
    public bool Enabled { get; set; } = true;
}
