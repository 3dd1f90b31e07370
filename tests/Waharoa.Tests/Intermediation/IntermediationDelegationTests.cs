using Waharoa.Certificates;
using Waharoa.Clients;
using Waharoa.Delegation;
using Waharoa.Sandbox;
using Waharoa.Security;
using Waharoa.Storage;
using Waharoa.Testing;
using Waharoa.Tests.Gateway;
using static Waharoa.Tests.Intermediation.SoapAnswer;

namespace Waharoa.Tests.Intermediation;

/// <summary>Who may act for the intermediary named in <c>cmn:identifier</c> (build pack §2.4.4 and §3): otherwise code 4.</summary>
public sealed class IntermediationDelegationTests
{
    [Theory]
    [InlineData("TaxAgencyProprietor", "132261132", "IRD", 0)] // owns the agency
    [InlineData("TaxAgentOwnerFull", "132261132", "IRD", 0)] // staff: owner role
    [InlineData("TaxAgentAdministratorFile", "132261132", "IRD", 0)] // staff: administrator
    [InlineData("TaxAgentUserNone", "132261132", "IRD", 0)] // staff: user, with some lists visible
    [InlineData("TaxAgentRestrictedFull", "132261132", "IRD", 0)] // staff: restricted users may retrieve client lists
    [InlineData("DelegatedToAgency", "132261132", "IRD", 4)] // given access to the agency as a customer, not its staff
    [InlineData("UnrelatedLogon", "132261132", "IRD", 4)] // a stranger
    [InlineData("TaxAgentOwnerFull", "132260737", "IRD", 4)] // the agent is linked to this client, but cannot act as it
    [InlineData("BookkeeperOwnerFile", "132261132", "IRD", 4)] // staff of another agency
    [InlineData("TaxAgentOwnerFull", "132261133", "IRD", 4)] // not a valid IRD number
    [InlineData("TaxAgentOwnerFull", "32261132", "IRD", 4)] // eight digits must be padded
    [InlineData("TaxAgentOwnerFull", "132261132", "ACCIRD", 4)] // wrong identifier type
    [InlineData("TaxAgentOwnerFull", "9999999999", "CST", 4)] // unknown customer identifier
    [InlineData("SoleTraderOwner", "135000086", "IRD", 101)] // acts for the customer, which is no intermediary
    public async Task RetrieveClientList_ForTheIdentifier_AnswersByTheCallersStanding(string logon, string identifier, string identifierType, int expected)
    {
        await using var sandbox = await IntermediationSandbox.StartAsync();

        var answer = await sandbox.SendAsync(logon, Envelopes.RetrieveClientList(identifier, agencyType: identifierType));

        answer.AssertStatus(expected);
        if (expected == 0)
        {
            Assert.Equal(identifier, (string)answer.Payload.Element(Int + "agency")!.Attribute("agencyID")!);
        }
    }

    [Fact]
    public async Task RetrieveClientList_ByCustomerIdentifier_ResolvesTheAgency()
    {
        await using var sandbox = await IntermediationSandbox.StartAsync();
        var store = (IWaharoaStore)sandbox.Host.Server.Services.GetService(typeof(IWaharoaStore))!;
        var agency = (await store.FindCustomerAsync("135000051", CancellationToken.None))!;
        await store.PutCustomerAsync(agency with { CustomerId = "1350000510" }, CancellationToken.None);

        var answer = await sandbox.SendAsync("BookkeeperAdministratorView", Envelopes.RetrieveClientList("1350000510", agencyType: "CST"));

        answer.AssertStatus(0);
        Assert.Equal("135000051", (string)answer.Payload.Element(Int + "agency")!.Attribute("agencyID")!);
    }

    [Fact]
    public async Task M2mWithoutStartLogon_FromTheAgencysOwnDsp_IsRefusedWithStatus1AsIntermediationTakesOAuthOnly()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        var clients = (IClientStore)host.Server.Services.GetService(typeof(IClientStore))!;
        using var ca = host.DevelopmentCa();
        using var certificate = ca.IssueClientCertificate("Agency_Own_Dsp");
        await clients.AddClientAsync(
            new DspClient("Agency_Own_Dsp", "The agency's own software", ClientKind.Cloud, SecretHasher.Hash("s"), ["https://a.example/cb"], CertificateFiles.Sha256Thumbprint(certificate), DateTimeOffset.UtcNow)
            {
                Services = ["intermediation"],
                CustomerIrd = "132261132",
            },
            CancellationToken.None);
        using var cloud = host.CreateCloudClient(certificate);
        using var request = new HttpRequestMessage(HttpMethod.Post, IntermediationCalls.Path)
        {
            Content = new StringContent(Envelopes.RetrieveClientList("132261132", "EMP", "132280722").ToString(), System.Text.Encoding.UTF8, "application/soap+xml"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", M2mTokens.Create(certificate, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(9)));

        using var response = await cloud.SendAsync(request);

        var answer = Read(await response.Content.ReadAsStringAsync());
        answer.AssertStatus(1);
        Assert.Empty(answer.ClientLists);
    }

    [Fact]
    public async Task BearerTokenFromTheLogonFlow_ActsAsTheSeededLogonThatSignedIn()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new IntermediationCalls(host);
        var code = await TokenCalls.NewCodeAsync(host, host.CloudClient, new Waharoa.Server.Demo.DemoUser("BookkeeperAdministratorView", "Password1!"));
        var (_, body, _) = await TokenCalls.ExchangeCodeAsync(calls.Http, host.CloudClient, code, host.CloudClient.RedirectUri);
        var bearer = "Bearer " + body.GetProperty("access_token").GetString();

        using var own = await calls.PostAsync(Envelopes.RetrieveClientList("135000051").ToString(), bearer);
        using var other = await calls.PostAsync(Envelopes.RetrieveClientList("132261132").ToString(), bearer);

        Assert.Equal(["2000201", "2000202"], Read(await own.Content.ReadAsStringAsync()).AssertStatus(0).ClientLists.Keys);
        Read(await other.Content.ReadAsStringAsync()).AssertStatus(4);
    }

    [Fact]
    public async Task LinkAndDelink_AreSeenAtOnceByTheDelegationModelOtherServicesUse()
    {
        await using var sandbox = await IntermediationSandbox.StartAsync();
        var delegation = new DelegationModel((IWaharoaStore)sandbox.Host.Server.Services.GetService(typeof(IWaharoaStore))!, (IWaharoaStore)sandbox.Host.Server.Services.GetService(typeof(IWaharoaStore))!);
        var agent = new SandboxCaller("TaxAgentOwnerFull", null);
        Assert.False((await delegation.ReachCustomerAsync(agent, "132269289", CancellationToken.None)).Allowed);

        (await sandbox.SendAsync("TaxAgentOwnerFull", Envelopes.Link("132261132", "132261555", "LSTID", "132269289", "GST"))).AssertStatus(0);
        var linked = await delegation.ReachCustomerAsync(agent, "132269289", CancellationToken.None);
        (await sandbox.SendAsync("TaxAgentOwnerFull", Envelopes.Delink("132261132", "132261555", "LSTID", "132269289", "GST"))).AssertStatus(0);
        var delinked = await delegation.ReachCustomerAsync(agent, "132269289", CancellationToken.None);

        Assert.True(linked.Reaches("GST"));
        Assert.False(linked.Reaches("INC"));
        Assert.False(delinked.Allowed);
    }

    private static SoapAnswer Read(string text) => new(System.Xml.Linq.XDocument.Parse(text));
}
