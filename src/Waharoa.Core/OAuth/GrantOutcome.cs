namespace Waharoa.OAuth;

/// <summary>What the OAuth core answers a code or refresh exchange with: the tokens issued, or why not.</summary>
/// <param name="Tokens">The tokens issued; null when refused.</param>
/// <param name="Refusal">Why not; <see cref="GrantRefusal.None"/> when issued.</param>
public sealed record GrantOutcome(MintedTokens? Tokens, GrantRefusal Refusal)
{
    /// <summary>Tokens were issued.</summary>
    public static GrantOutcome Issued(MintedTokens tokens) => new(tokens, GrantRefusal.None);

    /// <summary>Refused for <paramref name="reason"/>.</summary>
    public static GrantOutcome Refused(GrantRefusal reason) => new(null, reason);
}
