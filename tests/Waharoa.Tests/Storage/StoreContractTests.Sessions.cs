using Waharoa.Sessions;

namespace Waharoa.Tests.Storage;

public abstract partial class StoreContractTests
{
    [Fact]
    public async Task UseSession_Live_TouchesIt()
    {
        await Store.AddSessionAsync(new LogonSession("hash-1", "alice", Now, Now), default);

        var used = await Store.UseSessionAsync("hash-1", Now.AddMinutes(5), Now.AddMinutes(-10), default);
        var again = await Store.UseSessionAsync("hash-1", Now.AddMinutes(6), Now.AddMinutes(4), default);

        Assert.Equal(new LogonSession("hash-1", "alice", Now, Now.AddMinutes(5)), used);
        Assert.Equal(Now.AddMinutes(6), again?.LastSeenAt);
    }

    [Fact]
    public async Task UseSession_IdleSinceBeforeCutoff_ReturnsNull()
    {
        await Store.AddSessionAsync(new LogonSession("hash-1", "alice", Now, Now), default);

        Assert.Null(await Store.UseSessionAsync("hash-1", Now.AddHours(1), Now, default));
    }

    [Fact]
    public async Task UseSession_Ended_ReturnsNull()
    {
        await Store.AddSessionAsync(new LogonSession("hash-1", "alice", Now, Now), default);

        await Store.EndSessionAsync("hash-1", Now.AddMinutes(1), default);

        Assert.Null(await Store.UseSessionAsync("hash-1", Now.AddMinutes(2), Now.AddMinutes(-10), default));
    }

    [Fact]
    public async Task UseSession_Unknown_ReturnsNull()
    {
        Assert.Null(await Store.UseSessionAsync("nothing", Now, Now.AddMinutes(-10), default));
    }
}
