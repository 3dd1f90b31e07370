using Microsoft.Data.Sqlite;

namespace Waharoa.Storage.Sqlite;

/// <summary>
/// A long-lived connection that keeps each statement it has run prepared, so a hot statement is parsed once, not on
/// every request. Used by one caller at a time.
/// </summary>
internal sealed class PreparedConnection(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _prepared = new(StringComparer.Ordinal);

    /// <summary>The prepared statement for <paramref name="sql"/>, bound to <paramref name="parameters"/>; not to be disposed.</summary>
    public SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        if (!_prepared.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            command.Prepare();
            _prepared.Add(sql, command);
        }

        command.Parameters.Clear();
        Bind(command, parameters);
        return command;
    }

    /// <summary>Adds <paramref name="parameters"/> to <paramref name="command"/>, a null as SQL NULL.</summary>
    public static void Bind(SqliteCommand command, (string Name, object? Value)[] parameters)
    {
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
    }

    /// <summary>Runs <paramref name="sql"/>, a statement without parameters.</summary>
    public void Execute(string sql) => Command(sql).ExecuteNonQuery();

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
    public void Dispose()
    {
        foreach (var command in _prepared.Values)
        {
            command.Dispose();
        }

        _prepared.Clear();
        connection.Dispose();
    }
}
