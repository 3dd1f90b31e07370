using Npgsql;

namespace Waharoa.Testing;

/// <summary>
/// A fresh, empty PostgreSQL database of its own (<c>waharoa_test_…</c>), made on the server that
/// <c>WAHAROA_TEST_POSTGRES</c> names and dropped (closing whatever still uses it) on dispose. Tests that share it
/// can each have an empty schema of their own (<see cref="CreateSchemaAsync"/>), which costs far less than a database.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    /// <summary>The environment variable holding a connection string to a server where its user may create databases.</summary>
    public const string ServerVariable = "WAHAROA_TEST_POSTGRES";

    /// <summary>The key-encryption key every instance on a test database is given (a shared store requires one).</summary>
    public const string KeyEncryptionKey = "waharoa-test-key-encryption-key-not-a-secret";

    private static readonly Lazy<string> KeyFilePath = new(() =>
    {
        var path = Path.Combine(Path.GetTempPath(), $"waharoa-test-kek-{Environment.ProcessId}.key");
        File.WriteAllText(path, KeyEncryptionKey);
        return path;
    });

    private readonly string _server;

    private PostgresDatabase(string server, string name)
    {
        _server = server;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    /// <summary>The database's name.</summary>
    public string Name { get; }

    /// <summary>A connection string to the database.</summary>
    public string ConnectionString { get; }

    /// <summary>A file holding <see cref="KeyEncryptionKey"/>, for <c>--key-encryption-key-file</c>.</summary>
    public static string KeyFile => KeyFilePath.Value;

    /// <summary>The arguments that put a <c>waharoa</c> verb on this database: <c>--postgres</c> and the key file.</summary>
    public string[] StoreArguments => ["--postgres", ConnectionString, "--key-encryption-key-file", KeyFile];

    /// <summary>Creates the database; fails, saying how to provide one, when <c>WAHAROA_TEST_POSTGRES</c> is unset.</summary>
    public static async Task<PostgresDatabase> CreateAsync()
    {
        var server = Environment.GetEnvironmentVariable(ServerVariable);
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException(
                $"{ServerVariable} is not set, and the PostgreSQL tests need a PostgreSQL server. Run ./test.sh, which starts one, " +
                $"or set {ServerVariable} to a connection string whose user may create databases, " +
                "e.g. Host=127.0.0.1;Port=5433;Username=postgres;Password=secret");
        }

        var database = new PostgresDatabase(server, $"waharoa_test_{Guid.NewGuid():N}");
        await database.OnServerAsync($"CREATE DATABASE {database.Name}");
        return database;
    }

    /// <summary>
    /// Creates an empty schema in the database; a connection string whose search path is that schema, so that
    /// what connects with it sees only that schema's tables.
    /// </summary>
    public async Task<string> CreateSchemaAsync()
    {
        var schema = $"test_{Guid.NewGuid():N}";
        await ExecuteAsync(ConnectionString, $"CREATE SCHEMA {schema}");
        return new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = schema }.ConnectionString;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // FORCE ends the sessions the code under test may still hold on the database.
        await OnServerAsync($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
    }

    private Task OnServerAsync(string sql) =>
        ExecuteAsync(new NpgsqlConnectionStringBuilder(_server) { Database = "postgres" }.ConnectionString, sql);

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
