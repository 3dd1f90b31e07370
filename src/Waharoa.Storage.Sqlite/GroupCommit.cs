using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Waharoa.Storage.Sql;

namespace Waharoa.Storage.Sqlite;

/// <summary>
/// Commits the writes that arrive together in one transaction: every write waiting when the previous commit ends
/// goes into the next one, so concurrent token requests share one WAL append, one lock round and one page write
/// instead of paying for each. Each write runs in its own savepoint (one that fails, or abandons, is undone and leaves
/// the others intact), on one long-lived connection whose statements stay prepared; no caller hears of its write before
/// the commit that holds it. Every write of the store comes this way, so it is this process's one writer.
/// </summary>
/// <remarks>
/// A write runs, synchronously, on the loop's thread while the batch holds the write lock: it must be quick and must
/// not call the store (it would wait for itself).
/// </remarks>
internal sealed class GroupCommit : IAsyncDisposable
{
    // Enough to absorb every request of a busy server at once; a larger batch only lengthens the wait of its first write.
    private const int MaxBatch = 64;

    private readonly Func<SqliteConnection> _open;
    private readonly Action _committed;
    private readonly Channel<QueuedWrite> _queue = Channel.CreateUnbounded<QueuedWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;
    private PreparedConnection? _connection;

    /// <param name="open">Opens a configured connection of its own (not from a pool: after a failure it is closed for good).</param>
    /// <param name="committed">Called after each commit.</param>
    public GroupCommit(Func<SqliteConnection> open, Action committed)
    {
        _open = open;
        _committed = committed;

        // The loop belongs to the store, not to whichever request happened to open it.
        using (ExecutionContext.SuppressFlow())
        {
            _loop = Task.Run(RunAsync);
        }
    }

    /// <summary>Runs <paramref name="write"/> inside the next commit and returns its result once that commit is durable.</summary>
    /// <remarks>Cancellation is honoured until the write is queued; a queued write runs, so that a caller never has to wonder.</remarks>
    public Task<T> WriteAsync<T>(Func<SqlSession, CancellationToken, ValueTask<T>> write, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled<T>(cancellationToken);
        }

        var job = new QueuedWrite<T>(write);
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
        var batch = new List<QueuedWrite>(MaxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var write))
                {
                    batch.Add(write);
                }

                Commit(batch);
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

    private void Commit(List<QueuedWrite> batch)
    {
        var committed = false;
        try
        {
            var connection = _connection ??= new PreparedConnection(_open());
            connection.Execute("BEGIN IMMEDIATE");
            foreach (var write in batch)
            {
                connection.Execute("SAVEPOINT write");
                var ran = false;
                try
                {
                    write.Run(connection.Session);
                    ran = true;
                }
                catch (Exception exception)
                {
                    write.Fail(exception);

                    // A write still running after it returned would go on using the connection: the batch fails as a whole
                    // and the connection is closed under it.
                    if (exception is NotSynchronousException)
                    {
                        throw;
                    }
                }

                // Taken whether or not the write ran to the end, so that its abandon cannot carry over to the next.
                if (connection.Session.TakeAbandoned() || !ran)
                {
                    connection.Execute("ROLLBACK TO write");
                }

                connection.Execute("RELEASE write");
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
}
