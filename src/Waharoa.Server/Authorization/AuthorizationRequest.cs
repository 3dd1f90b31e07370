namespace Waharoa.Server.Authorization;

/// <summary>A validated authorize request, carried (protected) through the logon and consent pages.</summary>
/// <param name="Dialect">The dialect whose authorize endpoint received it (<c>xiams</c>, …).</param>
/// <param name="ClientId">The registered client.</param>
/// <param name="RedirectUri">A redirect URI registered for that client.</param>
/// <param name="Scope">The requested scope.</param>
/// <param name="State">The client's state, returned unchanged; null when none was sent.</param>
internal sealed record AuthorizationRequest(string Dialect, string ClientId, string RedirectUri, string Scope, string? State)
{
    /// <summary>The PKCE <c>code_challenge</c> (S256), when the client sent one.</summary>
    public string? CodeChallenge { get; init; }
}
