using System.Text;
using System.Text.Json;
using Waharoa.Server.Scenarios;
using Waharoa.Server.Seeding;
using Waharoa.Storage;

namespace Waharoa.Server.Control;

/// <summary>
/// <c>/control/scenarios</c>: the scenario injection rules, shared by every instance on the store. Each is shown with what is
/// left of its count and how often it acted; an exhausted rule stays listed (exhausted) until removed or put again.
/// </summary>
internal static class ScenarioControl
{
    internal static RouteGroupBuilder MapScenarioControl(this RouteGroupBuilder group)
    {
        group.MapGet("/scenarios", async (IScenarioRuleStore store, CancellationToken ct) =>
            Results.Json((await store.ListScenarioRulesAsync(ct)).Select(View).ToList(), ControlJson.Options))
            .WithName("ListScenarios")
            .WithSummary("Every scenario rule, with what is left of its count and how often it acted.")
            .Produces<List<ScenarioRuleView>>();

        group.MapGet("/scenarios/{name}", async (string name, IScenarioRuleStore store, CancellationToken ct) =>
            await store.FindScenarioRuleAsync(name, ct) is { } rule
                ? Results.Json(View(rule), ControlJson.Options)
                : NotFound(name))
            .WithName("GetScenario")
            .WithSummary("One scenario rule.")
            .Produces<ScenarioRuleView>()
            .Produces<ControlError>(StatusCodes.Status404NotFound);

        group.MapPut("/scenarios/{name}", async (string name, HttpContext context, ScenarioRules rules, IScenarioRuleStore store, CancellationToken ct) =>
            {
                ScenarioDefinition? definition;
                try
                {
                    definition = await JsonSerializer.DeserializeAsync<ScenarioDefinition>(context.Request.Body, ControlJson.Options, ct);
                }
                catch (JsonException e)
                {
                    return ControlApi.Error(StatusCodes.Status400BadRequest, "invalid_json", "The body is not a scenario rule in JSON: " + e.Message.Split(" Path:")[0]);
                }

                if (definition is null)
                {
                    return ControlApi.Error(StatusCodes.Status400BadRequest, "invalid_json", "The body must be a scenario rule: {\"match\": {...}, \"answer\": {...}, \"limit\": {...}}.");
                }

                if (definition.Name is not null && definition.Name != name)
                {
                    return ControlApi.Error(StatusCodes.Status400BadRequest, "name_mismatch", $"The body names the rule '{definition.Name}', the path '{name}'.");
                }

                definition.Name = name;
                ScenarioRule rule;
                try
                {
                    rule = rules.Compile(definition);
                }
                catch (ScenarioException e)
                {
                    return ControlApi.Error(StatusCodes.Status400BadRequest, "invalid_rule", $"{e.Field}: {e.Message}");
                }

                await rules.PutAsync(rule, ct);
                return Results.Json(View((await store.FindScenarioRuleAsync(rule.Name, ct))!), ControlJson.Options);
            })
            .WithName("PutScenario")
            .WithSummary("Adds the scenario rule, or replaces the one of that name (its count starts again).")
            .Accepts<ScenarioDefinition>("application/json")
            .Produces<ScenarioRuleView>()
            .Produces<ControlError>(StatusCodes.Status400BadRequest);

        group.MapPost("/scenarios/load", async (HttpContext context, ScenarioRules rules, IScenarioRuleStore store, CancellationToken ct) =>
            {
                using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
                var text = await reader.ReadToEndAsync(ct);
                List<ScenarioRule> compiled;
                try
                {
                    compiled = SeedReader.ReadScenarios(text, "the body").Select((d, i) => Compile(rules, d, $"scenarios[{i}]")).ToList();
                }
                catch (SeedException e)
                {
                    return ControlApi.Error(StatusCodes.Status400BadRequest, "invalid_rule", e.Message);
                }

                foreach (var rule in compiled)
                {
                    await rules.PutAsync(rule, ct);
                }

                var names = compiled.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
                return Results.Json((await store.ListScenarioRulesAsync(ct)).Where(r => names.Contains(r.Name)).Select(View).ToList(), ControlJson.Options);
            })
            .WithName("LoadScenarios")
            .WithSummary("Adds or replaces the rules of a seed file's scenarios section (YAML or JSON, snake_case keys), all or none.")
            .Accepts<string>("application/yaml")
            .Produces<List<ScenarioRuleView>>()
            .Produces<ControlError>(StatusCodes.Status400BadRequest);

        group.MapDelete("/scenarios/{name}", async (string name, ScenarioRules rules, CancellationToken ct) =>
            await rules.RemoveAsync(name, ct) ? Results.NoContent() : NotFound(name))
            .WithName("RemoveScenario")
            .WithSummary("Removes one scenario rule.")
            .Produces(StatusCodes.Status204NoContent)
            .Produces<ControlError>(StatusCodes.Status404NotFound);

        group.MapDelete("/scenarios", async (ScenarioRules rules, CancellationToken ct) =>
            Results.Json(new ScenariosCleared(await rules.ClearAsync(ct)), ControlJson.Options))
            .WithName("ClearScenarios")
            .WithSummary("Removes every scenario rule.")
            .Produces<ScenariosCleared>();
        return group;
    }

    /// <summary>Checks a rule of a seed or load body, naming where it is.</summary>
    internal static ScenarioRule Compile(ScenarioRules rules, ScenarioDefinition definition, string where)
    {
        try
        {
            return rules.Compile(definition);
        }
        catch (ScenarioException e)
        {
            throw new SeedException($"{where}.{e.Field}: {e.Message}");
        }
    }

    private static IResult NotFound(string name) =>
        ControlApi.Error(StatusCodes.Status404NotFound, "scenario_not_found", $"There is no scenario rule '{name}'.");

    private static ScenarioRuleView View(StoredScenarioRule stored)
    {
        var definition = JsonSerializer.Deserialize<ScenarioDefinition>(stored.Definition, ScenarioRules.StoredJson) ?? new ScenarioDefinition();
        return new ScenarioRuleView(stored.Name, definition.Match, definition.Answer, definition.Limit, stored.Remaining, stored.Fired, stored.Remaining is <= 0, stored.UpdatedAt);
    }
}

/// <summary>A scenario rule as the control API shows it.</summary>
/// <param name="Name">Its unique name.</param>
/// <param name="Match">Which calls it matches.</param>
/// <param name="Answer">Its outcome.</param>
/// <param name="Limit">Its count, share and window.</param>
/// <param name="Remaining">What is left of its count; absent when it has none.</param>
/// <param name="Fired">How many calls it acted on.</param>
/// <param name="Exhausted">True once its count is used up (it then acts no more).</param>
/// <param name="UpdatedAt">When it was put.</param>
internal sealed record ScenarioRuleView(
    string Name, ScenarioMatch? Match, ScenarioAnswer? Answer, ScenarioLimit? Limit, long? Remaining, long Fired, bool Exhausted, DateTimeOffset UpdatedAt);

/// <summary>How many rules <c>DELETE /control/scenarios</c> removed.</summary>
internal sealed record ScenariosCleared(int Removed);
