namespace Waharoa.Sessions;

/// <summary>A browser's logon to myIR, kept by a cookie whose value is stored only as a hash.</summary>
/// <param name="SessionHash">Hash of the cookie value.</param>
/// <param name="Logon">The user logged on.</param>
/// <param name="CreatedAt">When the user logged on.</param>
/// <param name="LastSeenAt">The last request that used the session.</param>
public sealed record LogonSession(string SessionHash, string Logon, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt);
