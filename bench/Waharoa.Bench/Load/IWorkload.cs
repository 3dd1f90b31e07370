namespace Waharoa.Bench.Load;

/// <summary>One kind of request sent in a loop by every worker.</summary>
internal interface IWorkload
{
    /// <summary>Gets what each worker needs (tokens) before the clock starts.</summary>
    Task<IReadOnlyList<WorkerState>> PrepareAsync(int workers, CancellationToken cancellationToken);

    /// <summary>Sends one request; true when the answer is the expected success.</summary>
    Task<bool> SendAsync(HttpClient http, WorkerState state, CancellationToken cancellationToken);
}
