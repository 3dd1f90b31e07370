using System.Net;
using Waharoa.Certificates;
using Waharoa.Clients;
using Waharoa.Sandbox;
using Waharoa.Security;
using Waharoa.Server.Gateway;
using Waharoa.Storage;
using Waharoa.Testing;
using Waharoa.Tests.Gateway;
using static Waharoa.Tests.AccountApi.AccountApiCalls;

namespace Waharoa.Tests.AccountApi;

/// <summary>
/// The delegation model behind the Account API, on the demo data: owner, delegated logon, linked agent (tax agency
/// 132270007, list 7100001: 132243158's INC and GST, 139369673 as customer master) and a stranger.
/// </summary>
public sealed class AccountApiDelegationTests
{
    private const string PeterAll = "132243158INC002,132243158INC003,132243158GST004,132243158KSS004,132243158FAM005";

    [Theory]
    [InlineData(Owner, "132243158", PeterAll)]
    [InlineData(Delegated, "132243158", PeterAll)]
    [InlineData(Agent, "132243158", "132243158INC002,132243158INC003,132243158GST004")]
    [InlineData(Agent, "139369673", "139369673INC003")]
    [InlineData(Stranger, "132243158", null)]
    [InlineData(Owner, "069096409", null)]
    [InlineData(Delegated, "139369673", null)]
    [InlineData(Agent, "069096409", null)]
    public async Task List_DelegationMatrix_ReturnsWhatTheLogonReaches(string logon, string customerIrd, string? expectedIds)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();

        var (status, body) = await ListAsync(cloud, M2m(host, logon), customerIrd);

        if (expectedIds is null)
        {
            AssertAccessDenied(status, body);
        }
        else
        {
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(expectedIds.Split(','), AccountIds(body));
        }
    }

    [Theory]
    [InlineData(Owner, "132243158FAM005", "200")]
    [InlineData(Owner, "132243158KSS004", "ACT100")]
    [InlineData(Delegated, "132243158FAM005", "200")]
    [InlineData(Delegated, "132243158KSS004", "ACT100")]
    [InlineData(Agent, "132243158INC003", "200")]
    [InlineData(Agent, "132243158GST004", "200")]
    [InlineData(Agent, "139369673INC003", "200")]
    [InlineData(Agent, "132243158FAM005", "EV1022")]
    [InlineData(Agent, "132243158KSS004", "EV1022")]
    [InlineData(Stranger, "132243158INC003", "EV1022")]
    [InlineData(Stranger, "132243158KSS004", "EV1022")]
    [InlineData(Owner, "069096409EMP003", "EV1022")]
    public async Task Account_DelegationMatrix_ReturnsWhatTheLogonReaches(string logon, string accountId, string expected)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();

        var (status, body) = await AccountAsync(cloud, M2m(host, logon), accountId);

        switch (expected)
        {
            case "200":
                Assert.Equal(HttpStatusCode.OK, status);
                Assert.Equal(accountId, body.GetProperty("Account").GetProperty("ID").GetString());
                break;
            case "ACT100":
                AssertError(HttpStatusCode.BadRequest, "ACT100", "validation", "This account type is not eligible to be used in this service.", status, body);
                break;
            default:
                AssertAccessDenied(status, body);
                break;
        }
    }

    [Fact]
    public async Task AgentAndStrangerByBearerToken_SeeWhatTheirLogonsReach()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var agent = await BearerAsync(host, cloud, Agent);
        var stranger = await BearerAsync(host, cloud, Stranger);

        var (agentList, agentBody) = await ListAsync(cloud, agent, "132243158");
        var (agentFam, agentFamBody) = await AccountAsync(cloud, agent, "132243158FAM005");
        var (strangerList, strangerBody) = await ListAsync(cloud, stranger, "132243158");

        Assert.Equal(HttpStatusCode.OK, agentList);
        Assert.Equal(["132243158INC002", "132243158INC003", "132243158GST004"], AccountIds(agentBody));
        AssertAccessDenied(agentFam, agentFamBody);
        AssertAccessDenied(strangerList, strangerBody);
    }

    [Fact]
    public async Task Link_AddedAndRemovedInTheStore_ChangesWhatTheAgentReachesAtOnce()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var store = (IWaharoaStore)host.Server.Services.GetService(typeof(IWaharoaStore))!;
        var agent = M2m(host, Agent);
        var famLink = new ClientLink(AgencyListId, "132243158", "FAM", RedirectMail: false, RedirectDisbursements: false, LinkStatus.Approved);
        var masterLink = new ClientLink(AgencyListId, "069096409", null, RedirectMail: false, RedirectDisbursements: false, LinkStatus.Approved);
        var before = await AccountAsync(cloud, agent, "132243158FAM005");
        var beforeList = await ListAsync(cloud, agent, "069096409");

        Assert.True(await store.AddLinkAsync(famLink, CancellationToken.None));
        Assert.True(await store.AddLinkAsync(masterLink, CancellationToken.None));
        var linked = await AccountAsync(cloud, agent, "132243158FAM005");
        var linkedList = await ListAsync(cloud, agent, "132243158");
        var linkedMaster = await ListAsync(cloud, agent, "069096409");

        Assert.True(await store.RemoveLinkAsync(AgencyListId, "132243158", "FAM", CancellationToken.None));
        Assert.True(await store.RemoveLinkAsync(AgencyListId, "069096409", null, CancellationToken.None));
        var removed = await AccountAsync(cloud, agent, "132243158FAM005");
        var removedMaster = await ListAsync(cloud, agent, "069096409");

        AssertAccessDenied(before.Status, before.Body);
        AssertAccessDenied(beforeList.Status, beforeList.Body);
        Assert.Equal(HttpStatusCode.OK, linked.Status);
        Assert.Equal("FAM", linked.Body.GetProperty("Account").GetProperty("AccountType").GetString());
        Assert.Equal(["132243158INC002", "132243158INC003", "132243158GST004", "132243158FAM005"], AccountIds(linkedList.Body));
        Assert.Equal(["069096409INC002", "069096409EMP003"], AccountIds(linkedMaster.Body));
        AssertAccessDenied(removed.Status, removed.Body);
        AssertAccessDenied(removedMaster.Status, removedMaster.Body);
    }

    [Fact]
    public async Task Link_PendingOrStaffWithoutAccess_DoesNotReach()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var store = (IWaharoaStore)host.Server.Services.GetService(typeof(IWaharoaStore))!;
        await store.AddLinkAsync(new ClientLink(AgencyListId, "069096409", "EMP", false, false, LinkStatus.Pending), CancellationToken.None);
        await store.AddUserAsync(new Waharoa.Users.MyIrUser("RestrictedStaff", "unused", DateTimeOffset.UtcNow), CancellationToken.None);
        await store.AddUserAsync(new Waharoa.Users.MyIrUser("NoAccessStaff", "unused", DateTimeOffset.UtcNow), CancellationToken.None);
        await store.PutAgencyStaffAsync(new AgencyStaff("RestrictedStaff", AgencyIrd, AgencyRole.RestrictedUser, AccessLevel.Full), CancellationToken.None);
        await store.PutAgencyStaffAsync(
            new AgencyStaff("NoAccessStaff", AgencyIrd, AgencyRole.User, AccessLevel.Full) { ListAccess = new Dictionary<string, AccessLevel> { [AgencyListId] = AccessLevel.None } },
            CancellationToken.None);

        var pending = await AccountAsync(cloud, M2m(host, Agent), "069096409EMP003");
        var restricted = await ListAsync(cloud, M2m(host, "RestrictedStaff"), "132243158");
        var noAccess = await ListAsync(cloud, M2m(host, "NoAccessStaff"), "132243158");

        AssertAccessDenied(pending.Status, pending.Body);
        AssertAccessDenied(restricted.Status, restricted.Body);
        AssertAccessDenied(noAccess.Status, noAccess.Body);
    }

    [Fact]
    public async Task M2mWithoutStartLogon_ActsAsTheDspsOwnCustomer()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var agencyCertificate = await AddDspAsync(host, "TaxAgency_Software", AgencyIrd);
        using var ownerCertificate = await AddDspAsync(host, "Parker_Software", "132243158");
        using var asAgency = host.CreateCloudClient(agencyCertificate);
        using var asOwner = host.CreateCloudClient(ownerCertificate);
        using var asDemoDsp = host.CreateCloudClient();
        var agencyJwt = M2mTokens.Create(agencyCertificate, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(9));
        var ownerJwt = M2mTokens.Create(ownerCertificate, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(9));

        var agencyList = await ListAsync(asAgency, agencyJwt, "132243158");
        var agencyFam = await AccountAsync(asAgency, agencyJwt, "132243158FAM005");
        var agencyGst = await AccountAsync(asAgency, agencyJwt, "132243158GST004");
        var ownerList = await ListAsync(asOwner, ownerJwt, "132243158");
        var ownerOther = await ListAsync(asOwner, ownerJwt, "139369673");
        var noCustomer = await ListAsync(asDemoDsp, M2m(host, startLogon: null), "132243158");

        Assert.Equal(HttpStatusCode.OK, agencyList.Status);
        Assert.Equal(["132243158INC002", "132243158INC003", "132243158GST004"], AccountIds(agencyList.Body));
        AssertAccessDenied(agencyFam.Status, agencyFam.Body);
        Assert.Equal(HttpStatusCode.OK, agencyGst.Status);
        Assert.Equal(PeterAll.Split(','), AccountIds(ownerList.Body));
        AssertAccessDenied(ownerOther.Status, ownerOther.Body);
        AssertAccessDenied(noCustomer.Status, noCustomer.Body);
    }

    [Fact]
    public async Task M2mStartLogon_NamingNoMyIrLogon_IsRefusedWithEV1020()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();

        var unknown = await ListAsync(cloud, M2m(host, "NoSuchLogon"), DemoCustomer);
        var anyCase = await ListAsync(cloud, M2m(host, host.User.Logon.ToUpperInvariant()), DemoCustomer);

        AssertError(HttpStatusCode.BadRequest, "EV1020", "security", "Authentication failure means the token (JWT or OAuth) provided is not valid", unknown.Status, unknown.Body);
        Assert.Equal(HttpStatusCode.OK, anyCase.Status);
    }

    [Theory]
    [InlineData("Existing", Stranger, true)]
    [InlineData("RelatedToTheDsp", Stranger, false)]
    [InlineData("RelatedToTheDsp", Agent, true)]
    public async Task M2mStartLogon_RelatedToTheDsp_RefusesALogonWithNoRelationshipWithTheDsp(string rule, string startLogon, bool authenticated)
    {
        await using var host = await WaharoaTestHost.StartAsync(configure: o => o.Gateway.M2mStartLogon = Enum.Parse<StartLogonRule>(rule));
        using var agencyCertificate = await AddDspAsync(host, "TaxAgency_Software", AgencyIrd);
        using var asAgency = host.CreateCloudClient(agencyCertificate);

        var reply = await ListAsync(asAgency, M2mTokens.Create(agencyCertificate, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(9), startLogon), "132243158");

        // An authenticated caller reaches the delegation model (which answers for the customer); a refused one gets EV1020.
        Assert.Equal(!authenticated, reply.Body.ToString().Contains("\"EV1020\"", StringComparison.Ordinal));
    }

    private static async Task<System.Security.Cryptography.X509Certificates.X509Certificate2> AddDspAsync(WaharoaTestHost host, string clientId, string customerIrd)
    {
        var clients = (IClientStore)host.Server.Services.GetService(typeof(IClientStore))!;
        using var ca = host.DevelopmentCa();
        var certificate = ca.IssueClientCertificate(clientId);
        await clients.AddClientAsync(
            new DspClient(clientId, clientId, ClientKind.Cloud, SecretHasher.Hash("s"), ["https://dsp.example/cb"], CertificateFiles.Sha256Thumbprint(certificate), DateTimeOffset.UtcNow)
            {
                Services = ["*"],
                CustomerIrd = customerIrd,
            },
            CancellationToken.None);
        return certificate;
    }
}
