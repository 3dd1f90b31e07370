namespace Waharoa.Storage;

/// <summary>Which seed files have been applied, by content, so that each content is applied once.</summary>
public interface ISeedRecordStore
{
    /// <summary>True when a seed with this content hash has been applied before.</summary>
    Task<bool> WasSeedAppliedAsync(string contentHash, CancellationToken cancellationToken);

    /// <summary>Records that the seed with <paramref name="contentHash"/> has been applied.</summary>
    Task MarkSeedAppliedAsync(string contentHash, string source, DateTimeOffset at, CancellationToken cancellationToken);
}
