using Waharoa.Sandbox;

namespace Waharoa.Tests.Storage;

public abstract partial class StoreContractTests
{
    [Fact]
    public async Task PutOwnership_TwiceInOtherCase_ListedOnceInAnyCase()
    {
        await Store.PutOwnershipAsync(new CustomerOwnership("Owner", "136410132"), default);
        await Store.PutOwnershipAsync(new CustomerOwnership("owner", "136410132"), default);
        await Store.PutOwnershipAsync(new CustomerOwnership("owner", "049091850"), default);
        await Store.PutOwnershipAsync(new CustomerOwnership("someone", "111111111"), default);

        var owned = await Store.ListOwnershipsAsync("OWNER", default);

        Assert.Equal([new CustomerOwnership("owner", "049091850"), new CustomerOwnership("Owner", "136410132")], owned);
    }

    [Fact]
    public async Task PutDelegation_Again_ReplacesAccess()
    {
        await Store.PutDelegationAsync(new CustomerDelegation("Helper", "136410132", AccessLevel.View), default);
        await Store.PutDelegationAsync(new CustomerDelegation("helper", "136410132", AccessLevel.Full), default);
        await Store.PutDelegationAsync(new CustomerDelegation("helper", "049091850", AccessLevel.File), default);

        var delegations = await Store.ListDelegationsAsync("HELPER", default);

        Assert.Equal(
            [new CustomerDelegation("helper", "049091850", AccessLevel.File), new CustomerDelegation("helper", "136410132", AccessLevel.Full)],
            delegations);
        Assert.Empty(await Store.ListDelegationsAsync("other", default));
    }

    [Fact]
    public async Task PutAgencyStaff_Again_ReplacesRoleAndListAccess()
    {
        await Store.PutAgencyStaffAsync(new AgencyStaff("Staff", "049091850", AgencyRole.User, AccessLevel.View), default);
        await Store.PutAgencyStaffAsync(
            new AgencyStaff("staff", "049091850", AgencyRole.RestrictedUser, AccessLevel.None)
            {
                ListAccess = new Dictionary<string, AccessLevel> { ["2000201"] = AccessLevel.Full, ["2000202"] = AccessLevel.View },
            },
            default);
        await Store.PutAgencyStaffAsync(new AgencyStaff("staff", "011111111", AgencyRole.Owner, AccessLevel.Full), default);

        var memberships = await Store.ListAgencyMembershipsAsync("STAFF", default);

        Assert.Equal(["011111111", "049091850"], memberships.Select(m => m.AgencyIrd));
        var restricted = memberships[1];
        Assert.Equal(("staff", AgencyRole.RestrictedUser, AccessLevel.None), (restricted.Logon, restricted.Role, restricted.Access));
        Assert.Equal(AccessLevel.Full, restricted.AccessTo("2000201"));
        Assert.Equal(AccessLevel.View, restricted.AccessTo("2000202"));
        Assert.Equal(2, restricted.ListAccess.Count);
        Assert.Empty(memberships[0].ListAccess);
    }
}
