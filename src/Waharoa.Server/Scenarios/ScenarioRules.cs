using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Waharoa.Server.Coordination;
using Waharoa.Storage;

namespace Waharoa.Server.Scenarios;

/// <summary>
/// This instance's copy of the scenario rules in the store: read at start, again whenever an instance announces a change on
/// <see cref="Topic"/>, and every <see cref="RefreshInterval"/> on a shared store (in case a message was lost). A call costs
/// nothing more than <see cref="AnyGateway"/> or <see cref="AnyOAuth"/> while there are no rules; a rule's firings are taken in
/// the store, one atomic statement each, so instances share its count.
/// </summary>
internal sealed partial class ScenarioRules(
    IScenarioRuleStore store, IWaharoaStore waharoa, ICoordinationBus bus, TimeProvider time, ScenarioRouteNames routes, ILogger<ScenarioRules> logger)
    : BackgroundService
{
    /// <summary>The coordination topic: the rules in the store changed.</summary>
    public const string Topic = "scenario-rules";

    public static readonly JsonSerializerOptions StoredJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(5);

    private volatile Snapshot _rules = Snapshot.Empty;
    private readonly SemaphoreSlim _loading = new(1, 1);

    /// <summary>True when a rule acts in the gateway.</summary>
    public bool AnyGateway => _rules.Gateway.Length > 0;

    /// <summary>True when a rule acts in front of the OAuth endpoints.</summary>
    public bool AnyOAuth => _rules.OAuth.Length > 0;

    public IReadOnlyList<ActiveRule> Gateway => _rules.Gateway;

    public IReadOnlyList<ActiveRule> OAuth => _rules.OAuth;

    /// <summary>Checks <paramref name="definition"/> against the catalogue and this server's routes.</summary>
    public ScenarioRule Compile(ScenarioDefinition definition) => ScenarioRule.Compile(definition, routes.Contains);

    /// <summary>Stores <paramref name="rule"/> (replacing one of its name), and tells every instance.</summary>
    public async Task PutAsync(ScenarioRule rule, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(rule.Definition, StoredJson);
        await store.PutScenarioRuleAsync(new StoredScenarioRule(rule.Name, json, rule.Count, 0, time.GetUtcNow()), cancellationToken);
        await ChangedAsync(cancellationToken);
    }

    public async Task<bool> RemoveAsync(string name, CancellationToken cancellationToken)
    {
        var removed = await store.RemoveScenarioRuleAsync(name, cancellationToken);
        await ChangedAsync(cancellationToken);
        return removed;
    }

    public async Task<int> ClearAsync(CancellationToken cancellationToken)
    {
        var removed = await store.ClearScenarioRulesAsync(cancellationToken);
        await ChangedAsync(cancellationToken);
        return removed;
    }

    /// <summary>
    /// The first rule of <paramref name="rules"/> (by name) that <paramref name="matches"/> and whose limit lets it act on this
    /// call; its firing is taken in the store. Null when none acts.
    /// </summary>
    public async ValueTask<ScenarioRule?> FireAsync(IReadOnlyList<ActiveRule> rules, Func<ScenarioRule, bool> matches, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var active in rules)
        {
            var rule = active.Rule;
            if (active.Exhausted || !rule.InWindow(now) || !matches(rule))
            {
                continue;
            }

            if (rule.Share is double share && Random.Shared.NextDouble() >= share)
            {
                continue;
            }

            if (await store.TakeScenarioRuleAsync(rule.Name, cancellationToken))
            {
                Log.Fired(logger, rule.Name);
                return rule;
            }

            // Exhausted (on any instance) or removed: this instance stops asking until the rules are read again.
            active.Exhausted = true;
        }

        return null;
    }

    /// <summary>Reads the rules from the store again.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _loading.WaitAsync(cancellationToken);
        try
        {
            var stored = await store.ListScenarioRulesAsync(cancellationToken);
            var gateway = new List<ActiveRule>();
            var oauth = new List<ActiveRule>();
            foreach (var entry in stored)
            {
                ScenarioRule rule;
                try
                {
                    rule = Compile(JsonSerializer.Deserialize<ScenarioDefinition>(entry.Definition, StoredJson) ?? new ScenarioDefinition());
                }
                catch (Exception e) when (e is JsonException or ScenarioException)
                {
                    Log.Unreadable(logger, entry.Name, e.Message);
                    continue;
                }

                var active = new ActiveRule(rule) { Exhausted = entry.Remaining is <= 0 };
                (rule.OnOAuth ? oauth : gateway).Add(active);
            }

            _rules = new Snapshot([.. gateway], [.. oauth]);
        }
        finally
        {
            _loading.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = bus.Subscribe(Topic, message => _ = RefreshQuietlyAsync(stoppingToken));
        await RefreshQuietlyAsync(stoppingToken);
        if (!waharoa.IsShared)
        {
            return;
        }

        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(RefreshInterval, time, stoppingToken);
                await RefreshQuietlyAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Reads the rules again and tells every instance to: after a change made in the store by other means (a seed).</summary>
    public async Task ChangedAsync(CancellationToken cancellationToken)
    {
        await RefreshAsync(cancellationToken);
        await bus.PublishAsync(Topic, "changed", CancellationToken.None);
    }

    private async Task RefreshQuietlyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RefreshAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.RefreshFailed(logger, e);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public override void Dispose()
    {
        _loading.Dispose();
        base.Dispose();
    }

    /// <summary>A rule as this instance holds it: exhausted once the store said so.</summary>
    internal sealed class ActiveRule(ScenarioRule rule)
    {
        public ScenarioRule Rule { get; } = rule;

        public volatile bool Exhausted;
    }

    private sealed record Snapshot(ActiveRule[] Gateway, ActiveRule[] OAuth)
    {
        public static readonly Snapshot Empty = new([], []);
    }

    private static partial class Log
    {
        [LoggerMessage(7001, LogLevel.Information, "Scenario rule {Rule} acted on a call")]
        public static partial void Fired(ILogger logger, string rule);

        [LoggerMessage(7002, LogLevel.Warning, "Scenario rule {Rule} in the store cannot be used: {Problem}")]
        public static partial void Unreadable(ILogger logger, string rule, string problem);

        [LoggerMessage(7003, LogLevel.Warning, "Scenario rules could not be read from the store")]
        public static partial void RefreshFailed(ILogger logger, Exception exception);
    }
}

/// <summary>The names of the gateway's configured routes (route IDs and service names), which rules may name as a service.</summary>
internal sealed class ScenarioRouteNames(Func<IEnumerable<string>> names)
{
    public bool Contains(string name) => names().Contains(name, StringComparer.OrdinalIgnoreCase);
}
