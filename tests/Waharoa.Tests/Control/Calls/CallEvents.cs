using System.Text.Json;

namespace Waharoa.Tests.Control.Calls;

/// <summary>A reader of <c>/control/calls/stream</c>: its server-sent events, one at a time.</summary>
public sealed class CallEvents : IDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private CallEvents(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    /// <summary>The answer's content type.</summary>
    public string? ContentType => _response.Content.Headers.ContentType?.MediaType;

    /// <summary>Opens the stream at <paramref name="path"/> and waits for the server's first comment (it is then polling).</summary>
    public static async Task<CallEvents> OpenAsync(HttpClient control, string path, string? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await control.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        if (!response.IsSuccessStatusCode)
        {
            Assert.Fail($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        var events = new CallEvents(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
        while (await events.LineAsync() is { } line && !line.StartsWith(':'))
        {
        }

        return events;
    }

    /// <summary>The next event (its id and its data as JSON); fails after 10 s without one.</summary>
    public async Task<(string Id, JsonElement Call)> NextAsync()
    {
        string? id = null, kind = null, data = null;
        while (await LineAsync() is { } line)
        {
            if (line.Length == 0 && data is not null)
            {
                Assert.Equal("call", kind);
                return (id!, JsonDocument.Parse(data).RootElement.Clone());
            }

            if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line[4..];
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                kind = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line[6..];
            }
        }

        throw new InvalidOperationException("The stream ended.");
    }

    /// <summary>The next line, or null at the end of the stream; fails after 10 s without one.</summary>
    public async Task<string?> LineAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await _reader.ReadLineAsync(timeout.Token);
    }

    public void Dispose()
    {
        _reader.Dispose();
        _response.Dispose();
    }
}
