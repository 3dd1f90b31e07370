using System.Xml.Linq;
using static Waharoa.Tests.Intermediation.SoapAnswer;

namespace Waharoa.Tests.Intermediation;

/// <summary>
/// Status code 7, "Account Type not supported" (build pack §5.1): a <c>clientAccountType</c> the schema allows but
/// appendix 6.2 does not list; RetrieveClientList's <c>filterAccountType</c> gets 103 instead.
/// </summary>
public sealed class IntermediationAccountTypeTests
{
    private const string Tax = "132261132";
    private const string Owner = "TaxAgentOwnerFull";

    // KSS (KiwiSaver member) is in Common.v2's list of example account types but not among Intermediation's active ones.
    private const string Unsupported = "KSS";

    private static readonly Dictionary<string, XDocument> Requests = new()
    {
        ["link"] = Envelopes.Link(Tax, "132261132", "LSTID", "132269289", Unsupported),
        ["delink"] = Envelopes.Delink(Tax, "132261132", "LSTID", "132260737", Unsupported),
        ["update"] = Envelopes.Update(Tax, "132261132", "LSTID", "132260737", Unsupported, redirectMail: true),
        ["retrieve a client"] = Envelopes.RetrieveClient(Tax, "132260737", Unsupported),

        // Code 7 is a generic gateway code: it comes before the service's own, here 105 and 110.
        ["link to an unknown list"] = Envelopes.Link(Tax, "132269999", "LSTID", "132269289", Unsupported),
        ["customer master with an account"] = Envelopes.Link(Tax, "132261132", "LSTID", "132260737", Unsupported, customerMaster: true),
    };

    [Theory]
    [InlineData("link")]
    [InlineData("delink")]
    [InlineData("update")]
    [InlineData("retrieve a client")]
    [InlineData("link to an unknown list")]
    [InlineData("customer master with an account")]
    public async Task ClientAccountType_NotAnActiveAccountType_AccountTypeNotSupportedAndChangesNothing(string name)
    {
        await using var sandbox = await IntermediationSandbox.StartAsync();
        var before = await sandbox.SendAsync(Owner, Envelopes.RetrieveClientList(Tax));

        var answer = await sandbox.SendAsync(Owner, Requests[name]);

        answer.AssertStatus(7);
        Assert.Equal("Account Type not supported", answer.ErrorMessage);
        Assert.Single(answer.Payload.Elements());
        var after = await sandbox.SendAsync(Owner, Envelopes.RetrieveClientList(Tax));
        Assert.Equal(before.Document.ToString(), after.Document.ToString());
    }

    [Fact]
    public async Task RetrieveClientList_FilterAccountTypeNotAnActiveAccountType_NoClientFound()
    {
        await using var sandbox = await IntermediationSandbox.StartAsync();

        var answer = await sandbox.SendAsync(Owner, Envelopes.RetrieveClientList(Tax, filterAccountType: Unsupported));

        answer.AssertStatus(103);
    }

    [Fact]
    public async Task UnsupportedAccountType_ForAnAgencyTheCallerDoesNotActFor_UnauthorisedDelegation()
    {
        await using var sandbox = await IntermediationSandbox.StartAsync();

        var answer = await sandbox.SendAsync("BookkeeperOwnerFile", Envelopes.Link(Tax, "132261132", "LSTID", "132269289", Unsupported));

        answer.AssertStatus(4);
    }
}
