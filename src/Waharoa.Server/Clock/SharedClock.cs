using Microsoft.Extensions.Hosting;
using Waharoa.Server.Coordination;
using Waharoa.Storage;
using Waharoa.Time;

namespace Waharoa.Server.Clock;

/// <summary>
/// Moves the <see cref="VirtualClock"/> and keeps it the same on every instance of the store: a move is kept in the store
/// (so it outlives a restart), announced on <see cref="CoordinationTopics.Clock"/> (with Redis every instance re-reads it
/// at once), and on a shared store re-read every <see cref="Interval"/> in the background anyway, so instances without
/// Redis converge. A request never reads the store for the time. Each change is one line on the console.
/// </summary>
internal sealed partial class SharedClock(VirtualClock clock, IClockStore store, IWaharoaStore wholeStore, ICoordinationBus bus, ILogger<SharedClock> logger)
    : BackgroundService
{
    /// <summary>How often an instance on a shared store re-reads the clock.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The clock.</summary>
    public VirtualClock Clock => clock;

    /// <summary>Takes the store's setting into <paramref name="clock"/> (at start, before anything reads the time).</summary>
    public static async Task LoadAsync(VirtualClock clock, IClockStore store, CancellationToken cancellationToken)
    {
        var setting = await store.GetClockAsync(cancellationToken).ConfigureAwait(false);
        clock.Apply(setting?.Offset ?? TimeSpan.Zero);
    }

    /// <summary>Moves the clock forward by <paramref name="by"/> (positive) from where the store says it is.</summary>
    public Task<ClockMove> AdvanceAsync(TimeSpan by, CancellationToken cancellationToken) =>
        ChangeAsync(current => current + by, cancellationToken);

    /// <summary>Moves the clock so that it reads <paramref name="to"/> now (not before the real clock's now).</summary>
    public Task<ClockMove> SetAsync(DateTimeOffset to, CancellationToken cancellationToken) =>
        ChangeAsync(_ => to - clock.Real.GetUtcNow(), cancellationToken);

    /// <summary>Back to the real clock.</summary>
    public Task<ClockMove> ResetAsync(CancellationToken cancellationToken) => ChangeAsync(_ => TimeSpan.Zero, cancellationToken);

    /// <summary>Re-reads the store's setting; logs a change.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var setting = await store.GetClockAsync(cancellationToken).ConfigureAwait(false);
        Take(setting?.Offset ?? TimeSpan.Zero);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = bus.Subscribe(CoordinationTopics.Clock, announced => _ = RefreshQuietlyAsync(stoppingToken));
        try
        {
            if (!wholeStore.IsShared)
            {
                // One instance on its own store: every move goes through this one.
                await Task.Delay(Timeout.Infinite, stoppingToken).ConfigureAwait(false);
            }

            using var timer = new PeriodicTimer(Interval);
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await RefreshQuietlyAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task<ClockMove> ChangeAsync(Func<TimeSpan, TimeSpan> offsetFrom, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = (await store.GetClockAsync(cancellationToken).ConfigureAwait(false))?.Offset ?? TimeSpan.Zero;
            var offset = offsetFrom(current);
            if (offset < TimeSpan.Zero)
            {
                return ClockMove.Refused(
                    "The clock can only move forward from the real clock's now (a token issued at the virtual time would otherwise lie in the future); "
                    + "'reset' goes back to the real clock.");
            }

            if (offset > ClockDuration.Longest)
            {
                return ClockMove.Refused($"The clock goes at most {ClockDuration.Longest.TotalDays:0} days past the real clock.");
            }

            // Whole milliseconds: what the store keeps.
            offset = TimeSpan.FromMilliseconds(Math.Round(offset.TotalMilliseconds));
            await store.SetClockAsync(new ClockSetting(offset, clock.Real.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            Take(offset);
        }
        finally
        {
            _gate.Release();
        }

        // Not cancellable: the move is kept, and every instance must hear of it.
        await bus.PublishAsync(CoordinationTopics.Clock, ClockDuration.Format(clock.Offset), CancellationToken.None).ConfigureAwait(false);
        return ClockMove.Done;
    }

    private void Take(TimeSpan offset)
    {
        if (!clock.Apply(offset))
        {
            return;
        }

        var now = clock.Format(clock.GetUtcNow());
        if (offset == TimeSpan.Zero)
        {
            Log.Reset(logger, now);
        }
        else
        {
            Log.Moved(logger, now, ClockDuration.Format(offset));
        }
    }

    private async Task RefreshQuietlyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RefreshAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (Exception ex)
        {
            Log.NotRead(logger, ex.GetType().Name, clock.Format(clock.GetUtcNow()));
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "clock: moved to {Now} (virtual, {Offset})")]
        public static partial void Moved(ILogger logger, string now, string offset);

        [LoggerMessage(Level = LogLevel.Information, Message = "clock: back to the real clock ({Now})")]
        public static partial void Reset(ILogger logger, string now);

        [LoggerMessage(Level = LogLevel.Warning, Message = "clock: could not re-read the clock from the store ({Error}); keeping {Now} meanwhile")]
        public static partial void NotRead(ILogger logger, string error, string now);
    }
}

/// <summary>The outcome of a move of the clock: done, or refused with a reason.</summary>
internal sealed record ClockMove(string? Refusal)
{
    public static readonly ClockMove Done = new((string?)null);

    public static ClockMove Refused(string reason) => new(reason);
}
