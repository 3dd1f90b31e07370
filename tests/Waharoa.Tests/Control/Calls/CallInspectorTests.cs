using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Waharoa.Calls;
using Waharoa.Storage;
using Waharoa.Testing;

namespace Waharoa.Tests.Control.Calls;

/// <summary>What the request inspector reads: the recorded calls filtered, and the new ones streamed as they are stored.</summary>
public sealed class CallInspectorTests(CallRecordingFixture fixture) : IClassFixture<CallRecordingFixture>
{
    private WaharoaTestHost Host => fixture.Host;

    [Fact]
    public async Task Filters_NarrowTheList_NewestFirst()
    {
        var at = fixture.NextWindow();
        const string client = "inspector-filters";
        await Host.Server.Services.GetRequiredService<ICallRecordStore>().AddCallsAsync(
        [
            Stored(client, at, "/desktop-ok", "desktop", "gateway", "returns", "111111111", 200),
            Stored(client, at.AddMinutes(1), "/oauth-refused", "cloud", "oauth", "xiams", null, 401) with { Reason = "The client secret is wrong." },
            Stored(client, at.AddMinutes(2), "/gateway-fault", "cloud", "gateway", "intermediation", "222222222", 500),
        ], 100, CancellationToken.None);

        async Task<string[]> PathsAsync(string filters)
        {
            var (json, _) = await fixture.ControlAsync($"/control/calls?client={client}&{filters}");
            return [.. json.GetProperty("calls").EnumerateArray().Select(c => c.GetProperty("path").GetString()!)];
        }

        Assert.Equal(["/gateway-fault", "/oauth-refused", "/desktop-ok"], await PathsAsync(""));
        Assert.Equal(["/desktop-ok"], await PathsAsync("endpoint=desktop"));
        Assert.Equal(["/oauth-refused"], await PathsAsync("area=oauth"));
        Assert.Equal(["/gateway-fault"], await PathsAsync("service=intermediation"));
        Assert.Equal(["/gateway-fault"], await PathsAsync("ird=222222222"));
        Assert.Equal(["/oauth-refused"], await PathsAsync("status=401"));
        Assert.Equal(["/oauth-refused"], await PathsAsync("status=4xx"));
        Assert.Equal(["/gateway-fault", "/oauth-refused"], await PathsAsync("status=refused"));
        Assert.Equal(["/gateway-fault"], await PathsAsync("status=refused&endpoint=cloud&area=gateway"));
        Assert.Equal(["/oauth-refused"], await PathsAsync($"from={Uri.EscapeDataString(at.AddMinutes(1).ToString("O"))}&to={Uri.EscapeDataString(at.AddMinutes(2).ToString("O"))}"));
        Assert.Equal(["/gateway-fault", "/oauth-refused", "/desktop-ok"], await PathsAsync("endpoint=&status=&ird="));

        var (summaries, _) = await fixture.ControlAsync($"/control/calls?client={client}&content=false&limit=2");
        Assert.All(summaries.GetProperty("calls").EnumerateArray(), c => Assert.Equal("", c.GetProperty("requestBody").GetString()));
        Assert.Equal("The client secret is wrong.", summaries.GetProperty("calls")[1].GetProperty("reason").GetString());
        var (older, _) = await fixture.ControlAsync($"/control/calls?client={client}&before={summaries.GetProperty("nextBefore").GetInt64()}");
        Assert.Equal("/desktop-ok", Assert.Single(older.GetProperty("calls").EnumerateArray()).GetProperty("path").GetString());
    }

    [Fact]
    public async Task Stream_SendsEachNewCallOfTheFilter_AsItIsStored()
    {
        fixture.NextWindow();
        await fixture.RecordedAsync();
        var clientId = Host.CloudClient.ClientId;
        using var control = Host.CreateControlClient();
        control.Timeout = Timeout.InfiniteTimeSpan;
        using var events = await CallEvents.OpenAsync(control, $"/control/calls/stream?client={clientId}&status=refused&area=gateway");
        Assert.Equal("text/event-stream", events.ContentType);

        // Neither another client's refused call nor this client's answered one is sent; its refused gateway call is.
        await Host.Server.Services.GetRequiredService<ICallRecordStore>().AddCallsAsync(
        [
            Stored("someone-else", fixture.Time.GetUtcNow(), "/other", "cloud", "gateway", "returns", null, 401),
            Stored(clientId, fixture.Time.GetUtcNow(), "/answered", "cloud", "gateway", "returns", null, 200),
        ], 100, CancellationToken.None);
        using var cloud = Host.CreateCloudClient();
        using var refused = await cloud.SendAsync(CallRecordingFixture.Get(CallRecordingFixture.EchoPath, "Bearer not-a-real-token"), CancellationToken.None);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        var (id, call) = await events.NextAsync();

        Assert.Equal(CallRecordingFixture.EchoPath, call.GetProperty("path").GetString());
        Assert.Equal(id, call.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal((clientId, 401), (call.GetProperty("clientId").GetString(), call.GetProperty("status").GetInt32()));
        Assert.False(string.IsNullOrEmpty(call.GetProperty("reason").GetString()));
        Assert.Equal("", call.GetProperty("requestHeaders").GetString());

        // A client that reconnects with the last id it saw (as EventSource does) is sent what it missed.
        using var resumed = await CallEvents.OpenAsync(control, $"/control/calls/stream?client={clientId}&status=refused&area=gateway", (long.Parse(id, System.Globalization.CultureInfo.InvariantCulture) - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(id, (await resumed.NextAsync()).Id);
    }

    [Fact]
    public async Task Stream_EndsWhenTheServerStops()
    {
        var host = await WaharoaTestHost.StartAsync();
        var stopped = false;
        try
        {
            using var control = host.CreateControlClient();
            control.Timeout = Timeout.InfiniteTimeSpan;
            using var events = await CallEvents.OpenAsync(control, "/control/calls/stream");

            var stopping = Stopwatch.StartNew();
            await host.DisposeAsync();
            stopped = true;

            Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(5), $"Stopping took {stopping.Elapsed} with a stream open.");
            try
            {
                while (await events.LineAsync() is not null)
                {
                }
            }
            catch (Exception e) when (e is IOException or HttpRequestException)
            {
                // Cut rather than ended: ended all the same.
            }
        }
        finally
        {
            if (!stopped)
            {
                await host.DisposeAsync();
            }
        }
    }

    private static RecordedCall Stored(string clientId, DateTimeOffset at, string path, string endpoint, string area, string service, string? ird, int status) =>
        new(0, at, 3, clientId, endpoint, area, service, "File", null, "bearer", "alice", ird, "POST", path, status, null, null, null, [],
            "Content-Type: text/xml", "<Envelope/>", "Content-Type: text/xml", "<Envelope/>");
}
