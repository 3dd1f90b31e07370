using Waharoa.Calls;

namespace Waharoa.Storage;

/// <summary>The calls DSP clients made, kept per client up to a bound (oldest dropped first), shared by every instance on the store.</summary>
public interface ICallRecordStore
{
    /// <summary>Stores <paramref name="call"/> (its <see cref="RecordedCall.Id"/> is ignored) and drops the client's oldest beyond <paramref name="keepPerClient"/>; the number given to it.</summary>
    Task<long> AddCallAsync(RecordedCall call, int keepPerClient, CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="calls"/> in one write (as <see cref="AddCallAsync"/> each), numbered in their order.</summary>
    Task AddCallsAsync(IReadOnlyList<RecordedCall> calls, int keepPerClient, CancellationToken cancellationToken);

    /// <summary>The calls <paramref name="query"/> selects, newest first.</summary>
    Task<IReadOnlyList<RecordedCall>> ListCallsAsync(CallQuery query, CancellationToken cancellationToken);

    /// <summary>One call by its number, or null.</summary>
    Task<RecordedCall?> GetCallAsync(long id, CancellationToken cancellationToken);
}
