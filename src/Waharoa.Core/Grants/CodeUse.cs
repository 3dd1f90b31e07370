namespace Waharoa.Grants;

/// <summary>What happened when the store was asked to use an authorisation code.</summary>
public enum CodeUseOutcome
{
    /// <summary>The code was unused: it is now used, and the grant and its tokens are stored.</summary>
    Redeemed,

    /// <summary>The code had been used already: nothing was stored.</summary>
    Replayed,

    /// <summary>There is no such code.</summary>
    Unknown,
}

/// <summary>The outcome of <see cref="Storage.ICodeStore.UseCodeAsync"/>.</summary>
/// <param name="Outcome">What happened.</param>
/// <param name="EarlierGrantId">For <see cref="CodeUseOutcome.Replayed"/>: the grant the code's first use made.</param>
public sealed record CodeUse(CodeUseOutcome Outcome, string? EarlierGrantId);
