using System.Text;
using Waharoa.Testing;

namespace Waharoa.Tests.Control.Calls;

/// <summary><c>waharoa calls</c> and <c>waharoa behaviour</c> against a running <c>waharoa serve</c>.</summary>
public sealed class CallsCliTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "waharoa-calls-cli-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task CallsListShowAndBehaviour_ReadTheRunningServersRecords()
    {
        await using var server = await WaharoaProcess.StartAsync(_data);
        using var cloud = server.CreateCloudClient();
        var client = server.CloudClient.ClientId;
        using var refused = await cloud.PostAsync("/gateway/account/list", new StringContent("{}", Encoding.UTF8, "application/json"));

        // The record is written off the request path: wait for it.
        (int ExitCode, string Output) list = (0, "");
        for (var i = 0; i < 100 && !list.Output.Contains("account/list", StringComparison.Ordinal); i++)
        {
            list = await WaharoaProcess.RunAsync("calls", "list", "--data", _data, "--client-id", client);
            Assert.Equal(0, list.ExitCode);
        }

        var line = list.Output.Split('\n').Single(l => l.Contains("account/list", StringComparison.Ordinal));
        Assert.Contains("\t" + client + "\tcloud\t", line, StringComparison.Ordinal);
        Assert.Contains("The call carries no token", line, StringComparison.Ordinal);

        var show = await WaharoaProcess.RunAsync("calls", "show", line.Split('\t')[0], "--data", _data);
        Assert.Equal(0, show.ExitCode);
        Assert.Contains("\"flags\": [\n    \"no-token\"", show.Output.Replace("\r", "", StringComparison.Ordinal), StringComparison.Ordinal);

        var behaviour = await WaharoaProcess.RunAsync("behaviour", client, "--data", _data);
        Assert.Equal(0, behaviour.ExitCode);
        Assert.Contains("## Called a gateway service without a token", behaviour.Output, StringComparison.Ordinal);
        Assert.Contains("section \"5.1 Generic Gateway response codes\"", behaviour.Output, StringComparison.Ordinal);

        var missing = await WaharoaProcess.RunAsync("calls", "show", "999999", "--data", _data);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("No recorded call 999999", missing.Output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }
}
