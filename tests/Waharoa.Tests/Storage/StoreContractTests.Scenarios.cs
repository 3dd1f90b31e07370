using Waharoa.Storage;

namespace Waharoa.Tests.Storage;

public abstract partial class StoreContractTests
{
    [Fact]
    public async Task ScenarioRules_PutFindListReplaceRemoveClear()
    {
        await Store.PutScenarioRuleAsync(new StoredScenarioRule("b-rule", """{"answer":{"outcome":"pass"}}""", null, 0, Now), default);
        await Store.PutScenarioRuleAsync(new StoredScenarioRule("a-rule", """{"answer":{"outcome":"reset"}}""", 3, 0, Now), default);
        Assert.True(await Store.TakeScenarioRuleAsync("a-rule", default));

        // Put again: replaced, its count and firings start again.
        await Store.PutScenarioRuleAsync(new StoredScenarioRule("a-rule", """{"answer":{"outcome":"gateway-timeout"}}""", 5, 0, Now.AddMinutes(1)), default);

        Assert.Equal(["a-rule", "b-rule"], (await Store.ListScenarioRulesAsync(default)).Select(r => r.Name));
        Assert.Equal(new StoredScenarioRule("a-rule", """{"answer":{"outcome":"gateway-timeout"}}""", 5, 0, Now.AddMinutes(1)), await Store.FindScenarioRuleAsync("a-rule", default));
        Assert.Null(await Store.FindScenarioRuleAsync("A-RULE", default));
        Assert.True(await Store.RemoveScenarioRuleAsync("b-rule", default));
        Assert.False(await Store.RemoveScenarioRuleAsync("b-rule", default));
        Assert.Equal(1, await Store.ClearScenarioRulesAsync(default));
        Assert.Empty(await Store.ListScenarioRulesAsync(default));
    }

    [Fact]
    public async Task TakeScenarioRule_Concurrently_TakesExactlyTheCountAndCountsFirings()
    {
        await Store.PutScenarioRuleAsync(new StoredScenarioRule("counted", "{}", 4, 0, Now), default);
        await Store.PutScenarioRuleAsync(new StoredScenarioRule("uncounted", "{}", null, 0, Now), default);

        var taken = await ConcurrentlyAsync(10, (store, _) => store.TakeScenarioRuleAsync("counted", default));
        Assert.True(await Store.TakeScenarioRuleAsync("uncounted", default));
        Assert.True(await Store.TakeScenarioRuleAsync("uncounted", default));

        Assert.Equal(4, taken.Count(t => t));
        var counted = await Store.FindScenarioRuleAsync("counted", default);
        Assert.Equal((0L, 4L), (counted!.Remaining!.Value, counted.Fired));
        var uncounted = await Store.FindScenarioRuleAsync("uncounted", default);
        Assert.Equal(((long?)null, 2L), (uncounted!.Remaining, uncounted.Fired));
        Assert.False(await Store.TakeScenarioRuleAsync("gone", default));
    }
}
