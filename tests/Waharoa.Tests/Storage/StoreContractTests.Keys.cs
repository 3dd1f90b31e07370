using Waharoa.Storage;

namespace Waharoa.Tests.Storage;

public abstract partial class StoreContractTests
{
    private static StoredSigningKey Key(string keyId, DateTimeOffset createdAt, DateTimeOffset? retiresAt = null) =>
        new(keyId, $"-----BEGIN CERTIFICATE-----\n{keyId}\n-----END CERTIFICATE-----", $"-----BEGIN PRIVATE KEY-----\n{keyId}\n-----END PRIVATE KEY-----", createdAt, retiresAt);

    [Fact]
    public async Task AddFirstSigningKey_OnlyWhenNoneKept()
    {
        Assert.True(await Store.AddFirstSigningKeyAsync(Key("K1", Now), default));
        Assert.False(await Store.AddFirstSigningKeyAsync(Key("K2", Now), default));

        Assert.Equal([Key("K1", Now)], await Store.ListSigningKeysAsync(default));
    }

    [Fact]
    public async Task RetireSigningKey_SetsItsRetirement_OnlyWhenSooner()
    {
        await Store.AddFirstSigningKeyAsync(Key("K1", Now), default);
        await Store.RotateSigningKeyAsync(Key("K2", Now.AddDays(1)), Now.AddDays(10), default);

        Assert.True(await Store.RetireSigningKeyAsync("K1", Now.AddDays(2), default));
        Assert.False(await Store.RetireSigningKeyAsync("K1", Now.AddDays(3), default));
        Assert.False(await Store.RetireSigningKeyAsync("nothing", Now, default));

        Assert.Equal([Key("K1", Now, Now.AddDays(2)), Key("K2", Now.AddDays(1))], await Store.ListSigningKeysAsync(default));
    }

    [Fact]
    public async Task AddFirstSigningKey_Concurrently_OneKeyKept()
    {
        var added = await ConcurrentlyAsync(6, (store, i) => store.AddFirstSigningKeyAsync(Key($"K{i}", Now), default));

        Assert.Single(added, a => a);
        Assert.Single(await Store.ListSigningKeysAsync(default));
    }

    [Fact]
    public async Task RotateSigningKey_RetiresOnlyKeysNotRetired_ListedOldestFirst()
    {
        await Store.AddFirstSigningKeyAsync(Key("K1", Now), default);
        await Store.RotateSigningKeyAsync(Key("K2", Now.AddDays(1)), Now.AddDays(2), default);

        await Store.RotateSigningKeyAsync(Key("K3", Now.AddDays(3)), Now.AddDays(4), default);

        Assert.Equal(
            [Key("K1", Now, Now.AddDays(2)), Key("K2", Now.AddDays(1), Now.AddDays(4)), Key("K3", Now.AddDays(3))],
            await Store.ListSigningKeysAsync(default));
    }

    [Fact]
    public async Task RotateSigningKey_Concurrently_OneKeySigns()
    {
        await Store.AddFirstSigningKeyAsync(Key("K0", Now), default);

        await ConcurrentlyAsync(6, async (store, i) =>
        {
            await store.RotateSigningKeyAsync(Key($"K{i + 1}", Now.AddMinutes(i + 1)), Now.AddHours(1), default);
            return true;
        });

        var keys = await Store.ListSigningKeysAsync(default);
        Assert.Equal(7, keys.Count);
        Assert.Single(keys, k => k.RetiresAt is null);
    }

    [Fact]
    public async Task RemoveRetiredSigningKeys_RetiredAtOrBeforeNow()
    {
        await Store.AddFirstSigningKeyAsync(Key("K1", Now), default);
        await Store.RotateSigningKeyAsync(Key("K2", Now.AddDays(1)), Now.AddDays(2), default);
        await Store.RotateSigningKeyAsync(Key("K3", Now.AddDays(3)), Now.AddDays(4), default);

        Assert.Equal(1, await Store.RemoveRetiredSigningKeysAsync(Now.AddDays(2), default));
        Assert.Equal(0, await Store.RemoveRetiredSigningKeysAsync(Now.AddDays(3), default));

        Assert.Equal(["K2", "K3"], (await Store.ListSigningKeysAsync(default)).Select(k => k.KeyId));
    }

    [Fact]
    public async Task AddSharedFile_NameTaken_FalseAndFirstContentKept()
    {
        Assert.True(await Store.AddSharedFileAsync(new SharedFile("certs/ca.crt", [1, 2, 3], Now), default));

        Assert.False(await Store.AddSharedFileAsync(new SharedFile("certs/ca.crt", [9], Now.AddMinutes(1)), default));

        var file = Assert.Single(await Store.ListSharedFilesAsync("certs/", default));
        Assert.Equal(("certs/ca.crt", Now), (file.Name, file.CreatedAt));
        Assert.Equal([1, 2, 3], file.Content);
    }

    [Fact]
    public async Task AddSharedFiles_StoresEveryUntakenName_KeepsTakenOnesFirstContent()
    {
        Assert.True(await Store.AddSharedFileAsync(new SharedFile("certs/ca.crt", [1], Now), default));

        var stored = await Store.AddSharedFilesAsync(
            [new SharedFile("certs/ca.crt", [9], Now), new SharedFile("certs/ca.key", [2], Now), new SharedFile("demo.json", [3], Now)], default);

        Assert.Equal(2, stored);
        Assert.Equal([1], Assert.Single(await Store.ListSharedFilesAsync("certs/ca.crt", default)).Content);
        Assert.Equal([2], Assert.Single(await Store.ListSharedFilesAsync("certs/ca.key", default)).Content);
        Assert.Equal([3], Assert.Single(await Store.ListSharedFilesAsync("demo.json", default)).Content);
        Assert.Equal(0, await Store.AddSharedFilesAsync([], default));
    }

    [Fact]
    public async Task AddSharedFile_SameNameConcurrently_OneContentWins()
    {
        var added = await ConcurrentlyAsync(6, (store, i) => store.AddSharedFileAsync(new SharedFile("keys/dp.xml", [(byte)i], Now), default));

        var winner = Assert.Single(Enumerable.Range(0, added.Length), i => added[i]);
        Assert.Equal([(byte)winner], Assert.Single(await Store.ListSharedFilesAsync("keys/", default)).Content);
    }

    [Fact]
    public async Task ListSharedFiles_ByPrefixLiterally_ByName()
    {
        var empty = Array.Empty<byte>();
        foreach (var name in new[] { "certs/server.crt", "dataprotection/key-1.xml", "certs/ca.crt", "certsX/other", "a_b/file", "axb/file" })
        {
            await Store.AddSharedFileAsync(new SharedFile(name, name == "certs/ca.crt" ? empty : [0xFF, 0x00], Now), default);
        }

        Assert.Equal(["certs/ca.crt", "certs/server.crt"], (await Store.ListSharedFilesAsync("certs/", default)).Select(f => f.Name));
        Assert.Equal(["a_b/file"], (await Store.ListSharedFilesAsync("a_", default)).Select(f => f.Name));
        Assert.Empty(await Store.ListSharedFilesAsync("%", default));
        Assert.Equal(6, (await Store.ListSharedFilesAsync(string.Empty, default)).Count);
        Assert.Empty((await Store.ListSharedFilesAsync("certs/ca", default)).Single().Content);
    }
}
