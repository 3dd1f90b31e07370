using Waharoa.Delegation;
using Waharoa.Sandbox;
using Waharoa.Storage.Sqlite;

namespace Waharoa.Tests.Sandbox;

/// <summary>IR's order of checks: owner, then a delegated logon, then a linked intermediary, else refused.</summary>
public sealed class DelegationModelTests : IDisposable
{
    private const string Client = "136410132";
    private const string Agency = "049091850";
    private readonly string _folder = Directory.CreateTempSubdirectory("waharoa-delegation-").FullName;
    private readonly SqliteStore _store;
    private readonly DelegationModel _model;

    public DelegationModelTests()
    {
        _store = SqliteStore.Open(Path.Combine(_folder, "waharoa.db"));
        _model = new DelegationModel(_store, _store);
    }

    [Fact]
    public async Task Owner_ReachesEveryAccount()
    {
        await _store.PutOwnershipAsync(new CustomerOwnership("Owner", Client), default);

        var reach = await _model.ReachCustomerAsync(new SandboxCaller("owner", null), Client, default);

        Assert.Equal(ReachKind.Owner, reach.Kind);
        Assert.True(reach.Reaches("GST"));
    }

    [Fact]
    public async Task DspOwnCustomer_ActsAsOwner()
    {
        var reach = await _model.ReachCustomerAsync(new SandboxCaller(null, Client), Client, default);

        Assert.Equal(ReachKind.Owner, reach.Kind);
    }

    [Theory]
    [InlineData(AccessLevel.View, ReachKind.Delegated)]
    [InlineData(AccessLevel.Full, ReachKind.Delegated)]
    [InlineData(AccessLevel.None, ReachKind.None)]
    public async Task DelegatedLogon_ReachesTheCustomerUnlessItsAccessIsNone(AccessLevel access, ReachKind expected)
    {
        await _store.PutDelegationAsync(new CustomerDelegation("Delegate", Client, access), default);

        var reach = await _model.ReachCustomerAsync(new SandboxCaller("Delegate", null), Client, default);

        Assert.Equal(expected, reach.Kind);
    }

    [Fact]
    public async Task OwnerComesBeforeDelegation()
    {
        await _store.PutOwnershipAsync(new CustomerOwnership("Both", Client), default);
        await _store.PutDelegationAsync(new CustomerDelegation("Both", Client, AccessLevel.View), default);

        Assert.Equal(ReachKind.Owner, (await _model.ReachCustomerAsync(new SandboxCaller("Both", null), Client, default)).Kind);
    }

    [Fact]
    public async Task LinkedAgentStaff_ReachOnlyTheLinkedAccountTypes_OfListsTheyCanSee()
    {
        await LinkAsync("L1", "INC", LinkStatus.Approved);
        await LinkAsync("L2", "GST", LinkStatus.Approved);
        await LinkAsync("L1", "EMP", LinkStatus.Pending);
        await _store.PutAgencyStaffAsync(new AgencyStaff("Staff", Agency, AgencyRole.User, AccessLevel.View) { ListAccess = new Dictionary<string, AccessLevel> { ["L2"] = AccessLevel.None } }, default);

        var reach = await _model.ReachCustomerAsync(new SandboxCaller("Staff", null), Client, default);

        Assert.Equal(ReachKind.LinkedIntermediary, reach.Kind);
        Assert.True(reach.Reaches("INC"));
        Assert.False(reach.Reaches("GST"));
        Assert.False(reach.Reaches("EMP"));
    }

    /// <summary>The access level counts for filing: each link's list level per account type, a delegation's, the better of both.</summary>
    [Fact]
    public async Task AccessLevels_ListLevelPerAccountType_AndTheBetterOfADelegationAndAnAgencyLink()
    {
        await LinkAsync("L1", "GST", LinkStatus.Approved);
        await LinkAsync("L2", "INC", LinkStatus.Approved);
        await _store.PutAgencyStaffAsync(new AgencyStaff("Staff", Agency, AgencyRole.User, AccessLevel.File) { ListAccess = new Dictionary<string, AccessLevel> { ["L2"] = AccessLevel.View } }, default);
        await _store.PutDelegationAsync(new CustomerDelegation("Staff", Client, AccessLevel.View), default);
        await _store.PutDelegationAsync(new CustomerDelegation("ViewerOnly", Client, AccessLevel.View), default);

        var staff = await _model.ReachCustomerAsync(new SandboxCaller("Staff", null), Client, default);
        var viewer = await _model.ReachCustomerAsync(new SandboxCaller("ViewerOnly", null), Client, default);

        Assert.Equal(AccessLevel.File, staff.AccessTo("GST"));
        Assert.True(staff.Reaches("GST", AccessLevel.File));
        Assert.Equal(AccessLevel.View, staff.AccessTo("INC"));
        Assert.Equal(AccessLevel.View, viewer.AccessTo("GST"));
        Assert.False(viewer.Reaches("GST", AccessLevel.File));
    }

    [Fact]
    public async Task CustomerMasterLink_ReachesEveryAccount()
    {
        await LinkAsync("L1", null, LinkStatus.Approved);
        await _store.PutAgencyStaffAsync(new AgencyStaff("Staff", Agency, AgencyRole.Administrator, AccessLevel.Full), default);

        var reach = await _model.ReachCustomerAsync(new SandboxCaller("Staff", null), Client, default);

        Assert.True(reach.Reaches("PIE"));
    }

    [Fact]
    public async Task RestrictedUser_AndStranger_AreRefused()
    {
        await LinkAsync("L1", "INC", LinkStatus.Approved);
        await _store.PutAgencyStaffAsync(new AgencyStaff("Restricted", Agency, AgencyRole.RestrictedUser, AccessLevel.Full), default);

        Assert.False((await _model.ReachCustomerAsync(new SandboxCaller("Restricted", null), Client, default)).Allowed);
        Assert.False((await _model.ReachCustomerAsync(new SandboxCaller("Stranger", null), Client, default)).Allowed);
        Assert.False((await _model.ReachCustomerAsync(new SandboxCaller(null, null), Client, default)).Allowed);
    }

    [Fact]
    public async Task TheAgencyItself_AndItsOwnerLogon_ActAsOwnersOfTheAgency()
    {
        await LinkAsync("L1", "INC", LinkStatus.Approved);
        await _store.PutOwnershipAsync(new CustomerOwnership("AgencyOwner", Agency), default);

        Assert.True((await _model.ReachCustomerAsync(new SandboxCaller(null, Agency), Client, default)).Reaches("INC"));
        Assert.True((await _model.ReachCustomerAsync(new SandboxCaller("AgencyOwner", null), Client, default)).Reaches("INC"));
        Assert.Equal(AgencyRole.Owner, (await _model.ActingForAgencyAsync(new SandboxCaller("AgencyOwner", null), Agency, default))!.Role);
        Assert.Null(await _model.ActingForAgencyAsync(new SandboxCaller("Stranger", null), Agency, default));
    }

    [Fact]
    public async Task Delinking_TakesEffectAtOnce()
    {
        await LinkAsync("L1", "INC", LinkStatus.Approved);
        await _store.PutAgencyStaffAsync(new AgencyStaff("Staff", Agency, AgencyRole.User, AccessLevel.Full), default);
        Assert.True((await _model.ReachCustomerAsync(new SandboxCaller("Staff", null), Client, default)).Reaches("INC"));

        await _store.RemoveLinkAsync("L1", Client, "INC", default);

        Assert.False((await _model.ReachCustomerAsync(new SandboxCaller("Staff", null), Client, default)).Allowed);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task LinkAsync(string listId, string? accountType, LinkStatus status)
    {
        if (await _store.FindClientListAsync(listId, default) is null)
        {
            await _store.PutClientListAsync(new ClientList(listId, "CLTLID", ClientListType.TAXCLI, Agency, false), default);
        }

        Assert.True(await _store.AddLinkAsync(new ClientLink(listId, Client, accountType, false, false, status), default));
    }
}
