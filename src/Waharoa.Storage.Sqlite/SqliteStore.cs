using Microsoft.Data.Sqlite;

namespace Waharoa.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in the data folder, in WAL mode so a killed process loses
/// nothing that was committed. Every write a response depends on is committed before the response.
/// </summary>
public sealed partial class SqliteStore : IWaharoaStore
{
    private readonly string _connectionString;

    // One writer at a time within this process: concurrent write transactions would otherwise meet SQLite's lock
    // and retry (costly, and slow at the tail); waiting here is asynchronous and costs nothing.
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    // Token writes, the hot ones, are committed in groups; the rest take the write gate one at a time.
    private readonly GroupCommit _groupCommit;
    private readonly WalCheckpointer _checkpointer;

    // Connections for the hot reads, each keeping its statements prepared: as many as have been needed at once, up to
    // MaxIdleReaders kept between uses. They, the group commit's connection and the checkpointer's are opened outside
    // the pool, so that closing one really closes it.
    private const int MaxIdleReaders = 16;
    private readonly System.Collections.Concurrent.ConcurrentBag<PreparedConnection> _readers = [];
    private readonly string _ownConnectionString;
    private int _idleReaders; // the bag's count, kept apart: asking the bag would lock all of it
    private int _disposed;

    private SqliteStore(string connectionString)
    {
        _connectionString = connectionString;
        _ownConnectionString = new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString();
        _checkpointer = new WalCheckpointer(() => OpenConnection(_ownConnectionString));
        _groupCommit = new GroupCommit(() => OpenConnection(_ownConnectionString), _writeGate, _checkpointer.Written);
    }

    /// <summary>Opens (creating and migrating when needed) the database at <paramref name="path"/>.</summary>
    public static SqliteStore Open(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        using (var connection = OpenConnection(connectionString))
        {
            SqliteMigrations.Apply(connection);
        }

        return new SqliteStore(connectionString);
    }

    /// <inheritdoc />
    public string Provider => "sqlite";

    /// <inheritdoc />
    public bool IsShared => false;

    /// <inheritdoc />
    public async Task<int> SchemaVersionAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, "PRAGMA user_version;");
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public async Task PingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, "SELECT count(*) FROM clients;");
        await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>One SQLite file serves one instance, so there is nothing to wait for.</remarks>
    public Task<IAsyncDisposable> AcquireStartupLockAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IAsyncDisposable>(NoLock.Instance);

    /// <inheritdoc />
    /// <remarks>Writes already queued are committed first; calling it again does nothing.</remarks>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
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
            DisposeIdleReaders();
            using var connection = new SqliteConnection(_connectionString);
            SqliteConnection.ClearPool(connection);
        }
    }

    private bool IsDisposed => Volatile.Read(ref _disposed) == 1;

    private void DisposeIdleReaders()
    {
        while (_readers.TryTake(out var reader))
        {
            Interlocked.Decrement(ref _idleReaders);
            reader.Dispose();
        }
    }

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    // busy_timeout: a writer in another process (a management verb) is waited for inside SQLite, briefly and cheaply.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SQLitePCL.sqlite3, object> Configured = [];
    private static readonly object Done = new();

    private static readonly string Pragmas =
        $"PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 30000; PRAGMA wal_autocheckpoint = {WalCheckpointer.BackstopPages}; " +
        $"PRAGMA journal_size_limit = {WalCheckpointer.LogSizeLimitBytes};";

    private static SqliteConnection OpenConnection(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = Pragmas;
        pragma.ExecuteNonQuery();
        return connection;
    }

    private async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);

        // The pool hands the same native connection out again with its settings kept: set them once per native connection.
        if (!Configured.TryGetValue(connection.Handle!, out _))
        {
            using var pragma = connection.CreateCommand();
            pragma.CommandText = Pragmas;
            await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            Configured.AddOrUpdate(connection.Handle!, Done);
        }

        return connection;
    }

    /// <summary>Runs <paramref name="read"/> on a connection of its own whose statements stay prepared.</summary>
    /// <remarks>SQLite reads are synchronous underneath; running them so spares the asynchronous machinery.</remarks>
    private Task<T> ReadAsync<T>(Func<PreparedConnection, T> read, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        if (IsDisposed)
        {
            return Task.FromException<T>(new ObjectDisposedException(nameof(SqliteStore)));
        }

        PreparedConnection? reader = null;
        try
        {
            if (_readers.TryTake(out reader))
            {
                Interlocked.Decrement(ref _idleReaders);
            }
            else
            {
                reader = new PreparedConnection(OpenConnection(_ownConnectionString));
            }

            var result = read(reader);
            if (Interlocked.Increment(ref _idleReaders) <= MaxIdleReaders)
            {
                _readers.Add(reader);
                reader = null;

                // Disposed meanwhile: what was just put back must not outlive the store.
                if (IsDisposed)
                {
                    DisposeIdleReaders();
                }
            }
            else
            {
                Interlocked.Decrement(ref _idleReaders);
            }

            return Task.FromResult(result);
        }
        catch (Exception exception)
        {
            return Task.FromException<T>(exception);
        }
        finally
        {
            reader?.Dispose();
        }
    }

    /// <summary>A connection for a write; this process's other writers wait (asynchronously) until it is disposed.</summary>
    private async Task<SqliteConnection> OpenWriterAsync(CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            var released = 0;
            connection.Disposed += (_, _) =>
            {
                if (Interlocked.Exchange(ref released, 1) == 0)
                {
                    _checkpointer.Written();
                    _writeGate.Release();
                }
            };
            return connection;
        }
        catch
        {
            _writeGate.Release();
            throw;
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        PreparedConnection.Bind(command, parameters);
        return command;
    }

    private static long ToUnixMs(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    private static DateTimeOffset FromUnixMs(long value) => DateTimeOffset.FromUnixTimeMilliseconds(value);

    private static DateTimeOffset? FromUnixMsOrNull(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : FromUnixMs(reader.GetInt64(ordinal));
}
