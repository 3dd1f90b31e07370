using System.Data.Common;

namespace Waharoa.Storage.Sql;

/// <summary>
/// One connection as the shared statements use it, by one caller at a time: runs a statement template rendered for
/// its dialect with its parameters, and maps the rows. A synchronous session (SQLite, whose I/O is synchronous
/// underneath) makes only synchronous calls, so every task it returns has already completed; a prepared one keeps each
/// statement it has run prepared, for a long-lived connection. Disposing it closes the connection.
/// </summary>
internal sealed class SqlSession : IDisposable, IAsyncDisposable
{
    private static readonly Func<DbDataReader, bool> AnyRow = _ => true;

    private readonly DbConnection _connection;
    private readonly bool _synchronous;
    private readonly Dictionary<string, DbCommand>? _prepared;
    private readonly Dictionary<string, SqlRowStatement>? _preparedRows;
    private DbTransaction? _transaction;
    private bool _abandoned;

    /// <param name="connection">An open connection, which the session now owns.</param>
    /// <param name="dialect">The dialect its statement templates are rendered in.</param>
    /// <param name="synchronous">True to make only synchronous calls.</param>
    /// <param name="prepared">True to keep every statement prepared (not for statements that depend on one another's DDL).</param>
    public SqlSession(DbConnection connection, SqlDialect dialect, bool synchronous, bool prepared)
    {
        _connection = connection;
        _synchronous = synchronous;
        _prepared = prepared ? new Dictionary<string, DbCommand>(StringComparer.Ordinal) : null;
        _preparedRows = prepared ? new Dictionary<string, SqlRowStatement>(StringComparer.Ordinal) : null;
        Dialect = dialect;
    }

    /// <summary>The dialect the session's statements are rendered in.</summary>
    public SqlDialect Dialect { get; }

    /// <summary>The wait in seconds before a statement is given up (0: no limit); the provider's default when null.</summary>
    public int? CommandTimeout { get; init; }

    /// <summary>The result of a call on a synchronous session, which has always completed by the time it returns.</summary>
    public static T Completed<T>(ValueTask<T> call) =>
        call.IsCompleted
            ? call.GetAwaiter().GetResult()
            : throw new NotSynchronousException();

    /// <summary>Runs a statement; the number of rows it changed.</summary>
    public ValueTask<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        var command = Command(sql, parameters);
        if (!_synchronous)
        {
            return ExecuteCoreAsync(command, cancellationToken);
        }

        try
        {
            return new(command.ExecuteNonQuery());
        }
        finally
        {
            Release(command);
        }
    }

    /// <summary>The first row of a query, mapped; the default (null) when there is none.</summary>
    public ValueTask<T?> SingleAsync<T>(string sql, Func<DbDataReader, T> map, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(map);
        var command = Command(sql, parameters);
        if (!_synchronous)
        {
            return SingleCoreAsync(command, map, cancellationToken);
        }

        try
        {
            using var reader = command.ExecuteReader();
            return new(reader.Read() ? map(reader) : default);
        }
        finally
        {
            Release(command);
        }
    }

    /// <summary>True when a query returns any row.</summary>
    public ValueTask<bool> ExistsAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        SingleAsync(sql, AnyRow, cancellationToken, parameters);

    /// <summary>Every row of a query, mapped, in the order returned.</summary>
    public ValueTask<IReadOnlyList<T>> ListAsync<T>(string sql, Func<DbDataReader, T> map, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        ArgumentNullException.ThrowIfNull(map);
        var command = Command(sql, parameters);
        if (!_synchronous)
        {
            return ListCoreAsync(command, map, cancellationToken);
        }

        try
        {
            using var reader = command.ExecuteReader();
            var rows = new List<T>();
            while (reader.Read())
            {
                rows.Add(map(reader));
            }

            return new(rows);
        }
        finally
        {
            Release(command);
        }
    }

    /// <summary>
    /// Runs <paramref name="sql"/> once for each of <paramref name="rows"/>, with the values <paramref name="values"/>
    /// adds for it in the order the statement first names its parameters: on SQLite bound by position, row by row; elsewhere
    /// as one batch of the provider's.
    /// </summary>
    public async ValueTask ExecuteEachAsync<T>(string sql, IReadOnlyList<T> rows, Action<T, SqlRowStatement> values, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(values);
        var statement = RowStatement(sql);
        try
        {
            foreach (var row in rows)
            {
                values(row, statement);
                await statement.EndRowAsync(_transaction, cancellationToken).ConfigureAwait(false);
            }

            await statement.FlushAsync(_transaction, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            statement.Reset();
            if (_preparedRows is null)
            {
                statement.Dispose();
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction, committed when it returns, rolled back when it throws or calls
    /// <see cref="Abandon"/>; its result either way.
    /// </summary>
    /// <remarks>Microsoft.Data.Sqlite runs the asynchronous calls synchronously, so a synchronous session completes this synchronously too.</remarks>
    public async ValueTask<T> InTransactionAsync<T>(Func<SqlSession, CancellationToken, ValueTask<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);

        // Disposing the transaction rolls it back unless it was committed.
        await using var transaction = _transaction = await _connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _abandoned = false;
            var result = await work(this, cancellationToken).ConfigureAwait(false);
            await (TakeAbandoned() ? transaction.RollbackAsync(cancellationToken) : transaction.CommitAsync(cancellationToken)).ConfigureAwait(false);
            return result;
        }
        finally
        {
            _transaction = null;
        }
    }

    /// <summary>
    /// Asks for the write under way to be undone instead of committed (its result still goes to its caller): for a
    /// write that finds, part way, that it must change nothing.
    /// </summary>
    public void Abandon() => _abandoned = true;

    /// <summary>Whether the write that just ran called <see cref="Abandon"/>; clears it for the next write.</summary>
    public bool TakeAbandoned()
    {
        var abandoned = _abandoned;
        _abandoned = false;
        return abandoned;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        DisposeCommands();
        _connection.Dispose();
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        DisposeCommands();
        return _connection.DisposeAsync();
    }

    // The asynchronous halves: a synchronous session never reaches them, and so spares their machinery on every call.
    private async ValueTask<int> ExecuteCoreAsync(DbCommand command, CancellationToken cancellationToken)
    {
        try
        {
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Release(command);
        }
    }

    private async ValueTask<T?> SingleCoreAsync<T>(DbCommand command, Func<DbDataReader, T> map, CancellationToken cancellationToken)
    {
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? map(reader) : default;
        }
        finally
        {
            Release(command);
        }
    }

    private async ValueTask<IReadOnlyList<T>> ListCoreAsync<T>(DbCommand command, Func<DbDataReader, T> map, CancellationToken cancellationToken)
    {
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var rows = new List<T>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(map(reader));
            }

            return rows;
        }
        finally
        {
            Release(command);
        }
    }

    private DbCommand Command(string sql, (string Name, object? Value)[] parameters)
    {
        var command = _prepared is null ? NewCommand(sql) : Prepared(_prepared, sql);
        command.Transaction = _transaction;
        SqlParameters.Bind(command, parameters);
        return command;
    }

    private SqlRowStatement RowStatement(string sql)
    {
        if (_preparedRows is not null && _preparedRows.TryGetValue(sql, out var statement))
        {
            return statement;
        }

        var rendered = Dialect.Render(sql);
        statement = Dialect.PrepareRowStatement(_connection, rendered) ?? new BatchRowStatement(_connection, rendered, CommandTimeout);
        _preparedRows?.Add(sql, statement);
        return statement;
    }

    private DbCommand Prepared(Dictionary<string, DbCommand> prepared, string sql)
    {
        if (prepared.TryGetValue(sql, out var command))
        {
            return command;
        }

        command = NewCommand(sql);
        try
        {
            command.Prepare();
        }
        catch
        {
            command.Dispose();
            throw;
        }

        prepared.Add(sql, command);
        return command;
    }

    private DbCommand NewCommand(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = Dialect.Render(sql);
        if (CommandTimeout is { } timeout)
        {
            command.CommandTimeout = timeout;
        }

        return command;
    }

    private void Release(DbCommand command)
    {
        if (_prepared is null)
        {
            command.Dispose();
        }
    }

    private void DisposeCommands()
    {
        foreach (var statement in _preparedRows?.Values ?? Enumerable.Empty<SqlRowStatement>())
        {
            statement.Dispose();
        }

        _preparedRows?.Clear();
        foreach (var command in _prepared?.Values ?? Enumerable.Empty<DbCommand>())
        {
            command.Dispose();
        }

        _prepared?.Clear();
    }
}
