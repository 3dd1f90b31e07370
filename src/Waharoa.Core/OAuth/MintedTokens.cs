using Waharoa.Grants;

namespace Waharoa.OAuth;

/// <summary>One newly issued token: its record and, when its format is opaque, its wire value.</summary>
/// <param name="Record">The record the store keeps.</param>
/// <param name="Value">The opaque wire value; null for a JWT, which the dialect signs from the record.</param>
public sealed record MintedToken(IssuedToken Record, string? Value);

/// <summary>A token set issued into a grant: an access token and, where the dialect gives one, a refresh token.</summary>
/// <param name="Grant">The grant the tokens belong to.</param>
/// <param name="Access">The access token.</param>
/// <param name="Refresh">The refresh token, or null.</param>
public sealed record MintedTokens(Grant Grant, MintedToken Access, MintedToken? Refresh)
{
    /// <summary>The records to store.</summary>
    public IReadOnlyList<IssuedToken> Records => Refresh is null ? [Access.Record] : [Access.Record, Refresh.Record];
}
