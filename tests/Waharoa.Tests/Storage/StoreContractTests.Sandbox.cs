using System.Text.Json.Nodes;
using Waharoa.Sandbox;

namespace Waharoa.Tests.Storage;

public abstract partial class StoreContractTests
{
    private static ClientLink Link(string listId, string clientIrd, string? accountType, LinkStatus status = LinkStatus.Approved) =>
        new(listId, clientIrd, accountType, RedirectMail: true, RedirectDisbursements: false, status);

    [Fact]
    public async Task PutCustomer_New_FoundByIrdAndByCustomerId()
    {
        var customer = new Customer("049091850", "Kahu Agency") { CustomerId = "CST-1", Intermediary = true, TaxPreparer = true };

        await Store.PutCustomerAsync(customer, default);

        Assert.Equal(customer, await Store.FindCustomerAsync("049091850", default));
        Assert.Equal(customer, await Store.FindCustomerByIdAsync("CST-1", default));
        Assert.Null(await Store.FindCustomerAsync("136410132", default));
        Assert.Null(await Store.FindCustomerByIdAsync("CST-2", default));
    }

    [Fact]
    public async Task PutCustomer_Again_Replaces()
    {
        await Store.PutCustomerAsync(new Customer("049091850", "Old name") { CustomerId = "CST-1", Intermediary = true }, default);
        var replacement = new Customer("049091850", "New name");

        await Store.PutCustomerAsync(replacement, default);

        Assert.Equal(replacement, await Store.FindCustomerAsync("049091850", default));
        Assert.Null(await Store.FindCustomerByIdAsync("CST-1", default));
    }

    [Fact]
    public async Task PutCustomer_CustomerIdOfAnother_ReplacesThatCustomer()
    {
        await Store.PutCustomerAsync(new Customer("049091850", "First") { CustomerId = "CST-1" }, default);
        var taker = new Customer("136410132", "Second") { CustomerId = "CST-1" };

        await Store.PutCustomerAsync(taker, default);

        Assert.Equal(taker, await Store.FindCustomerByIdAsync("CST-1", default));
        Assert.Null(await Store.FindCustomerAsync("049091850", default));
    }

    [Fact]
    public async Task PutAccount_DetailsAndEligibility_RoundTripAndReplace()
    {
        var details = JsonNode.Parse("""{"FilingFrequency":"2","Balance":12.5,"Nested":{"A":[1,2]}}""")!.AsObject();
        await Store.PutAccountAsync(new TaxAccount("136410132GST001", "136410132", "GST", details), default);
        await Store.PutAccountAsync(new TaxAccount("136410132KSS001", "136410132", "KSS", null) { EligibleForAccountApi = false }, default);

        var gst = await Store.FindAccountAsync("136410132GST001", default);
        var kss = await Store.FindAccountAsync("136410132KSS001", default);

        Assert.Equal(details.ToJsonString(), gst!.Details!.ToJsonString());
        Assert.True(gst.EligibleForAccountApi);
        Assert.Null(kss!.Details);
        Assert.False(kss.EligibleForAccountApi);

        await Store.PutAccountAsync(new TaxAccount("136410132GST001", "136410132", "GST", null), default);
        Assert.Null((await Store.FindAccountAsync("136410132GST001", default))!.Details);
        Assert.Null(await Store.FindAccountAsync("136410132INC001", default));
    }

    [Fact]
    public async Task ListAccounts_OnlyThatCustomer_ByAccountId()
    {
        foreach (var id in new[] { "136410132INC001", "136410132EMP001", "049091850GST001", "136410132GST001" })
        {
            await Store.PutAccountAsync(new TaxAccount(id, id[..9], id[9..12], null), default);
        }

        var accounts = await Store.ListAccountsAsync("136410132", default);

        Assert.Equal(["136410132EMP001", "136410132GST001", "136410132INC001"], accounts.Select(a => a.AccountId));
    }

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

    [Fact]
    public async Task PutClientList_FoundListedByAgencyAndReplaced()
    {
        await Store.PutClientListAsync(new ClientList("2000202", "LSTID", ClientListType.TAXCLI, "049091850", false), default);
        await Store.PutClientListAsync(new ClientList("2000201", "LSTID", ClientListType.PRBCLI, "049091850", true), default);
        await Store.PutClientListAsync(new ClientList("3000001", "CLTLID", ClientListType.BKPCLI, "011111111", false), default);
        var replacement = new ClientList("2000202", "CLTLID", ClientListType.OTHCLI, "049091850", true);

        await Store.PutClientListAsync(replacement, default);

        Assert.Equal(replacement, await Store.FindClientListAsync("2000202", default));
        Assert.Null(await Store.FindClientListAsync("9999999", default));
        Assert.Equal(["2000201", "2000202"], (await Store.ListClientListsAsync("049091850", default)).Select(l => l.ListId));
    }

    [Fact]
    public async Task AddLink_ListedInInsertionOrder()
    {
        var links = new[]
        {
            Link("L1", "136410132", "INC"),
            Link("L1", "049091850", null, LinkStatus.Pending),
            Link("L2", "136410132", null),
            Link("L1", "136410132", "GST"),
        };

        foreach (var link in links)
        {
            Assert.True(await Store.AddLinkAsync(link, default));
        }

        Assert.Equal([links[0], links[1], links[3]], await Store.ListLinksAsync("L1", default));
        Assert.Equal([links[0], links[2], links[3]], await Store.ListLinksToClientAsync("136410132", default));
        Assert.Empty(await Store.ListLinksAsync("L3", default));
    }

    [Fact]
    public async Task AddLink_SameAccountOrMasterTwice_ReturnsFalse()
    {
        await Store.AddLinkAsync(Link("L1", "136410132", "INC"), default);
        await Store.AddLinkAsync(Link("L1", "136410132", null), default);

        Assert.False(await Store.AddLinkAsync(Link("L1", "136410132", "INC", LinkStatus.Pending), default));
        Assert.False(await Store.AddLinkAsync(Link("L1", "136410132", null, LinkStatus.Pending), default));
        Assert.All(await Store.ListLinksAsync("L1", default), l => Assert.Equal(LinkStatus.Approved, l.Status));
    }

    [Fact]
    public async Task RemoveLink_ByAccountTypeOrMaster()
    {
        await Store.AddLinkAsync(Link("L1", "136410132", "INC"), default);
        await Store.AddLinkAsync(Link("L1", "136410132", null), default);

        Assert.True(await Store.RemoveLinkAsync("L1", "136410132", null, default));
        Assert.False(await Store.RemoveLinkAsync("L1", "136410132", null, default));
        Assert.False(await Store.RemoveLinkAsync("L1", "136410132", "GST", default));

        Assert.Equal([Link("L1", "136410132", "INC")], await Store.ListLinksAsync("L1", default));
    }

    [Fact]
    public async Task ReplaceLink_Existing_ReplacedAndListedLast()
    {
        var pending = Link("L1", "136410132", "INC", LinkStatus.Pending);
        await Store.AddLinkAsync(pending, default);
        await Store.AddLinkAsync(Link("L1", "049091850", "INC"), default);
        var approved = pending with { Status = LinkStatus.Approved };

        Assert.True(await Store.ReplaceLinkAsync(pending, approved, default));

        Assert.Equal([Link("L1", "049091850", "INC"), approved], await Store.ListLinksAsync("L1", default));
    }

    [Fact]
    public async Task ReplaceLink_CurrentGone_FalseAndNothingAdded()
    {
        Assert.False(await Store.ReplaceLinkAsync(Link("L1", "136410132", "INC"), Link("L1", "136410132", "GST"), default));

        Assert.Empty(await Store.ListLinksAsync("L1", default));
    }

    [Fact]
    public async Task ReplaceLink_ReplacementTaken_FalseAndCurrentKept()
    {
        var current = Link("L1", "136410132", "INC");
        var taken = Link("L1", "136410132", "GST");
        await Store.AddLinkAsync(current, default);
        await Store.AddLinkAsync(taken, default);

        Assert.False(await Store.ReplaceLinkAsync(current, taken with { Status = LinkStatus.Pending }, default));

        Assert.Equal([current, taken], await Store.ListLinksAsync("L1", default));
    }

    [Fact]
    public async Task MarkSeedApplied_OncePerHash()
    {
        Assert.False(await Store.WasSeedAppliedAsync("HASH-A", default));

        await Store.MarkSeedAppliedAsync("HASH-A", "seed.yaml", Now, default);
        await Store.MarkSeedAppliedAsync("HASH-A", "seed.yaml", Now.AddMinutes(1), default);

        Assert.True(await Store.WasSeedAppliedAsync("HASH-A", default));
        Assert.False(await Store.WasSeedAppliedAsync("hash-a", default));
    }

    [Fact]
    public async Task MarkSeedApplied_SameHashConcurrently_NoError()
    {
        await ConcurrentlyAsync(6, async (store, i) =>
        {
            await store.MarkSeedAppliedAsync("HASH-A", $"seed-{i}.yaml", Now, default);
            return true;
        });

        Assert.True(await Store.WasSeedAppliedAsync("HASH-A", default));
    }
}
