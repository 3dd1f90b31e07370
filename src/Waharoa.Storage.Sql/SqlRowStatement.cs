using System.Collections.Concurrent;
using System.Data.Common;
using System.Text.RegularExpressions;

namespace Waharoa.Storage.Sql;

/// <summary>
/// A statement run once for each row of a batch (<see cref="SqlSession.ExecuteEachAsync{T}"/>): a row's values are
/// added in the order the statement first names its parameters, then the row is ended. SQLite runs each row on its own
/// handle, bound by position, sparing the parameter objects and per-name lookups of a provider's command on every
/// value; a provider without such a way in sends the rows together as one batch.
/// </summary>
internal abstract class SqlRowStatement : IDisposable
{
    /// <summary>The next value of the row, an integer.</summary>
    public abstract void Add(long value);

    /// <summary>The next value of the row, a text or SQL NULL.</summary>
    public abstract void Add(string? value);

    /// <summary>
    /// Ends the row whose values were added since the last, each parameter given one: runs it, or queues it for
    /// <see cref="FlushAsync"/>.
    /// </summary>
    public abstract ValueTask EndRowAsync(DbTransaction? transaction, CancellationToken cancellationToken);

    /// <summary>Runs the rows <see cref="EndRowAsync"/> queued, if any.</summary>
    public virtual ValueTask FlushAsync(DbTransaction? transaction, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>
    /// Forgets a row begun and not ended, rows queued and values bound: after each batch, so that one that failed part
    /// way leaves nothing for the next (a kept statement serves many) and no row's values stay held.
    /// </summary>
    public abstract void Reset();

    /// <inheritdoc />
    public abstract void Dispose();

    /// <summary>The error for a row whose values do not match the statement's parameters, a mistake in the caller.</summary>
    protected static InvalidOperationException WrongCount(int given, int expected) =>
        new($"The row gave {given} values for a statement of {expected} parameters.");
}

/// <summary>
/// <see cref="SqlRowStatement"/> as one batch of the provider's (<see cref="DbBatch"/>), each row a command with its
/// parameters named from the statement's own text, sent together when the rows are done: on PostgreSQL, one round trip
/// for the batch instead of one a row.
/// </summary>
internal sealed partial class BatchRowStatement : SqlRowStatement
{
    private readonly DbBatch _batch;
    private readonly string _sql;
    // Each statement's parameter names, each once in the order it first uses them: worked out once per statement.
    private static readonly ConcurrentDictionary<string, string[]> Names = new(StringComparer.Ordinal);

    private readonly string[] _names;
    private DbBatchCommand? _row;

    /// <param name="connection">An open connection whose provider makes batches.</param>
    /// <param name="sql">The statement, rendered.</param>
    /// <param name="timeout">The wait in seconds before the batch is given up (0: no limit); the provider's default when null.</param>
    public BatchRowStatement(DbConnection connection, string sql, int? timeout)
    {
        _batch = connection.CreateBatch();
        if (timeout is { } seconds)
        {
            _batch.Timeout = seconds;
        }

        _sql = sql;
        _names = Names.GetOrAdd(sql, static text => [.. Parameter().Matches(text).Select(m => m.Value).Distinct(StringComparer.Ordinal)]);
    }

    /// <inheritdoc />
    public override void Add(long value) => Next(value);

    /// <inheritdoc />
    public override void Add(string? value) => Next((object?)value ?? DBNull.Value);

    /// <inheritdoc />
    public override ValueTask EndRowAsync(DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var row = _row;
        _row = null;
        var given = row?.Parameters.Count ?? 0;
        if (row is null || given != _names.Length)
        {
            throw WrongCount(given, _names.Length);
        }

        _batch.BatchCommands.Add(row);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public override async ValueTask FlushAsync(DbTransaction? transaction, CancellationToken cancellationToken)
    {
        if (_batch.BatchCommands.Count == 0)
        {
            return;
        }

        _batch.Transaction = transaction;
        await _batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        _batch.BatchCommands.Clear();
    }

    /// <inheritdoc />
    public override void Reset()
    {
        _row = null;
        _batch.BatchCommands.Clear();
    }

    /// <inheritdoc />
    public override void Dispose() => _batch.Dispose();

    private void Next(object value)
    {
        var row = _row ??= NewRow();
        var index = row.Parameters.Count;
        if (index >= _names.Length)
        {
            throw WrongCount(index + 1, _names.Length);
        }

        var parameter = row.CreateParameter();
        parameter.ParameterName = _names[index];
        parameter.Value = value;
        row.Parameters.Add(parameter);
    }

    private DbBatchCommand NewRow()
    {
        var row = _batch.CreateBatchCommand();
        row.CommandText = _sql;
        return row;
    }

    [GeneratedRegex(@"@[A-Za-z_][A-Za-z0-9_]*")]
    private static partial Regex Parameter();
}
