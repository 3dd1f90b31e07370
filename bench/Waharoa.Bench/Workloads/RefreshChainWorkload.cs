using System.Net;
using Waharoa.Bench.Load;

namespace Waharoa.Bench.Workloads;

/// <summary>
/// The refresh_token grant, each worker on its own grant and chaining its own token: every request sends the refresh
/// token the previous answer gave. (START's are single use; xIAMS's could be reused, but a real client keeps the newest.)
/// </summary>
internal sealed class RefreshChainWorkload(string path, string authorization, TokenSource refreshTokens) : IWorkload
{
    public async Task<IReadOnlyList<WorkerState>> PrepareAsync(int workers, CancellationToken cancellationToken) =>
        [.. (await refreshTokens(workers, cancellationToken)).Select(t => new WorkerState(t))];

    public async Task<bool> SendAsync(HttpClient http, WorkerState state, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = FormBody.Create(("grant_type", "refresh_token"), ("refresh_token", state.Token)),
        };
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (response.StatusCode == HttpStatusCode.OK && FormBody.ReadString(body, "refresh_token") is { Length: > 0 } next
            && FormBody.ReadString(body, "access_token") is { Length: > 0 })
        {
            state.Token = next;
            return true;
        }

        // Without a new refresh token the chain cannot go on.
        state.Broken = true;
        state.LastFailure = FormBody.Describe(response.StatusCode, body);
        return false;
    }
}
