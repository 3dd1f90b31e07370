using System.Net;
using Waharoa.Bench.Load;

namespace Waharoa.Bench.Workloads;

/// <summary>
/// A GET of a small resource, with an <c>Authorization</c> header when values for it are given (the gateway: a bearer
/// access token or an M2M JWT) or without (the upstream directly, nginx).
/// </summary>
internal sealed class GetWorkload(string path, TokenSource? authorizations) : IWorkload
{
    public async Task<IReadOnlyList<WorkerState>> PrepareAsync(int workers, CancellationToken cancellationToken) =>
        authorizations is null
            ? [.. Enumerable.Range(0, workers).Select(_ => new WorkerState(string.Empty))]
            : [.. (await authorizations(workers, cancellationToken)).Select(t => new WorkerState(t))];

    public async Task<bool> SendAsync(HttpClient http, WorkerState state, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (state.Token.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("Authorization", state.Token);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            return true;
        }

        state.LastFailure = FormBody.Describe(response.StatusCode, body);
        return false;
    }
}
