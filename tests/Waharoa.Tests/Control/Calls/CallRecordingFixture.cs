using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Waharoa.Server.Calls;
using Waharoa.Testing;

namespace Waharoa.Tests.Control.Calls;

/// <summary>One server on a virtual clock for the call-recording tests: a route to an echo upstream, one to an upstream that is down, and a small cloud throttle.</summary>
public sealed class CallRecordingFixture : IAsyncLifetime
{
    public const string EchoPath = "/gateway/echo/things";
    public const string DownPath = "/gateway/down/things";
    public const int CloudBurst = 5;

    private EchoUpstream _upstream = null!;

    public WaharoaTestHost Host { get; private set; } = null!;

    /// <summary>The upstream behind <see cref="EchoPath"/>.</summary>
    public EchoUpstream Upstream => _upstream;

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public async Task InitializeAsync()
    {
        _upstream = await EchoUpstream.StartAsync();
        var configuration = new ConfigurationBuilder()
            .AddConfiguration(_upstream.Route("echo", "/gateway/echo/{**rest}", service: "echo"))
            .AddConfiguration(_upstream.Route("down", "/gateway/down/{**rest}", service: "echo", address: new Uri("http://127.0.0.1:9/")))
            .Build();
        Host = await WaharoaTestHost.StartAsync(Time, o =>
        {
            o.Gateway.Cloud.Burst = CloudBurst;
            o.Gateway.Cloud.RatePerSecond = 1;
        }, configuration: configuration);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await _upstream.DisposeAsync();
    }

    /// <summary>Moves the clock on (a new test starts with full throttle buckets and its own window) and returns the new time.</summary>
    public DateTimeOffset NextWindow()
    {
        Time.Advance(TimeSpan.FromHours(2));
        return Time.GetUtcNow();
    }

    /// <summary>Waits until every call answered so far is in the store.</summary>
    public Task RecordedAsync() =>
        Host.Server.Services.GetRequiredService<CallRecordWriter>().WaitUntilStoredAsync(CancellationToken.None);

    /// <summary>The control API's answer to <paramref name="path"/>, as JSON, and its text.</summary>
    public async Task<(JsonElement Json, string Text)> ControlAsync(string path)
    {
        await RecordedAsync();
        using var control = Host.CreateControlClient();
        using var response = await control.GetAsync(path, CancellationToken.None);
        var text = await response.Content.ReadAsStringAsync(CancellationToken.None);
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {text}");
        var json = response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) == true ? JsonDocument.Parse(text).RootElement.Clone() : default;
        return (json, text);
    }

    /// <summary>The behaviour findings of <paramref name="clientId"/> since <paramref name="from"/>: rule → offending call paths.</summary>
    public async Task<Dictionary<string, JsonElement>> FindingsAsync(string clientId, DateTimeOffset from)
    {
        var (json, _) = await ControlAsync($"/control/reports/behaviour/{clientId}?from={Uri.EscapeDataString(from.ToString("O"))}");
        return json.GetProperty("findings").EnumerateArray().ToDictionary(f => f.GetProperty("rule").GetString()!, f => f);
    }

    /// <summary>A JWT shaped as an M2M one (unsigned: what the caller sent is what is judged), lasting <paramref name="lifetime"/>.</summary>
    public string M2mJwt(string clientId, TimeSpan lifetime)
    {
        var iat = Time.GetUtcNow().ToUnixTimeSeconds();
        static string Part(object value) => Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(value)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return $"{Part(new { alg = "RS256", kid = "M2M", typ = "JWT" })}.{Part(new { iss = clientId, sub = "ABCDEF", iat, exp = iat + (long)lifetime.TotalSeconds })}.c2lnbmF0dXJlc2lnbmF0dXJl";
    }

    public static HttpRequestMessage Get(string path, string? authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return request;
    }

    public static HttpRequestMessage Post(string path, string? authorization, string body)
    {
        var request = Get(path, authorization);
        request.Method = HttpMethod.Post;
        request.Content = new StringContent(body, Encoding.UTF8, "text/xml");
        return request;
    }
}
