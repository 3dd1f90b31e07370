using System.Data.Common;

namespace Waharoa.Storage.Sql;

/// <summary>
/// Every part of <see cref="IWaharoaStore"/> written once in SQL both providers run: each operation is a read or a
/// write of one or more statements over a <see cref="SqlSession"/>, and a provider says only how those run (on which
/// connection, synchronously or not, how a write's transaction is committed). Times are kept as Unix milliseconds.
/// </summary>
/// <remarks>
/// What must happen once (using a code, spending a refresh token, adding the first signing key) is decided by a
/// conditional statement inside the write's transaction, so it holds across instances on one database.
/// </remarks>
public abstract partial class SqlStore : IWaharoaStore
{
    private protected SqlStore()
    {
    }

    /// <inheritdoc />
    public abstract string Provider { get; }

    /// <inheritdoc />
    public abstract bool IsShared { get; }

    /// <inheritdoc />
    public Task<int> SchemaVersionAsync(CancellationToken cancellationToken) =>
        ReadAsync((session, ct) => session.SingleAsync(session.Dialect.SchemaVersionQuery, r => r.GetInt32(0), ct), cancellationToken);

    /// <inheritdoc />
    /// <remarks>Reads the clients table, so that a database without Waharoa's schema does not answer.</remarks>
    public Task PingAsync(CancellationToken cancellationToken) => ExistsAsync("SELECT 1 FROM clients LIMIT 1", cancellationToken);

    /// <inheritdoc />
    public abstract Task<IAsyncDisposable> AcquireStartupLockAsync(CancellationToken cancellationToken);

    /// <inheritdoc />
    public abstract ValueTask DisposeAsync();

    /// <summary>Runs <paramref name="read"/>, statements that change nothing, on a session of the provider's.</summary>
    private protected abstract Task<T> ReadAsync<T>(Func<SqlSession, CancellationToken, ValueTask<T>> read, CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="write"/> in one transaction of its own, whose changes all stand once the returned task
    /// completes, or none of them when it throws or calls <see cref="SqlSession.Abandon"/>.
    /// </summary>
    private protected abstract Task<T> WriteAsync<T>(Func<SqlSession, CancellationToken, ValueTask<T>> write, CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="write"/>, one statement, which is atomic on its own: as any write, unless the provider has
    /// a cheaper way (a transaction of its own costs PostgreSQL a round trip more).
    /// </summary>
    private protected virtual Task<T> WriteStatementAsync<T>(Func<SqlSession, CancellationToken, ValueTask<T>> write, CancellationToken cancellationToken) =>
        WriteAsync(write, cancellationToken);

    /// <summary>The first row of one query, mapped; null when there is none.</summary>
    private Task<T?> SingleAsync<T>(string sql, Func<DbDataReader, T> map, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        ReadAsync((session, ct) => session.SingleAsync(sql, map, ct, parameters), cancellationToken);

    /// <summary>Every row of one query, mapped.</summary>
    private Task<IReadOnlyList<T>> ListAsync<T>(string sql, Func<DbDataReader, T> map, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        ReadAsync((session, ct) => session.ListAsync(sql, map, ct, parameters), cancellationToken);

    /// <summary>True when one query returns any row.</summary>
    private Task<bool> ExistsAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        ReadAsync((session, ct) => session.ExistsAsync(sql, ct, parameters), cancellationToken);

    /// <summary>One statement, written on its own; the number of rows it changed.</summary>
    private Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        WriteStatementAsync((session, ct) => session.ExecuteAsync(sql, ct, parameters), cancellationToken);

    /// <summary>One statement, written on its own; true when it changed exactly one row.</summary>
    private Task<bool> ChangesOneAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        WriteStatementAsync(async (session, ct) => await session.ExecuteAsync(sql, ct, parameters).ConfigureAwait(false) == 1, cancellationToken);

    private static long UnixMs(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    private static long? UnixMs(DateTimeOffset? value) => value?.ToUnixTimeMilliseconds();

    private static DateTimeOffset Time(DbDataReader reader, int ordinal) => DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));

    private static DateTimeOffset? TimeOrNull(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : Time(reader, ordinal);

    private static string? TextOrNull(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
