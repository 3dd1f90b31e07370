using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Waharoa.Server.Calls;
using Waharoa.Testing;

namespace Waharoa.Tests.Control.Calls;

/// <summary>Calls:KeepPerClient bounds what is kept of each client.</summary>
public sealed class CallBoundTests
{
    [Fact]
    public async Task KeepPerClient_KeepsEachClientsNewestCallsOnly()
    {
        await using var host = await WaharoaTestHost.StartAsync(configure: o => o.Calls.KeepPerClient = 2);
        using var cloud = host.CreateCloudClient();
        for (var i = 0; i < 4; i++)
        {
            using var _ = await cloud.GetAsync($"/gateway/echo/{i}");
        }

        await host.Server.Services.GetRequiredService<CallRecordWriter>().WaitUntilStoredAsync(CancellationToken.None);
        using var control = host.CreateControlClient();
        var json = JsonDocument.Parse(await control.GetStringAsync($"/control/calls?client={host.CloudClient.ClientId}")).RootElement;

        Assert.Equal(["/gateway/echo/3", "/gateway/echo/2"], json.GetProperty("calls").EnumerateArray().Select(c => c.GetProperty("path").GetString()));
    }
}
