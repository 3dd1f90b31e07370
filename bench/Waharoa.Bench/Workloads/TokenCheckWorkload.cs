using System.Net;
using System.Text;
using Waharoa.Bench.Load;

namespace Waharoa.Bench.Workloads;

/// <summary>A resource server checking an access token with the authorisation server: xIAMS validate or START introspect.</summary>
internal sealed class TokenCheckWorkload(
    string path, string authorization, TokenSource accessTokens, Func<string, (string Name, string Value)[]> form, string expected) : IWorkload
{
    private readonly byte[] _expected = Encoding.UTF8.GetBytes(expected);

    public async Task<IReadOnlyList<WorkerState>> PrepareAsync(int workers, CancellationToken cancellationToken) =>
        [.. (await accessTokens(workers, cancellationToken)).Select(t => new WorkerState(t))];

    public async Task<bool> SendAsync(HttpClient http, WorkerState state, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = FormBody.Create(form(state.Token)) };
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (response.StatusCode == HttpStatusCode.OK && body.AsSpan().IndexOf(_expected) >= 0)
        {
            return true;
        }

        state.LastFailure = FormBody.Describe(response.StatusCode, body);
        return false;
    }
}
