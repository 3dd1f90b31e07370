namespace Waharoa.Storage;

/// <summary>Scenario injection rules, shared by every instance on the store. (Its operations are defined with scenario injection.)</summary>
public interface IScenarioRuleStore
{
}
