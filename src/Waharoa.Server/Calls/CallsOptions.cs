namespace Waharoa.Server.Calls;

/// <summary>Recording of the calls DSP clients make (configuration <c>Waharoa:Calls</c>).</summary>
public sealed class CallsOptions
{
    /// <summary>Whether OAuth and gateway calls are recorded. Default true.</summary>
    public bool Record { get; set; } = true;

    /// <summary>How many calls are kept per DSP client; older ones are dropped. Default 1000.</summary>
    public int KeepPerClient { get; set; } = 1000;

    /// <summary>How much of each request and response body is kept, in bytes. Default 65536.</summary>
    public int MaxBodyBytes { get; set; } = 65536;

    /// <summary>Throws when an option is out of range.</summary>
    public void Validate()
    {
        if (KeepPerClient is < 1 or > 1_000_000)
        {
            throw new ArgumentException("Calls:KeepPerClient must be between 1 and 1000000.");
        }

        if (MaxBodyBytes is < 0 or > 16 * 1024 * 1024)
        {
            throw new ArgumentException("Calls:MaxBodyBytes must be between 0 and 16777216.");
        }
    }
}
