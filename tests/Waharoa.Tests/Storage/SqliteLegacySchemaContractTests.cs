using Microsoft.Data.Sqlite;
using Waharoa.Grants;
using Waharoa.Sandbox;
using Waharoa.Storage.Sqlite;
using Waharoa.Users;

namespace Waharoa.Tests.Storage;

/// <summary>
/// The whole storage contract again, on SQLite databases made by the migrations of earlier builds
/// (<see cref="LegacySqliteSchema"/>): composite primary keys where new databases have unique indexes. Today's
/// statements must behave on them as on a new database.
/// </summary>
public sealed class SqliteLegacySchemaContractTests : SqliteStoreContractTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

    protected override async Task CreateDatabaseAsync()
    {
        await base.CreateDatabaseAsync();
        LegacySqliteSchema.Create(Database, version: 5);
    }

    [Fact]
    public async Task Schema_IsTheEarlierBuilds()
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Database, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_schema WHERE name IN ('sqlite_autoindex_users_1', 'sqlite_autoindex_delegations_1', 'users_by_logon')";

        Assert.Equal(2L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Open_EarlierBuildsDatabaseAtVersionTwo_MigratesToTenAndWorks()
    {
        var path = Path.Combine(Folder, "version-two.db");
        LegacySqliteSchema.Create(path, version: 2);

        await using var store = SqliteStore.Open(path);

        Assert.Equal(15, await store.SchemaVersionAsync(default));
        Assert.True(await store.AddUserAsync(new MyIrUser("Alice", "hash", At), default));
        Assert.False(await store.AddUserAsync(new MyIrUser("ALICE", "other", At), default));
        Assert.NotNull(await store.GetSubjectAsync("alice", default));
        await store.PutDelegationAsync(new CustomerDelegation("Alice", "136410132", AccessLevel.View), default);
        await store.PutDelegationAsync(new CustomerDelegation("alice", "136410132", AccessLevel.Full), default);
        Assert.Equal([new CustomerDelegation("alice", "136410132", AccessLevel.Full)], await store.ListDelegationsAsync("ALICE", default));
        var code = new AuthorizationCode("code-1", "client-a", "Alice", "https://app.example/callback", "MYIR.Services", At, At.AddMinutes(5));
        await store.AddCodeAsync(code, default);
        var grant = new Grant("grant-1", "client-a", "Alice", "MYIR.Services", GatewayEndpoint.Cloud, At, null);
        var use = await store.UseCodeAsync("code-1", At, grant, [new IssuedToken("refresh-1", "grant-1", TokenKind.Refresh, At, At.AddDays(1))], default);
        Assert.Equal(CodeUseOutcome.Redeemed, use.Outcome);
        Assert.True(await store.RenewAsync("refresh-1", At, [new IssuedToken("refresh-2", "grant-1", TokenKind.Refresh, At, At.AddDays(1))], spend: true, default));
        Assert.NotNull(await store.FindTokenAsync("refresh-2", default));
    }
}
