using Waharoa.Sandbox;
using Waharoa.Users;

namespace Waharoa.Tests.Storage;

/// <summary>What the console's test data page and seed export read and edit: whole lists, a password replaced, a record removed.</summary>
public abstract partial class StoreContractTests
{
    [Fact]
    public async Task SetUserPassword_InAnyCase_ReplacesTheHashOnly()
    {
        await Store.AddUserAsync(new MyIrUser("Alice", "old-hash", Now), default);

        Assert.True(await Store.SetUserPasswordAsync("ALICE", "new-hash", default));
        Assert.False(await Store.SetUserPasswordAsync("nobody", "new-hash", default));

        Assert.Equal(new MyIrUser("Alice", "new-hash", Now), await Store.FindUserAsync("alice", default));
    }

    [Fact]
    public async Task RemoveUser_InAnyCase_GoneAndItsGrantsOfAccessStay()
    {
        await Store.AddUserAsync(new MyIrUser("Alice", "hash", Now), default);
        await Store.AddUserAsync(new MyIrUser("bob", "hash", Now), default);
        await Store.PutOwnershipAsync(new CustomerOwnership("Alice", "136410132"), default);

        Assert.True(await Store.RemoveUserAsync("ALICE", default));
        Assert.False(await Store.RemoveUserAsync("alice", default));

        Assert.Equal(["bob"], (await Store.ListUsersAsync(default)).Select(u => u.Logon));
        Assert.Single(await Store.ListOwnershipsAsync("alice", default));
    }

    [Fact]
    public async Task ListCustomers_EveryCustomerByIrdNumber()
    {
        await Store.PutCustomerAsync(new Customer("136410132", "Aroha") { CustomerId = "1512150403", TaxPreparer = true }, default);
        await Store.PutCustomerAsync(new Customer("049091850", "Agency") { Intermediary = true }, default);

        Assert.Equal(
            [new Customer("049091850", "Agency") { Intermediary = true }, new Customer("136410132", "Aroha") { CustomerId = "1512150403", TaxPreparer = true }],
            await Store.ListCustomersAsync(default));
    }

    [Fact]
    public async Task ListAllClientLists_EveryAgencysListsByListId()
    {
        await Store.PutClientListAsync(new ClientList("7000002", "CLTLID", ClientListType.BKPCLI, "049091850", false), default);
        await Store.PutClientListAsync(new ClientList("7000001", "LSTID", ClientListType.TAXCLI, "132261132", true), default);

        Assert.Equal(
            [new ClientList("7000001", "LSTID", ClientListType.TAXCLI, "132261132", true), new ClientList("7000002", "CLTLID", ClientListType.BKPCLI, "049091850", false)],
            await Store.ListAllClientListsAsync(default));
    }

    [Fact]
    public async Task ListAllDelegations_EveryLogonsByLogonIgnoringCase_AndRemoveTakesOne()
    {
        await Store.PutOwnershipAsync(new CustomerOwnership("carol", "136410132"), default);
        await Store.PutOwnershipAsync(new CustomerOwnership("Bob", "136410132"), default);
        await Store.PutOwnershipAsync(new CustomerOwnership("Bob", "049091850"), default);
        await Store.PutDelegationAsync(new CustomerDelegation("carol", "136410132", AccessLevel.View), default);
        await Store.PutDelegationAsync(new CustomerDelegation("Alice", "136410132", AccessLevel.Full), default);
        await Store.PutAgencyStaffAsync(new AgencyStaff("carol", "049091850", AgencyRole.Owner, AccessLevel.Full), default);
        await Store.PutAgencyStaffAsync(
            new AgencyStaff("Bob", "049091850", AgencyRole.User, AccessLevel.View) { ListAccess = new Dictionary<string, AccessLevel> { ["7000001"] = AccessLevel.None } }, default);

        Assert.Equal(
            [new CustomerOwnership("Bob", "049091850"), new CustomerOwnership("Bob", "136410132"), new CustomerOwnership("carol", "136410132")],
            await Store.ListAllOwnershipsAsync(default));
        Assert.Equal(
            [new CustomerDelegation("Alice", "136410132", AccessLevel.Full), new CustomerDelegation("carol", "136410132", AccessLevel.View)],
            await Store.ListAllDelegationsAsync(default));
        var staff = await Store.ListAllAgencyStaffAsync(default);
        Assert.Equal(["Bob", "carol"], staff.Select(s => s.Logon));
        Assert.Equal(AccessLevel.None, staff[0].AccessTo("7000001"));

        Assert.True(await Store.RemoveOwnershipAsync("BOB", "136410132", default));
        Assert.True(await Store.RemoveDelegationAsync("alice", "136410132", default));
        Assert.True(await Store.RemoveAgencyStaffAsync("CAROL", "049091850", default));
        Assert.False(await Store.RemoveDelegationAsync("alice", "136410132", default));
        Assert.False(await Store.RemoveAgencyStaffAsync("carol", "049091850", default));

        Assert.Equal([new CustomerOwnership("Bob", "049091850"), new CustomerOwnership("carol", "136410132")], await Store.ListAllOwnershipsAsync(default));
        Assert.Equal([new CustomerDelegation("carol", "136410132", AccessLevel.View)], await Store.ListAllDelegationsAsync(default));
        Assert.Equal(["Bob"], (await Store.ListAllAgencyStaffAsync(default)).Select(s => s.Logon));
    }
}
