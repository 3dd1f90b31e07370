using Microsoft.Data.Sqlite;
using Waharoa.Storage;
using Waharoa.Storage.Sqlite;

namespace Waharoa.Tests.Storage;

/// <summary>The storage contract on the embedded SQLite store, one database file in a temporary folder per test.</summary>
public class SqliteStoreContractTests : StoreContractTests
{
    private string _folder = null!;

    /// <summary>This test's folder.</summary>
    protected string Folder => _folder;

    /// <summary>This test's database file.</summary>
    protected string Database => Path.Combine(_folder, "waharoa.db");

    protected override string ExpectedProvider => "sqlite";

    protected override bool ExpectedShared => false;

    protected override Task CreateDatabaseAsync()
    {
        _folder = Directory.CreateTempSubdirectory("waharoa-store-").FullName;
        return Task.CompletedTask;
    }

    protected override Task<IWaharoaStore> OpenProviderStoreAsync() => Task.FromResult<IWaharoaStore>(SqliteStore.Open(Database));

    protected override async Task SetSchemaVersionAsync(int version)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Database, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA user_version = {version};";
        await command.ExecuteNonQueryAsync();
    }

    protected override async Task<object?> RawScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Database, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    protected override async Task<IAsyncDisposable> BeginUncommittedAsync(string statement) => await SqliteWriteLock.HoldAsync(Database, statement);

    protected override Task DropDatabaseAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }
}
