using Microsoft.Data.Sqlite;

namespace Waharoa.Tests.Storage;

/// <summary>SQLite's write lock, taken by a connection of its own (as a management verb in another process would) until disposed.</summary>
internal sealed class SqliteWriteLock : IAsyncDisposable
{
    private readonly SqliteConnection _connection;

    private SqliteWriteLock(SqliteConnection connection) => _connection = connection;

    /// <summary>
    /// Takes the write lock of <paramref name="database"/>, then runs <paramref name="statement"/> if any: writes to it
    /// wait until it is disposed, which commits the statement.
    /// </summary>
    public static async Task<SqliteWriteLock> HoldAsync(string database, string? statement = null)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE; " + statement;
        await begin.ExecuteNonQueryAsync();
        return new SqliteWriteLock(connection);
    }

    public async ValueTask DisposeAsync()
    {
        await using (var commit = _connection.CreateCommand())
        {
            commit.CommandText = "COMMIT;";
            await commit.ExecuteNonQueryAsync();
        }

        await _connection.DisposeAsync();
    }
}
