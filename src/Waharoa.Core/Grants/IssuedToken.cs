namespace Waharoa.Grants;

/// <summary>The record of one issued token; the token itself is never stored.</summary>
/// <param name="Jti">The token's unique identifier.</param>
/// <param name="GrantId">The grant it belongs to.</param>
/// <param name="Kind">Access or refresh.</param>
/// <param name="IssuedAt">When it was issued.</param>
/// <param name="ExpiresAt">When it expires.</param>
public sealed record IssuedToken(string Jti, string GrantId, TokenKind Kind, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt);
