using Waharoa.Storage;

namespace Waharoa.Storage.Sql;

public abstract partial class SqlStore
{
    private const string ScenarioColumns = "name, definition, remaining, fired, updated_at";

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredScenarioRule>> ListScenarioRulesAsync(CancellationToken cancellationToken) =>
        ListAsync($"SELECT {ScenarioColumns} FROM scenario_rules ORDER BY name", ReadScenarioRule, cancellationToken);

    /// <inheritdoc />
    public Task<StoredScenarioRule?> FindScenarioRuleAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        return SingleAsync($"SELECT {ScenarioColumns} FROM scenario_rules WHERE name = @name", ReadScenarioRule, cancellationToken, ("@name", name));
    }

    /// <inheritdoc />
    public Task PutScenarioRuleAsync(StoredScenarioRule rule, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return ExecuteAsync(
            """
            INSERT INTO scenario_rules (name, definition, remaining, fired, updated_at) VALUES (@name, @definition, @remaining, @fired, @updated)
            ON CONFLICT (name) DO UPDATE SET definition = excluded.definition, remaining = excluded.remaining, fired = excluded.fired,
                updated_at = excluded.updated_at
            """,
            cancellationToken,
            ("@name", rule.Name),
            ("@definition", rule.Definition),
            ("@remaining", rule.Remaining),
            ("@fired", rule.Fired),
            ("@updated", UnixMs(rule.UpdatedAt)));
    }

    /// <inheritdoc />
    public Task<bool> RemoveScenarioRuleAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        return ChangesOneAsync("DELETE FROM scenario_rules WHERE name = @name", cancellationToken, ("@name", name));
    }

    /// <inheritdoc />
    public Task<int> ClearScenarioRulesAsync(CancellationToken cancellationToken) => ExecuteAsync("DELETE FROM scenario_rules", cancellationToken);

    /// <inheritdoc />
    public Task<bool> TakeScenarioRuleAsync(string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        return ChangesOneAsync(
            """
            UPDATE scenario_rules SET remaining = CASE WHEN remaining IS NULL THEN NULL ELSE remaining - 1 END, fired = fired + 1
            WHERE name = @name AND (remaining IS NULL OR remaining > 0)
            """,
            cancellationToken,
            ("@name", name));
    }

    private static StoredScenarioRule ReadScenarioRule(System.Data.Common.DbDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetInt64(2), r.GetInt64(3), Time(r, 4));
}
