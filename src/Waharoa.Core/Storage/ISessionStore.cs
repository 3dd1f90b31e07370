using Waharoa.Sessions;

namespace Waharoa.Storage;

/// <summary>Browser logon sessions.</summary>
public interface ISessionStore
{
    /// <summary>Stores a new session.</summary>
    Task AddSessionAsync(LogonSession session, CancellationToken cancellationToken);

    /// <summary>
    /// The live session with <paramref name="sessionHash"/>, touched at <paramref name="now"/>;
    /// null when it is unknown, ended, or idle since before <paramref name="idleSince"/>.
    /// </summary>
    Task<LogonSession?> UseSessionAsync(string sessionHash, DateTimeOffset now, DateTimeOffset idleSince, CancellationToken cancellationToken);

    /// <summary>Ends a session (logout).</summary>
    Task EndSessionAsync(string sessionHash, DateTimeOffset at, CancellationToken cancellationToken);
}
