namespace Waharoa.Grants;

/// <summary>An authorisation code as the store holds it: the code, and whether (and into which grant) it was used.</summary>
/// <param name="Code">The code as issued.</param>
/// <param name="UsedAt">When it was exchanged; null while unused.</param>
/// <param name="GrantId">The grant its exchange made; null while unused.</param>
public sealed record StoredCode(AuthorizationCode Code, DateTimeOffset? UsedAt, string? GrantId)
{
    /// <summary>True once the code has been exchanged.</summary>
    public bool IsUsed => UsedAt is not null;
}
