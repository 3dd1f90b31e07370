namespace Waharoa.Server.Sandbox;

/// <summary>Settings of the sandbox services behind the gateway (configuration section <c>Waharoa:Sandbox</c>).</summary>
public sealed class SandboxOptions
{
    /// <summary>
    /// Whether IR's services run in the sandbox (Intermediation, the Account API). Default true; false leaves the
    /// gateway to the routes of your own upstreams only.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How long a filed or amended EI v2 return is processing (RetrieveStatus <c>PRCG</c>; amending it answers 108) before
    /// it is processed. IR: "returns will process within five minutes", the default; zero processes a return at once, so
    /// that a test can amend right after filing.
    /// </summary>
    public TimeSpan EiProcessingTime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Refuses settings the services cannot work with.</summary>
    public void Validate()
    {
        if (EiProcessingTime < TimeSpan.Zero || EiProcessingTime > TimeSpan.FromDays(1))
        {
            throw new ArgumentException("Waharoa:Sandbox:EiProcessingTime must be between 00:00:00 and 1.00:00:00.");
        }
    }
}
