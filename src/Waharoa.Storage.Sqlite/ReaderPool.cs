using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Waharoa.Storage.Sql;

namespace Waharoa.Storage.Sqlite;

/// <summary>
/// The connections reads run on, each keeping its statements prepared: as many as have been needed at once, up to
/// <see cref="MaxIdle"/> kept between uses. Reads run synchronously on the caller's thread: SQLite's are synchronous
/// underneath, and running them so spares the asynchronous machinery.
/// </summary>
internal sealed class ReaderPool(Func<SqliteConnection> open)
{
    /// <summary>How many connections are kept open between reads.</summary>
    public const int MaxIdle = 16;

    private readonly ConcurrentBag<PreparedConnection> _idle = [];
    private int _idleCount; // the bag's count, kept apart: asking the bag would lock all of it
    private int _closed;

    private bool IsClosed => Volatile.Read(ref _closed) == 1;

    /// <summary>Runs <paramref name="read"/> on a connection of its own.</summary>
    /// <exception cref="ObjectDisposedException">The pool is closed.</exception>
    public T Read<T>(Func<SqlSession, CancellationToken, ValueTask<T>> read, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(IsClosed, typeof(SqliteStore));
        PreparedConnection? reader = null;
        try
        {
            if (_idle.TryTake(out reader))
            {
                Interlocked.Decrement(ref _idleCount);
            }
            else
            {
                reader = new PreparedConnection(open());
            }

            var result = SqlSession.Completed(read(reader.Session, cancellationToken));
            if (Interlocked.Increment(ref _idleCount) <= MaxIdle)
            {
                _idle.Add(reader);
                reader = null;

                // Closed meanwhile: what was just put back must not outlive the pool.
                if (IsClosed)
                {
                    DisposeIdle();
                }
            }
            else
            {
                Interlocked.Decrement(ref _idleCount);
            }

            return result;
        }
        finally
        {
            reader?.Dispose();
        }
    }

    /// <summary>Refuses further reads and closes the idle connections (the busy ones close as their reads end); false when already closed.</summary>
    public bool Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 1)
        {
            return false;
        }

        DisposeIdle();
        return true;
    }

    private void DisposeIdle()
    {
        while (_idle.TryTake(out var reader))
        {
            Interlocked.Decrement(ref _idleCount);
            reader.Dispose();
        }
    }
}
