namespace Waharoa.Grants;

/// <summary>What the store knows of a token: the record, its grant, and whether either was revoked.</summary>
/// <param name="Token">The token's record.</param>
/// <param name="Grant">The grant it belongs to.</param>
/// <param name="TokenRevokedAt">When the token itself was revoked, if it was.</param>
public sealed record TokenStatus(IssuedToken Token, Grant Grant, DateTimeOffset? TokenRevokedAt)
{
    /// <summary>True while neither the token nor its grant has been revoked and the token has not expired.</summary>
    public bool IsActive(DateTimeOffset now) =>
        TokenRevokedAt is null && Grant.RevokedAt is null && Token.ExpiresAt > now;
}
