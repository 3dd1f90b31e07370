using Waharoa.Storage;

namespace Waharoa.Tests.Storage;

/// <summary>
/// The storage contract, as the doc comments of <see cref="IWaharoaStore"/> and its parts state it, run once against
/// every provider. Each test gets a database of its own.
/// </summary>
public abstract partial class StoreContractTests : IAsyncLifetime
{
    protected static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

    private readonly List<IWaharoaStore> _opened = [];

    /// <summary>The store under test.</summary>
    protected IWaharoaStore Store { get; private set; } = null!;

    /// <summary>The provider's <see cref="IWaharoaStore.Provider"/>.</summary>
    protected abstract string ExpectedProvider { get; }

    /// <summary>The provider's <see cref="IWaharoaStore.IsShared"/>.</summary>
    protected abstract bool ExpectedShared { get; }

    /// <summary>Makes this test's empty database.</summary>
    protected abstract Task CreateDatabaseAsync();

    /// <summary>Opens a store on this test's database, as a starting instance does.</summary>
    protected abstract Task<IWaharoaStore> OpenProviderStoreAsync();

    /// <summary>Marks this test's database, behind the store's back, as being at schema <paramref name="version"/>.</summary>
    protected abstract Task SetSchemaVersionAsync(int version);

    /// <summary>
    /// Runs <paramref name="statement"/> as another instance would, in a write transaction of its own that commits when
    /// the result is disposed: until then the rows it changed are locked and other instances see them unchanged.
    /// </summary>
    protected abstract Task<IAsyncDisposable> BeginUncommittedAsync(string statement);

    /// <summary>Removes this test's database.</summary>
    protected abstract Task DropDatabaseAsync();

    /// <summary>Runs <paramref name="sql"/> on this test's database behind the store's back: the first column of its first row.</summary>
    protected abstract Task<object?> RawScalarAsync(string sql);

    public async Task InitializeAsync()
    {
        await CreateDatabaseAsync();
        Store = await OpenStoreAsync();
    }

    public async Task DisposeAsync()
    {
        foreach (var store in _opened)
        {
            await store.DisposeAsync();
        }

        await DropDatabaseAsync();
    }

    /// <summary>Opens another store on this test's database (another instance), disposed with the test.</summary>
    protected async Task<IWaharoaStore> OpenStoreAsync()
    {
        var store = await OpenProviderStoreAsync();
        _opened.Add(store);
        return store;
    }

    /// <summary>Runs <paramref name="count"/> calls of <paramref name="call"/> at once, alternating between two instances on one database.</summary>
    protected async Task<T[]> ConcurrentlyAsync<T>(int count, Func<IWaharoaStore, int, Task<T>> call)
    {
        var other = await OpenStoreAsync();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = Enumerable.Range(0, count)
            .Select(i => Task.Run(async () =>
            {
                await start.Task;
                return await call(i % 2 == 0 ? Store : other, i);
            }))
            .ToArray();
        start.SetResult();
        return await Task.WhenAll(calls);
    }

    [Fact]
    public void Provider_NamesItself()
    {
        Assert.Equal(ExpectedProvider, Store.Provider);
        Assert.Equal(ExpectedShared, Store.IsShared);
    }

    [Fact]
    public async Task SchemaVersion_FreshStore_IsTheLatest()
    {
        Assert.Equal(15, await Store.SchemaVersionAsync(default));
    }

    [Fact]
    public async Task Open_SecondTime_KeepsVersionAndData()
    {
        await Store.AddUserAsync(new("alice", "hash", Now), default);

        var again = await OpenStoreAsync();

        Assert.Equal(15, await again.SchemaVersionAsync(default));
        Assert.NotNull(await again.FindUserAsync("alice", default));
    }

    [Fact]
    public async Task Open_DatabaseNewerThanBuild_RefusedClearly()
    {
        await SetSchemaVersionAsync(16);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(OpenStoreAsync);

        Assert.Contains("schema version 16, newer than this build's 15", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ping_ReachableStore_Completes()
    {
        await Store.PingAsync(default);
    }

    [Fact]
    public async Task StartupLock_Acquired_ReleasedOnDispose()
    {
        var held = await Store.AcquireStartupLockAsync(default);
        await held.DisposeAsync();

        await using var again = await Store.AcquireStartupLockAsync(default);
    }

    [Fact]
    public async Task TwoInstances_SeeEachOthersWrites()
    {
        var other = await OpenStoreAsync();

        await Store.AddClientAsync(NewClient("from-one"), default);
        await other.AddUserAsync(new("from-two", "hash", Now), default);

        Assert.NotNull(await other.FindClientAsync("from-one", default));
        Assert.NotNull(await Store.FindUserAsync("from-two", default));
    }
}
