using System.Text.Json;

namespace Waharoa.Tests.AccountApi;

/// <summary>The schema check the other tests rely on does catch what it claims to.</summary>
public sealed class AccountApiSchemaTests
{
    [Fact]
    public void Violations_BadAccount_AreEachReported()
    {
        using var body = JsonDocument.Parse("""
            {"Account":{"ID":"1","IDType":"XYZ","AccountType":"INC","Status":"ACT","FilingFrequency":"ITN03C","Commence":"2010-01-01",
             "Address":[{"AddressID":"1"}],"INC":{"ProvTaxRatio":"0"},"Extra":true}}
            """);

        var violations = AccountApiSchema.Violations("account_POST_Response200", body.RootElement);

        Assert.Contains(violations, v => v.Contains("'1' shorter than 7", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("'XYZ' is not in the enum", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("missing required Cease", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("AddressID: expected number", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("ProvTaxRatio: expected number", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("Extra is not defined", StringComparison.Ordinal));
    }
}
