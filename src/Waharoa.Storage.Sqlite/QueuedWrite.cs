using Waharoa.Storage.Sql;

namespace Waharoa.Storage.Sqlite;

/// <summary>A write waiting in <see cref="GroupCommit"/>'s queue: run inside a batch, answered once the batch's commit is over.</summary>
internal abstract class QueuedWrite
{
    /// <summary>Runs the write on the batch's session.</summary>
    public abstract void Run(SqlSession session);

    /// <summary>Marks the write failed (the first failure counts): it is undone, and its caller hears of it.</summary>
    public abstract void Fail(Exception exception);

    /// <summary>Gives the caller the write's result, or its failure.</summary>
    public abstract void Deliver();
}

/// <summary>A queued write whose caller waits for a <typeparamref name="T"/>.</summary>
/// <remarks>Kept beside its base, as <c>ValueTask</c> and <c>ValueTask&lt;T&gt;</c> are: the two are one thing.</remarks>
internal sealed class QueuedWrite<T>(Func<SqlSession, CancellationToken, ValueTask<T>> write) : QueuedWrite
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? _result;
    private Exception? _failure;

    /// <summary>Completes when the write's commit is over.</summary>
    public Task<T> Task => _completion.Task;

    /// <inheritdoc />
    public override void Run(SqlSession session) => _result = SqlSession.Completed(write(session, CancellationToken.None));

    /// <inheritdoc />
    public override void Fail(Exception exception) => _failure ??= exception;

    /// <inheritdoc />
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
