using Npgsql;
using Waharoa.Grants;
using Waharoa.Storage;
using Waharoa.Storage.Postgres;
using Waharoa.Testing;

namespace Waharoa.Tests.Storage;

/// <summary>
/// The storage contract on the PostgreSQL store, in a fresh database for the class on the server
/// <c>WAHAROA_TEST_POSTGRES</c> names and an empty schema of its own per test; and what only a shared store does:
/// migrate and lock across instances.
/// </summary>
public sealed class PostgresStoreContractTests(PostgresDatabaseFixture fixture) : StoreContractTests, IClassFixture<PostgresDatabaseFixture>
{
    private string _connectionString = null!;

    protected override string ExpectedProvider => "postgresql";

    protected override bool ExpectedShared => true;

    protected override async Task CreateDatabaseAsync() => _connectionString = await fixture.Database.CreateSchemaAsync();

    protected override async Task<IWaharoaStore> OpenProviderStoreAsync() => await PostgresStore.OpenAsync(_connectionString);

    protected override async Task<object?> RawScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    protected override async Task SetSchemaVersionAsync(int version)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("INSERT INTO schema_version (version, applied_at) VALUES (@version, 0)", connection);
        command.Parameters.AddWithValue("version", version);
        await command.ExecuteNonQueryAsync();
    }

    protected override async Task<IAsyncDisposable> BeginUncommittedAsync(string statement) =>
        await PostgresOpenTransaction.BeginAsync(_connectionString, statement);

    /// <remarks>The schema goes with the class's database.</remarks>
    protected override Task DropDatabaseAsync() => Task.CompletedTask;

    [Fact]
    public async Task Open_TwoInstancesOnAFreshDatabaseAtOnce_AllAtTheLatestVersion()
    {
        await using var fresh = await PostgresDatabase.CreateAsync();

        var stores = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => PostgresStore.OpenAsync(fresh.ConnectionString))));

        var versions = new List<int>();
        foreach (var store in stores)
        {
            versions.Add(await store.SchemaVersionAsync(default));
            await store.DisposeAsync();
        }

        Assert.Equal([15, 15, 15, 15], versions);
    }

    [Fact]
    public async Task Open_UnreachableServer_SaysWhereWithoutPassword()
    {
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(
            () => PostgresStore.OpenAsync("Host=127.0.0.1;Port=1;Database=waharoa;Username=waharoa;Password=sw0rdfish;Timeout=5"));

        Assert.StartsWith("The PostgreSQL database 'waharoa' at 127.0.0.1:1 could not be reached: ", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sw0rdfish", refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartupLock_Held_SecondInstanceWaitsUntilDisposed()
    {
        var other = await OpenStoreAsync();
        var first = await Store.AcquireStartupLockAsync(default);

        var second = other.AcquireStartupLockAsync(default);
        await Task.Delay(500);
        Assert.False(second.IsCompleted);

        await first.DisposeAsync();
        await using var acquired = await second.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task StartupLock_WaitCancelled_ThrowsAndLeavesLockFree()
    {
        var other = await OpenStoreAsync();
        var first = await Store.AcquireStartupLockAsync(default);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => other.AcquireStartupLockAsync(cancel.Token));

        await first.DisposeAsync();
        await using var acquired = await other.AcquireStartupLockAsync(default).WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task FailingCalls_ReturnTheirConnectionsToThePool()
    {
        var small = new NpgsqlConnectionStringBuilder(_connectionString) { MaxPoolSize = 2, Timeout = 5 };
        await using var store = await PostgresStore.OpenAsync(small.ConnectionString);
        await store.AddCodeAsync(NewCode("code-1"), default);
        await store.AddCodeAsync(NewCode("code-2"), default);
        var held = Issue(NewCode("code-2"));
        await store.UseCodeAsync("code-2", Now, held.Grant, held.Tokens, default);
        await store.AddSessionAsync(new("hash-1", "alice", Now, Now), default);
        await store.AddFirstSigningKeyAsync(new("K1", "c", "k", Now, null), default);
        var issued = Issue(NewCode("code-1"));
        IssuedToken[] orphan = [new("orphan", "no-grant", TokenKind.Access, Now, Now.AddHours(1))];

        for (var i = 0; i < 5; i++)
        {
            // A token of no grant breaks the foreign key (in a renewal, or after a code's use in the same transaction),
            // a second session of one hash the primary key; the others leave early.
            await Assert.ThrowsAsync<PostgresException>(() => store.AddSessionAsync(new("hash-1", "bob", Now, Now), default));
            await Assert.ThrowsAsync<PostgresException>(() => store.RenewAsync(held.Tokens[1].Jti, Now, orphan, spend: false, default));
            await Assert.ThrowsAsync<PostgresException>(() => store.UseCodeAsync("code-1", Now, issued.Grant, orphan, default));
            Assert.Equal(CodeUseOutcome.Unknown, (await store.UseCodeAsync("nothing", Now, issued.Grant, issued.Tokens, default)).Outcome);
            Assert.False(await store.ReplaceLinkAsync(new("L1", "136410132", null, false, false, default), new("L1", "136410132", "INC", false, false, default), default));
            Assert.False(await store.AddFirstSigningKeyAsync(new("K2", "c", "k", Now, null), default));
        }

        // The failed uses rolled back with their transactions: the code is still unused.
        Assert.Equal(CodeUseOutcome.Redeemed, (await store.UseCodeAsync("code-1", Now, issued.Grant, issued.Tokens, default)).Outcome);
    }
}
