namespace Waharoa.OAuth;

/// <summary>The outcome of checking a presented token: the token when it passed, otherwise why not.</summary>
/// <param name="Token">The active token; null when refused.</param>
/// <param name="Refusal">Why it was refused; <see cref="GrantRefusal.None"/> when it passed.</param>
public sealed record TokenCheck(FoundToken? Token, GrantRefusal Refusal);
