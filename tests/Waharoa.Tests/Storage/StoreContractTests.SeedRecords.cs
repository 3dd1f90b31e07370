namespace Waharoa.Tests.Storage;

public abstract partial class StoreContractTests
{
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
