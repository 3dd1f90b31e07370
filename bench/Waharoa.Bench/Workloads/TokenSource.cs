namespace Waharoa.Bench.Workloads;

/// <summary>Gets <c>count</c> tokens before a measurement starts (one per worker).</summary>
internal delegate Task<IReadOnlyList<string>> TokenSource(int count, CancellationToken cancellationToken);
