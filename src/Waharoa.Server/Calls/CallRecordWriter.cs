using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Waharoa.Calls;
using Waharoa.Server.Observability;
using Waharoa.Storage;

namespace Waharoa.Server.Calls;

/// <summary>
/// Stores captured calls off the request path: a bounded queue that a call never waits on (when it is full the call is
/// dropped and counted in <c>waharoa_calls_dropped_total</c>), emptied by one background writer in batches, each call
/// read and redacted (<see cref="CallReading"/>) just before it is stored. The writer gathers calls for up to
/// <see cref="Gather"/> before it stores them, so that calls one after another share a transaction instead of each
/// waking it; <see cref="WaitUntilStoredAsync"/> cuts that short.
/// </summary>
/// <remarks>
/// A call counts as answered from the moment its answer may reach its caller (the first byte of its body written, or
/// its headers sent early), which is before the recorder has the whole call to offer: a caller that reads the calls as
/// soon as it has an answer (a test asking for its report) waits for that call too.
/// </remarks>
internal sealed partial class CallRecordWriter(ICallRecordStore store, CallsOptions options, WaharoaMetrics metrics, ILogger<CallRecordWriter> logger) : BackgroundService
{
    private const int Capacity = 4096;
    private const int BatchSize = 200;

    /// <summary>How long the writer gathers calls before it stores a batch that is not full.</summary>
    public static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(50);

    private readonly Channel<CapturedCall> _queue = Channel.CreateBounded<CapturedCall>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true, SingleWriter = false });

    private long _answered;
    private long _stored;
    private volatile TaskCompletionSource _flush = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Notes that a call's answer has begun to reach its caller: it is waited for until it is offered and stored.</summary>
    public void Answering() => Interlocked.Increment(ref _answered);

    /// <summary>
    /// Queues <paramref name="call"/>; drops it when the queue is full. <paramref name="answering"/>: whether
    /// <see cref="Answering"/> was already called for it.
    /// </summary>
    public void Offer(CapturedCall call, bool answering)
    {
        if (!answering)
        {
            Answering();
        }

        if (!_queue.Writer.TryWrite(call))
        {
            metrics.CallDropped();
            Interlocked.Increment(ref _stored);
        }
    }

    /// <summary>A call counted by <see cref="Answering"/> that will not be offered (its pipeline failed): not waited for.</summary>
    public void Abandon() => Interlocked.Increment(ref _stored);

    /// <summary>The longest <see cref="WaitUntilStoredAsync"/> waits: then what is stored is read as it is.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Waits until every call answered so far has been stored (or given up on), the writer told not to gather longer; no
    /// longer than <see cref="MaxWait"/>, and not at all once the writer has stopped.
    /// </summary>
    public async Task WaitUntilStoredAsync(CancellationToken cancellationToken)
    {
        var target = Interlocked.Read(ref _answered);
        var started = Environment.TickCount64;
        while (Interlocked.Read(ref _stored) < target && ExecuteTask is { IsCompleted: false } && Environment.TickCount64 - started < MaxWait.TotalMilliseconds)
        {
            _flush.TrySetResult();
            await Task.Delay(10, cancellationToken);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = _queue.Reader;
        var batch = new List<CapturedCall>(BatchSize);
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken))
            {
                if (reader.Count < BatchSize)
                {
                    var flush = _flush;
                    await Task.WhenAny(Task.Delay(Gather, stoppingToken), flush.Task);
                    if (flush.Task.IsCompleted)
                    {
                        _flush = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    }
                }

                while (batch.Count < BatchSize && reader.TryRead(out var call))
                {
                    batch.Add(call);
                }

                await StoreAsync(batch, stoppingToken);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is still queued is not recorded.
        }
    }

    private async Task StoreAsync(List<CapturedCall> batch, CancellationToken cancellationToken)
    {
        try
        {
            var records = new List<RecordedCall>(batch.Count);
            foreach (var call in batch)
            {
                records.Add(CallReading.Record(call));
            }

            await store.AddCallsAsync(records, options.KeepPerClient, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.StoreFailed(logger, batch.Count, e.GetType().Name);
            for (var i = 0; i < batch.Count; i++)
            {
                metrics.CallDropped();
            }
        }
        finally
        {
            Interlocked.Add(ref _stored, batch.Count);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(7001, LogLevel.Warning, "{Count} recorded calls could not be stored ({Error}): dropped")]
        public static partial void StoreFailed(ILogger logger, int count, string error);
    }
}
