using Microsoft.Data.Sqlite;
using Waharoa.Storage.Sql;

namespace Waharoa.Storage.Sqlite;

/// <summary>
/// A long-lived connection that keeps each statement it has run prepared, so a hot statement is parsed once, not on
/// every request; its <see cref="Session"/> runs them synchronously, as SQLite does underneath anyway. Used by one
/// caller at a time.
/// </summary>
internal sealed class PreparedConnection(SqliteConnection connection) : IDisposable
{
    /// <summary>The connection as the shared statements use it.</summary>
    public SqlSession Session { get; } = new(connection, SqliteDialect.Instance, synchronous: true, prepared: true);

    /// <summary>Runs <paramref name="sql"/>, a statement without parameters.</summary>
    public void Execute(string sql) => SqlSession.Completed(Session.ExecuteAsync(sql, CancellationToken.None));

    /// <summary>Rolls back a transaction SQLite left open after a failure (it may, after a failed COMMIT); errors are ignored.</summary>
    public void RollBackQuietly()
    {
        try
        {
            if (connection.Handle is { } handle && SQLitePCL.raw.sqlite3_get_autocommit(handle) == 0)
            {
                using var rollback = connection.CreateCommand();
                rollback.CommandText = "ROLLBACK";
                rollback.ExecuteNonQuery();
            }
        }
        catch (SqliteException)
        {
            // The connection is closed next either way, which ends whatever remains of the transaction.
        }
    }

    /// <inheritdoc />
    public void Dispose() => Session.Dispose();
}
