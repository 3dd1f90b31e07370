namespace Waharoa.Grants;

/// <summary>An authorisation code as stored: single use, bound to its client and redirect URI.</summary>
/// <param name="CodeId">The code's <c>jti</c>.</param>
/// <param name="ClientId">The client the code was issued to.</param>
/// <param name="Logon">The user who authorised it.</param>
/// <param name="RedirectUri">The redirect URI of the authorize request.</param>
/// <param name="Scope">The scope authorised.</param>
/// <param name="IssuedAt">When it was issued.</param>
/// <param name="ExpiresAt">When it stops working.</param>
public sealed record AuthorizationCode(
    string CodeId,
    string ClientId,
    string Logon,
    string RedirectUri,
    string Scope,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt)
{
    /// <summary>The PKCE <c>code_challenge</c> (S256) sent with the authorize request, if one was.</summary>
    public string? CodeChallenge { get; init; }
}
