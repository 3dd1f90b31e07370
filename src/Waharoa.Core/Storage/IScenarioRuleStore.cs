namespace Waharoa.Storage;

/// <summary>
/// One scenario injection rule as the store keeps it: its name, its definition (JSON, read by the server), what is left of
/// its count (null: no count) and how often it acted.
/// </summary>
/// <param name="Name">The rule's unique name.</param>
/// <param name="Definition">The rule as JSON (match, answer, limit).</param>
/// <param name="Remaining">Matching calls it still acts on; null when it has no count.</param>
/// <param name="Fired">How many calls it acted on.</param>
/// <param name="UpdatedAt">When it was put.</param>
public sealed record StoredScenarioRule(string Name, string Definition, long? Remaining, long Fired, DateTimeOffset UpdatedAt);

/// <summary>Scenario injection rules, shared by every instance on the store; counting is one atomic statement, so instances share a count.</summary>
public interface IScenarioRuleStore
{
    /// <summary>Every rule, by name.</summary>
    Task<IReadOnlyList<StoredScenarioRule>> ListScenarioRulesAsync(CancellationToken cancellationToken);

    /// <summary>The rule named <paramref name="name"/>, or null.</summary>
    Task<StoredScenarioRule?> FindScenarioRuleAsync(string name, CancellationToken cancellationToken);

    /// <summary>Adds the rule or replaces the one of the same name (its count and firings start again from the given ones).</summary>
    Task PutScenarioRuleAsync(StoredScenarioRule rule, CancellationToken cancellationToken);

    /// <summary>Removes the rule; false when there was none.</summary>
    Task<bool> RemoveScenarioRuleAsync(string name, CancellationToken cancellationToken);

    /// <summary>Removes every rule; how many there were.</summary>
    Task<int> ClearScenarioRulesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Takes one firing of the rule, atomically: when it has no count or some left, decrements what is left (if counted),
    /// adds one to its firings and returns true; false when it is exhausted or gone.
    /// </summary>
    Task<bool> TakeScenarioRuleAsync(string name, CancellationToken cancellationToken);
}
