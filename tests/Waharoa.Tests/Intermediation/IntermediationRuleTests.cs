using System.Xml.Linq;
using static Waharoa.Tests.Intermediation.SoapAnswer;

namespace Waharoa.Tests.Intermediation;

/// <summary>The Intermediation codes of build pack §5.2 that the scenarios do not reach, each from the data that calls for it.</summary>
public sealed class IntermediationRuleTests
{
    private const string Tax = "132261132";
    private const string Owner = "TaxAgentOwnerFull";

    private static readonly Dictionary<string, (string Logon, XDocument Request)> Cases = new()
    {
        ["unknown client"] = (Owner, Envelopes.Link(Tax, "132261132", "LSTID", "135000000", "GST")),
        ["client without that account"] = (Owner, Envelopes.Link(Tax, "132261132", "LSTID", "132260774", "GST")),
        ["retrieve a client not linked to the agency"] = (Owner, Envelopes.RetrieveClient(Tax, "132269289", clientIdType: "IRD")),
        ["account filter matching nothing"] = (Owner, Envelopes.RetrieveClientList(Tax, filterAccountType: "LOD")),
        ["list filter matching nothing"] = (Owner, Envelopes.RetrieveClientList(Tax, filterClientListId: "999")),
        ["no tax preparer indicator"] = ("PreparerWithoutIndicatorOwner", Envelopes.Link("135000078", "135000078", "LSTID", "132269289", "GST")),
        ["unknown list, owner"] = (Owner, Envelopes.Link(Tax, "132269999", "LSTID", "132269289", "GST")),
        ["list of another agency"] = (Owner, Envelopes.Link(Tax, "2000201", "CLTLID", "132269289", "GST")),
        ["list with the wrong ID type"] = (Owner, Envelopes.Link(Tax, "1039039", "LSTID", "132269289", "EMP")),
        ["unknown list, user"] = ("TaxAgentUserNone", Envelopes.Link(Tax, "132269999", "LSTID", "132269289", "GST")),
        ["refunds without a refund account"] = (Owner, Envelopes.Link(Tax, "132261132", "LSTID", "132269289", "GST", redirectDisbursements: true)),
        ["update a customer master that is not there"] = (Owner, Envelopes.Update(Tax, "132261132", "LSTID", "132260737", null, redirectMail: true, customerMaster: true, clientIdType: "IRD")),
        ["delink a customer master that is not there"] = (Owner, Envelopes.Delink(Tax, "132261555", "LSTID", "132260818", null, customerMaster: true, clientIdType: "IRD")),
        ["refunds on customer master"] = (Owner, Envelopes.Link(Tax, "132261132", "LSTID", "132260737", null, redirectDisbursements: true, customerMaster: true, clientIdType: "IRD")),
        ["customer master with an account"] = (Owner, Envelopes.Link(Tax, "132261132", "LSTID", "132260737", "INC", customerMaster: true)),
        ["customer master before any account link"] = (Owner, Envelopes.Link(Tax, "132261132", "LSTID", "132269289", null, customerMaster: true, clientIdType: "IRD")),
        ["move to a list of another type"] = (Owner, Envelopes.Update(Tax, "132261132", "LSTID", "132260737", "EMP", redirectMail: false, newListId: "132280722")),
        ["second customer master"] = (Owner, Envelopes.Link(Tax, "132261555", "LSTID", "132260753", null, customerMaster: true, clientIdType: "IRD")),
        ["customer master by a bookkeeper"] = ("BookkeeperOwnerFile", Envelopes.Link("135000051", "2000201", "CLTLID", "135000094", null, customerMaster: true, clientIdType: "IRD")),
        ["account already linked"] = (Owner, Envelopes.Link(Tax, "132261132", "LSTID", "132260737", "GST")),
        ["bookkeeper redirecting mail"] = ("BookkeeperOwnerFile", Envelopes.Link("135000051", "2000201", "CLTLID", "135000124", "GST", redirectMail: true)),
        ["payroll bureau redirecting mail"] = ("PayrollBureauOwnerFull", Envelopes.Update("135000043", "2000101", "CLTLID", "135000094", "EMP", redirectMail: true)),
        ["other representative redirecting refunds"] = ("OtherRepOwnerFull", Envelopes.Link("135000067", "2000301", "CLTLID", "135000124", "GST", redirectDisbursements: true)),
        ["payroll list linking GST"] = ("PayeIntermediaryOwnerFull", Envelopes.Link("135000019", "135000027", "LSTID", "135000124", "GST", redirectMail: true)),
        ["update with nothing to change"] = (Owner, Envelopes.Update(Tax, "132261132", "LSTID", "132260737", "GST")),
        ["account link without an account type"] = (Owner, Envelopes.Link(Tax, "132261132", "LSTID", "132269289", null, clientIdType: "IRD")),
        ["PAYE link without mail redirected"] = ("PayeIntermediaryOwnerFull", Envelopes.Link("135000019", "135000027", "LSTID", "135000124", "EMP")),
        ["refunds on an account without refunds"] = (Owner, Envelopes.Link(Tax, "132261555", "LSTID", "132260958", "AIP", redirectDisbursements: true)),
        ["link awaiting approval"] = ("PayrollBureauOwnerFull", Envelopes.Link("135000043", "2000101", "CLTLID", "135000108", "EMP")),
    };

    [Theory]
    [InlineData("unknown client", 103)]
    [InlineData("client without that account", 103)]
    [InlineData("retrieve a client not linked to the agency", 103)]
    [InlineData("account filter matching nothing", 103)]
    [InlineData("list filter matching nothing", 103)]
    [InlineData("no tax preparer indicator", 104)]
    [InlineData("unknown list, owner", 105)]
    [InlineData("list of another agency", 105)]
    [InlineData("list with the wrong ID type", 105)]
    [InlineData("unknown list, user", 103)]
    [InlineData("refunds without a refund account", 106)]
    [InlineData("update a customer master that is not there", 107)]
    [InlineData("delink a customer master that is not there", 107)]
    [InlineData("refunds on customer master", 109)]
    [InlineData("customer master with an account", 110)]
    [InlineData("customer master before any account link", 111)]
    [InlineData("move to a list of another type", 112)]
    [InlineData("second customer master", 113)]
    [InlineData("customer master by a bookkeeper", 114)]
    [InlineData("account already linked", 115)]
    [InlineData("bookkeeper redirecting mail", 116)]
    [InlineData("payroll bureau redirecting mail", 116)]
    [InlineData("other representative redirecting refunds", 117)]
    [InlineData("payroll list linking GST", 118)]
    [InlineData("update with nothing to change", 119)]
    [InlineData("account link without an account type", 120)]
    [InlineData("PAYE link without mail redirected", 121)]
    [InlineData("refunds on an account without refunds", 122)]
    [InlineData("link awaiting approval", 124)]
    public async Task Request_TheDataRefuses_AnswersIrsCodeAndChangesNothing(string name, int expected)
    {
        await using var sandbox = await IntermediationSandbox.StartAsync();
        var (logon, request) = Cases[name];
        var agency = request.Descendants(Cmn + "identifier").Single().Value;
        var before = await sandbox.SendAsync(Owner == logon ? Owner : logon, Envelopes.RetrieveClientList(agency));

        var answer = await sandbox.SendAsync(logon, request);

        answer.AssertStatus(expected);
        Assert.False(string.IsNullOrEmpty(answer.ErrorMessage));
        Assert.Single(answer.Payload.Elements());
        var after = await sandbox.SendAsync(logon, Envelopes.RetrieveClientList(agency));
        Assert.Equal(before.Document.ToString(), after.Document.ToString());
    }

    [Fact]
    public async Task Update_MovingOntoAListThatAlreadyLinksTheAccount_AccountLinkExists()
    {
        await using var sandbox = await IntermediationSandbox.StartAsync();
        (await sandbox.SendAsync(Owner, Envelopes.Link(Tax, "132261132", "LSTID", "132260818", "GST"))).AssertStatus(0);

        var moved = await sandbox.SendAsync(Owner, Envelopes.Update(Tax, "132261555", "LSTID", "132260818", "GST", redirectMail: false, newListId: "132261132"));

        moved.AssertStatus(115);
        var retrieved = await sandbox.SendAsync(Owner, Envelopes.RetrieveClient(Tax, "132260818", "GST"));
        Assert.Equal(["132261555:GST", "132261132:GST"], retrieved.LinkKeys);
    }

    [Fact]
    public async Task LinkingIncomeTax_AlsoLinksTheClientsEquAccount_AndDelinkingRemovesBoth()
    {
        await using var sandbox = await IntermediationSandbox.StartAsync();

        (await sandbox.SendAsync(Owner, Envelopes.Link(Tax, "132261555", "LSTID", "135000094", "INC", redirectMail: true))).AssertStatus(0);
        var linked = await sandbox.SendAsync(Owner, Envelopes.RetrieveClient(Tax, "135000094", clientIdType: "IRD"));
        (await sandbox.SendAsync(Owner, Envelopes.Delink(Tax, "132261555", "LSTID", "135000094", "INC"))).AssertStatus(0);
        var delinked = await sandbox.SendAsync(Owner, Envelopes.RetrieveClient(Tax, "135000094", clientIdType: "IRD"));

        Assert.Equal(["132261555:INC", "132261555:EQU"], linked.AssertStatus(0).LinkKeys);
        delinked.AssertStatus(103);
    }

    [Fact]
    public async Task ClientListReferencedByIrd_ResolvesAnLstidTaxAgentList_AndIsEchoedAsSent()
    {
        await using var sandbox = await IntermediationSandbox.StartAsync();

        var link = await sandbox.SendAsync(Owner, Envelopes.Link(Tax, "132261555", "IRD", "132269289", "INC"));

        link.AssertStatus(0);
        Assert.Equal("IRD", (string)link.Payload.Element(Int + "clientListID")!.Attribute("IdentifierValueType")!);
    }

    [Fact]
    public async Task Update_MovingWithoutTheOptionalFields_ResetsThemToFalse()
    {
        await using var sandbox = await IntermediationSandbox.StartAsync();
        (await sandbox.SendAsync(Owner, Envelopes.Update(Tax, "132261555", "LSTID", "132260818", "INC", redirectMail: true, redirectDisbursements: true))).AssertStatus(0);

        var moved = await sandbox.SendAsync(Owner, Envelopes.Update(Tax, "132261555", "LSTID", "132260818", "INC", newListId: "132261571"));

        var link = Assert.Single(moved.AssertStatus(0).Links);
        Assert.Equal("132261571", link.Element(Int + "clientListID")!.Value);
        Assert.Equal("false", link.Element(Int + "redirectMail")!.Value);
        Assert.Equal("false", link.Element(Int + "redirectDisbursements")!.Value);
    }

    [Fact]
    public async Task Update_OfAPendingLink_KeepsItPending()
    {
        await using var sandbox = await IntermediationSandbox.StartAsync();

        var moved = await sandbox.SendAsync("PayrollBureauOwnerFull", Envelopes.Update("135000043", "2000101", "CLTLID", "135000108", "EMP", newListId: "2000102"));

        moved.AssertStatus(0);
        var list = await sandbox.SendAsync("PayrollBureauOwnerFull", Envelopes.RetrieveClientList("135000043", filterClientListId: "2000102"));
        var client = list.ClientLists["2000102"].Elements(Int + "client").Single(c => c.Element(Int + "clientID")!.Value == "135000108");
        Assert.Equal("PENDING", (string)client.Attribute("status")!);
    }

    [Fact]
    public async Task DelinkingAPendingLink_CancelsIt()
    {
        await using var sandbox = await IntermediationSandbox.StartAsync();

        (await sandbox.SendAsync("OtherRepOwnerFull", Envelopes.Delink("135000067", "2000301", "CLTLID", "135000108", "GST"))).AssertStatus(0);

        var list = await sandbox.SendAsync("OtherRepOwnerFull", Envelopes.RetrieveClientList("135000067", filterClientListId: "2000301"));
        Assert.Equal(["135000094:INC"], list.ClientsOf("2000301"));
    }
}
