using System.Net;
using Waharoa.Server.Endpoints;
using Waharoa.Server.Hosting;
using Waharoa.Storage;
using Waharoa.Testing;

namespace Waharoa.Tests.Hosting;

/// <summary>The demo data's credentials are published, so it is created only where nobody else can reach it.</summary>
public sealed class DemoDataTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "waharoa-demo-" + Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData("127.0.0.1", null, GatewayEnvironment.Mock, true)]
    [InlineData("::1", null, GatewayEnvironment.Test, true)]
    [InlineData("0.0.0.0", null, GatewayEnvironment.Mock, false)]
    [InlineData("192.168.1.20", null, GatewayEnvironment.Mock, false)]
    [InlineData("0.0.0.0", true, GatewayEnvironment.Mock, true)]
    [InlineData("127.0.0.1", false, GatewayEnvironment.Mock, false)]
    [InlineData("127.0.0.1", null, GatewayEnvironment.Production, false)]
    public void DemoData_CreatedOnLoopbackOnly_UnlessAsked_NeverInProduction(string listen, bool? asked, GatewayEnvironment environment, bool created)
    {
        var options = new WaharoaOptions { ListenAddress = IPAddress.Parse(listen), SeedDemoData = asked, Control = { Port = 0 } };
        options.Gateway.Environment = environment;

        Assert.Equal(created, options.CreatesDemoData);
    }

    [Fact]
    public async Task Production_OnLoopback_CreatesNoDemoDataAndNoDemoClient()
    {
        await using (var server = await WaharoaServer.StartAsync(Options(GatewayEnvironment.Production)))
        {
            var clients = (IClientStore)server.Services.GetService(typeof(IClientStore))!;
            Assert.Null(server.Demo);
            Assert.Empty(await clients.ListClientsAsync(CancellationToken.None));
        }

        Assert.False(File.Exists(Path.Combine(_data, "demo.json")));
    }

    [Fact]
    public async Task DemoFlagUnderProduction_IsAStartUpErrorThatSaysWhy()
    {
        var (exitCode, output) = await WaharoaProcess.RunAsync(
            "serve", "--data", _data, "--environment", "production", "--demo",
            "--desktop-port", WaharoaProcess.FreePort().ToString(), "--cloud-port", WaharoaProcess.FreePort().ToString(), "--control-port", "0");

        Assert.Equal(2, exitCode);
        Assert.Contains("never created under the production environment profile", output, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_data, "demo.json")));
    }

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    private WaharoaOptions Options(GatewayEnvironment environment)
    {
        var options = new WaharoaOptions { DataDirectory = _data, DesktopPort = 0, CloudPort = 0, Control = { Port = 0 } };
        options.Gateway.Environment = environment;
        return options;
    }
}
