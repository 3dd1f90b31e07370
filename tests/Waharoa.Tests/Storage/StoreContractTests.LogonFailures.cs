namespace Waharoa.Tests.Storage;

public abstract partial class StoreContractTests
{
    [Fact]
    public async Task FailedLogons_SinceExclusive_OldestFirstInAnyCase()
    {
        await Store.RecordFailedLogonAsync("Alice", Now.AddMinutes(2), default);
        await Store.RecordFailedLogonAsync("alice", Now, default);
        await Store.RecordFailedLogonAsync("ALICE", Now.AddMinutes(1), default);
        await Store.RecordFailedLogonAsync("bob", Now.AddMinutes(1), default);

        var failures = await Store.FailedLogonsSinceAsync("aLiCe", Now, default);

        Assert.Equal([Now.AddMinutes(1), Now.AddMinutes(2)], failures);
    }

    [Fact]
    public async Task ClearFailedLogons_OnlyThatUserInAnyCase()
    {
        await Store.RecordFailedLogonAsync("alice", Now, default);
        await Store.RecordFailedLogonAsync("bob", Now, default);

        await Store.ClearFailedLogonsAsync("ALICE", default);

        Assert.Empty(await Store.FailedLogonsSinceAsync("alice", Now.AddDays(-1), default));
        Assert.Single(await Store.FailedLogonsSinceAsync("bob", Now.AddDays(-1), default));
    }
}
