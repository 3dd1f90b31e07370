using Waharoa.Users;

namespace Waharoa.Tests.Storage;

public abstract partial class StoreContractTests
{
    [Fact]
    public async Task AddUser_New_FoundInAnyCase()
    {
        Assert.True(await Store.AddUserAsync(new MyIrUser("Alice.Smith", "pw-hash", Now), default));

        var found = await Store.FindUserAsync("alice.SMITH", default);

        Assert.Equal(new MyIrUser("Alice.Smith", "pw-hash", Now), found);
    }

    [Fact]
    public async Task AddUser_LogonTakenInOtherCase_ReturnsFalse()
    {
        await Store.AddUserAsync(new MyIrUser("alice", "first", Now), default);

        Assert.False(await Store.AddUserAsync(new MyIrUser("ALICE", "second", Now), default));

        Assert.Equal("first", (await Store.FindUserAsync("Alice", default))!.PasswordHash);
    }

    [Fact]
    public async Task AddUser_SameLogonConcurrently_OneTrue()
    {
        var added = await ConcurrentlyAsync(6, (store, i) => store.AddUserAsync(new MyIrUser(i % 2 == 0 ? "bob" : "BOB", $"h{i}", Now), default));

        Assert.Single(added, a => a);
    }

    [Fact]
    public async Task FindUser_Unknown_ReturnsNull()
    {
        Assert.Null(await Store.FindUserAsync("nobody", default));
    }

    [Fact]
    public async Task FindUser_NonAsciiCase_NotFolded()
    {
        // Only ASCII letters fold, as SQLite's NOCASE does.
        await Store.AddUserAsync(new MyIrUser("émile", "hash", Now), default);

        Assert.NotNull(await Store.FindUserAsync("éMILE", default));
        Assert.Null(await Store.FindUserAsync("ÉMILE", default));
    }

    [Fact]
    public async Task ListUsers_OrderedByLogonIgnoringCase()
    {
        foreach (var logon in new[] { "Bob", "carol", "alice" })
        {
            await Store.AddUserAsync(new MyIrUser(logon, "hash", Now), default);
        }

        Assert.Equal(["alice", "Bob", "carol"], (await Store.ListUsersAsync(default)).Select(u => u.Logon));
    }

    [Fact]
    public async Task GetSubject_SameUser_StableInAnyCase()
    {
        await Store.AddUserAsync(new MyIrUser("alice", "hash", Now), default);

        var first = await Store.GetSubjectAsync("alice", default);
        var again = await Store.GetSubjectAsync("ALICE", default);

        Assert.True(Guid.TryParse(first, out _));
        Assert.Equal(first, again);
    }

    [Fact]
    public async Task GetSubject_ConcurrentFirstUse_OneSubject()
    {
        await Store.AddUserAsync(new MyIrUser("alice", "hash", Now), default);

        var subjects = await ConcurrentlyAsync(6, (store, _) => store.GetSubjectAsync("alice", default));

        Assert.Single(subjects.Distinct());
        Assert.Equal(subjects[0], await Store.GetSubjectAsync("alice", default));
    }

    [Fact]
    public async Task GetSubject_UnknownUser_ReturnsNull()
    {
        Assert.Null(await Store.GetSubjectAsync("nobody", default));
    }
}
