using System.Text.Json.Nodes;
using Waharoa.Sandbox;

namespace Waharoa.Tests.Sandbox;

/// <summary>An account's Account API status, as the payday services read it: ceased or active, whatever a seed put there.</summary>
public sealed class TaxAccountTests
{
    [Theory]
    [InlineData("""{ "Status": "CEASED" }""", true)]
    [InlineData("""{ "Status": "INACT" }""", true)]
    [InlineData("""{ "Status": "ACT" }""", false)]
    [InlineData("""{ "Status": 5 }""", false)]
    [InlineData("""{ "Status": { "Code": "CEASED" } }""", false)]
    [InlineData("""{ }""", false)]
    public void IsCeased(string details, bool ceased) =>
        Assert.Equal(ceased, new TaxAccount("123041607EMP002", "123041607", "EMP", JsonNode.Parse(details)!.AsObject()).IsCeased);

    [Fact]
    public void IsCeased_NoDetails_Active() => Assert.False(new TaxAccount("123041607EMP002", "123041607", "EMP", null).IsCeased);
}
