namespace Waharoa.Bench.Load;

/// <summary>What one worker (one connection's worth of sequential requests) carries from request to request.</summary>
internal sealed class WorkerState(string token)
{
    /// <summary>The token the next request sends: a refresh token that is chained, or an access token that is reused.</summary>
    public string Token { get; set; } = token;

    /// <summary>Set when the worker cannot go on (a refresh chain broke); it then stops.</summary>
    public bool Broken { get; set; }

    /// <summary>The last unexpected answer, for the error report.</summary>
    public string? LastFailure { get; set; }
}
