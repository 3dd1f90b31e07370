using Waharoa.Sandbox;

namespace Waharoa.Tests.Storage;

public abstract partial class StoreContractTests
{
    private static ClientLink Link(string listId, string clientIrd, string? accountType, LinkStatus status = LinkStatus.Approved) =>
        new(listId, clientIrd, accountType, RedirectMail: true, RedirectDisbursements: false, status);

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
}
