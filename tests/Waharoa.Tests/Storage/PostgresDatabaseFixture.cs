using Waharoa.Testing;

namespace Waharoa.Tests.Storage;

/// <summary>One fresh PostgreSQL database for a test class, dropped after its last test.</summary>
public sealed class PostgresDatabaseFixture : IAsyncLifetime
{
    private PostgresDatabase? _database;

    /// <summary>The class's database.</summary>
    public PostgresDatabase Database => _database ?? throw new InvalidOperationException("The database was not created.");

    public async Task InitializeAsync() => _database = await PostgresDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
