using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Waharoa.Server.Calls;
using Waharoa.Tests.Instances;

namespace Waharoa.Tests.Control.Calls;

/// <summary>Two instances on one PostgreSQL store see the same recorded calls, listed and streamed.</summary>
public sealed class SharedStoreCallTests
{
    [Fact]
    public async Task CallsAnsweredByEitherInstance_AreListedByBoth()
    {
        await using var pair = await TwoInstanceTests.InstancePair.StartAsync();
        using var cloudA = pair.A.CreateCloudClient();
        using var cloudB = pair.B.CreateCloudClient();
        using var controlB = pair.B.CreateControlClient();
        controlB.Timeout = Timeout.InfiniteTimeSpan;
        using var streamOnB = await CallEvents.OpenAsync(controlB, $"/control/calls/stream?client={pair.A.CloudClient.ClientId}");

        using var onA = await cloudA.PostAsync("/gateway/account/list", new StringContent("{}", Encoding.UTF8, "application/json"));
        using var onB = await cloudB.PostAsync("/gateway/account/list", new StringContent("{\"x\":1}", Encoding.UTF8, "application/json"));
        await pair.A.Server.Services.GetRequiredService<CallRecordWriter>().WaitUntilStoredAsync(CancellationToken.None);
        await pair.B.Server.Services.GetRequiredService<CallRecordWriter>().WaitUntilStoredAsync(CancellationToken.None);

        foreach (var host in new[] { pair.A, pair.B })
        {
            using var control = host.CreateControlClient();
            var json = JsonDocument.Parse(await control.GetStringAsync($"/control/calls?client={pair.A.CloudClient.ClientId}")).RootElement;
            Assert.Equal(["{\"x\":1}", "{}"], json.GetProperty("calls").EnumerateArray().Select(c => c.GetProperty("requestBody").GetString()).Order(StringComparer.Ordinal));
        }

        // B's live stream sends A's call as well as its own.
        var streamed = new[] { (await streamOnB.NextAsync()).Call, (await streamOnB.NextAsync()).Call };
        Assert.Equal(2, streamed.Select(c => c.GetProperty("id").GetInt64()).Distinct().Count());
    }
}
