using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Waharoa.Storage.Sqlite;

/// <summary>
/// Commits the writes that arrive together in one transaction: every write waiting when the previous commit ends
/// goes into the next one, so concurrent token requests share one WAL append, one lock round and one page write
/// instead of paying for each. Each write runs in its own savepoint (one that fails leaves the others intact), on one
/// long-lived connection whose statements stay prepared; no caller hears of its write before the commit that holds it.
/// </summary>
/// <remarks>
/// A write runs on the loop's thread while the batch holds the write lock: it must be quick and must not call the
/// store (it would wait for itself).
/// </remarks>
internal sealed class GroupCommit : IAsyncDisposable
{
    // Enough to absorb every request of a busy server at once; a larger batch only lengthens the wait of its first write.
    private const int MaxBatch = 64;

    private readonly Func<SqliteConnection> _open;
    private readonly SemaphoreSlim _writeGate;
    private readonly Action _committed;
    private readonly Channel<Write> _queue = Channel.CreateUnbounded<Write>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;
    private PreparedConnection? _connection;

    /// <param name="open">Opens a configured connection of its own (not from a pool: after a failure it is closed for good).</param>
    /// <param name="writeGate">Held while a batch runs, so this process's other writers take turns with it.</param>
    /// <param name="committed">Called after each commit.</param>
    public GroupCommit(Func<SqliteConnection> open, SemaphoreSlim writeGate, Action committed)
    {
        _open = open;
        _writeGate = writeGate;
        _committed = committed;

        // The loop belongs to the store, not to whichever request happened to open it.
        using (ExecutionContext.SuppressFlow())
        {
            _loop = Task.Run(RunAsync);
        }
    }

    /// <summary>Runs <paramref name="write"/> inside the next commit and returns its result once that commit is durable.</summary>
    /// <remarks>Cancellation is honoured until the write is queued; a queued write runs, so that a caller never has to wonder.</remarks>
    public Task<T> WriteAsync<T>(Func<PreparedConnection, T> write, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        var job = new Write<T>(write);
        return _queue.Writer.TryWrite(job) ? job.Task : Task.FromException<T>(new ObjectDisposedException(nameof(SqliteStore)));
    }

    /// <summary>Lets the writes already queued commit, then closes the connection; later writes are refused.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var batch = new List<Write>(MaxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var write))
                {
                    batch.Add(write);
                }

                await _writeGate.WaitAsync().ConfigureAwait(false);
                try
                {
                    Commit(batch);
                }
                finally
                {
                    _writeGate.Release();
                }

                foreach (var write in batch)
                {
                    write.Deliver();
                }

                batch.Clear();
            }
        }
        catch (Exception exception)
        {
            // Not expected (Commit answers for its own failures); should it happen, no write may wait forever.
            _queue.Writer.TryComplete(exception);
            while (_queue.Reader.TryRead(out var left))
            {
                batch.Add(left);
            }

            foreach (var write in batch)
            {
                write.Fail(exception);
                write.Deliver();
            }
        }
        finally
        {
            CloseConnection();
        }
    }

    private void Commit(List<Write> batch)
    {
        var committed = false;
        try
        {
            var connection = _connection ??= new PreparedConnection(_open());
            connection.Execute("BEGIN IMMEDIATE");
            foreach (var write in batch)
            {
                connection.Execute("SAVEPOINT write");
                try
                {
                    write.Run(connection);
                    connection.Execute("RELEASE write");
                }
                catch (Exception exception)
                {
                    connection.Execute("ROLLBACK TO write");
                    connection.Execute("RELEASE write");
                    write.Fail(exception);
                }
            }

            connection.Execute("COMMIT");
            committed = true;
        }
        catch (Exception exception)
        {
            // The transaction as a whole failed (the database locked past the busy timeout, the disk full, a broken
            // connection): nothing of it stands, so every write in it fails. SQLite may leave such a transaction
            // open; the connection is rolled back and closed, and the next batch opens a fresh one.
            foreach (var write in batch)
            {
                write.Fail(exception);
            }

            _connection?.RollBackQuietly();
            CloseConnection();
        }

        if (committed)
        {
            _committed();
        }
    }

    private void CloseConnection()
    {
        _connection?.Dispose();
        _connection = null;
    }

    private abstract class Write
    {
        public abstract void Run(PreparedConnection connection);

        public abstract void Fail(Exception exception);

        public abstract void Deliver();
    }

    private sealed class Write<T>(Func<PreparedConnection, T> write) : Write
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T? _result;
        private Exception? _failure;

        public Task<T> Task => _completion.Task;

        public override void Run(PreparedConnection connection) => _result = write(connection);

        public override void Fail(Exception exception) => _failure ??= exception;

        public override void Deliver()
        {
            if (_failure is not null)
            {
                _completion.TrySetException(_failure);
            }
            else
            {
                _completion.TrySetResult(_result!);
            }
        }
    }
}
