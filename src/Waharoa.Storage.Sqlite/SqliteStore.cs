using Microsoft.Data.Sqlite;
using Waharoa.Security;
using Waharoa.Storage.Sql;

namespace Waharoa.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in the data folder, in WAL mode so a killed process loses nothing that was
/// committed. Every write a response depends on is committed before the response. Reads run on connections that keep
/// their statements prepared; writes are committed in groups on one writer connection.
/// </summary>
public sealed class SqliteStore : SqlStore
{
    // busy_timeout: a writer in another process (a management verb) is waited for inside SQLite, briefly and cheaply.
    // temp_store = MEMORY: each group-commit write runs in a savepoint, whose statement journal (a copy of every page the
    // write changes) SQLite otherwise spills to a temporary file past 64 KiB; a batch of recorded calls and its prune did,
    // at every commit, and those writes were 95% of the store's pwrite calls under load (strace, 2026-12-06).
    private static readonly string Pragmas =
        $"PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY; PRAGMA busy_timeout = 30000; PRAGMA wal_autocheckpoint = {WalCheckpointer.BackstopPages}; " +
        $"PRAGMA journal_size_limit = {WalCheckpointer.LogSizeLimitBytes};";

    private readonly ReaderPool _readers;
    private readonly GroupCommit _groupCommit;
    private readonly WalCheckpointer _checkpointer;

    // Every connection is the store's own, opened outside any pool, so that closing one really closes it.
    private SqliteStore(string connectionString)
    {
        _readers = new ReaderPool(() => OpenConnection(connectionString));
        _checkpointer = new WalCheckpointer(() => OpenConnection(connectionString));
        _groupCommit = new GroupCommit(() => OpenConnection(connectionString), _checkpointer.Written);
    }

    /// <summary>Opens (creating and migrating when needed) the database at <paramref name="path"/>.</summary>
    public static SqliteStore Open(string path)
    {
        // Created owner-only before SQLite opens it, so its journal files (which copy its mode) are too.
        OwnerOnlyFiles.Create(path);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString();
        using (var session = new SqlSession(OpenConnection(connectionString), SqliteDialect.Instance, synchronous: true, prepared: false))
        {
            // Outside any transaction, where SQLite will change it.
            SqlSession.Completed(session.ExecuteAsync("PRAGMA journal_mode = WAL", CancellationToken.None));
            SqlSession.Completed(SqlMigrations.ApplyAsync(session, CancellationToken.None));
        }

        return new SqliteStore(connectionString);
    }

    /// <inheritdoc />
    public override string Provider => "sqlite";

    /// <inheritdoc />
    public override bool IsShared => false;

    /// <inheritdoc />
    /// <remarks>One SQLite file serves one instance, so there is nothing to wait for.</remarks>
    public override Task<IAsyncDisposable> AcquireStartupLockAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IAsyncDisposable>(NoLock.Instance);

    /// <inheritdoc />
    /// <remarks>Reads are refused from the start; writes already queued are committed first; calling it again does nothing.</remarks>
    public override async ValueTask DisposeAsync()
    {
        if (!_readers.Close())
        {
            return;
        }

        try
        {
            await _groupCommit.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            await _checkpointer.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    /// <remarks>On the caller's thread, synchronously, on a connection of the reader pool.</remarks>
    private protected override Task<T> ReadAsync<T>(Func<SqlSession, CancellationToken, ValueTask<T>> read, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        try
        {
            return Task.FromResult(_readers.Read(read, cancellationToken));
        }
        catch (Exception exception)
        {
            return Task.FromException<T>(exception);
        }
    }

    /// <inheritdoc />
    /// <remarks>In a savepoint of the next group commit; abandoning rolls back to it.</remarks>
    private protected override Task<T> WriteAsync<T>(Func<SqlSession, CancellationToken, ValueTask<T>> write, CancellationToken cancellationToken) =>
        _groupCommit.WriteAsync(write, cancellationToken);

    private static SqliteConnection OpenConnection(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = Pragmas;
        pragma.ExecuteNonQuery();
        return connection;
    }
}
