using Waharoa.Calls;

namespace Waharoa.Storage.Sql;

/// <summary>Recorded calls (schema 13, table recorded_calls).</summary>
public abstract partial class SqlStore
{
    public Task<long> AddCallAsync(RecordedCall call, int keepPerClient, CancellationToken cancellationToken) =>
        throw new NotImplementedException("Recorded calls arrive with schema 13.");

    public Task<IReadOnlyList<RecordedCall>> ListCallsAsync(CallQuery query, CancellationToken cancellationToken) =>
        throw new NotImplementedException("Recorded calls arrive with schema 13.");

    public Task<RecordedCall?> GetCallAsync(long id, CancellationToken cancellationToken) =>
        throw new NotImplementedException("Recorded calls arrive with schema 13.");
}
