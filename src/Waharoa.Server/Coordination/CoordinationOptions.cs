namespace Waharoa.Server.Coordination;

/// <summary>What the instances on one store share besides it.</summary>
public sealed class CoordinationOptions
{
    /// <summary>
    /// A Redis configuration string (StackExchange.Redis's form: <c>host:port,password=…</c>), optional: shares
    /// throttle counters across instances and fans revocations and key rotations out to them. Unset: each instance
    /// on its own.
    /// </summary>
    public string? Redis { get; set; }
}
