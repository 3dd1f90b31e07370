using Microsoft.Data.Sqlite;

namespace Waharoa.Storage.Sqlite;

/// <summary>
/// Copies the write-ahead log back into the database file in the background, about once a second while there are
/// writes. SQLite would otherwise do it inside whichever commit crosses its threshold (every 1,000 pages), holding up
/// that commit and every request waiting on it; here a page written many times between checkpoints is copied once,
/// outside any commit. The threshold stays, higher, as a backstop: under steady heavy load the writer never pauses, so
/// the log starts over only when a commit crosses it, and by then most of its frames have been copied here. The log
/// file is cut back to <see cref="LogSizeLimitBytes"/> when it starts over.
/// </summary>
internal sealed class WalCheckpointer : IAsyncDisposable
{
    /// <summary>The per-connection backstop, in pages: SQLite checkpoints in the commit only past this.</summary>
    public const int BackstopPages = 16_384;

    /// <summary>What the log file is cut back to when it starts over, so that one burst does not leave it large.</summary>
    /// <remarks>
    /// Under heavy load the log reaches the backstop's size within seconds, so a lower limit would cut the file back, and
    /// have it allocated again, at nearly every start-over: 16 MB measured about 7% slower. The limit is the backstop's size.
    /// </remarks>
    public const int LogSizeLimitBytes = BackstopPages * 4096;

    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly Func<SqliteConnection> _open;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _loop;
    private long _writes;
    private int _disposed;

    public WalCheckpointer(Func<SqliteConnection> open)
    {
        _open = open;
        using (ExecutionContext.SuppressFlow())
        {
            _loop = Task.Run(RunAsync);
        }
    }

    /// <summary>Notes that a transaction was committed, so the next round has something to copy.</summary>
    public void Written() => Interlocked.Increment(ref _writes);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stopping.Dispose();
    }

    /// <summary>One PASSIVE checkpoint; whether it copied every frame (a reader still using old frames can hold some back).</summary>
    private bool CheckpointAll()
    {
        using var connection = _open();
        using var command = connection.CreateCommand();

        // PASSIVE: copies what no reader still needs and never waits for, or blocks, a writer. Its row: busy, frames in
        // the log, frames copied.
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
        using var reader = command.ExecuteReader();
        return reader.Read() && reader.GetInt64(0) == 0 && reader.GetInt64(1) == reader.GetInt64(2);
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        long checkpointed = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
            {
                var writes = Interlocked.Read(ref _writes);
                if (writes == checkpointed)
                {
                    continue;
                }

                try
                {
                    if (CheckpointAll())
                    {
                        checkpointed = writes;
                    }
                }
                catch (Exception)
                {
                    // Briefly unreadable, or busy with another process's checkpoint: the next round tries again, and
                    // the backstop threshold bounds the log meanwhile. Nothing here may stop the rounds.
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
    }
}
