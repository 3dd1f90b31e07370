using System.Net;
using System.Net.Sockets;
using Waharoa.Testing;

namespace Waharoa.Tests.Hosting;

/// <summary>The real executable: first and second start, a port already taken, and <c>kill -9</c> durability.</summary>
public sealed class ProcessTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "waharoa-process-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Serve_FirstStart_GeneratesCertificatesDemoDataAndPrintsWhatToDo()
    {
        await using var server = await WaharoaProcess.StartAsync(_data);

        foreach (var file in new[] { "certs/ca.crt", "certs/ca.key", "certs/server.crt", "certs/server.key", "certs/clients/xyzComp_FooBar.crt", "certs/clients/xyzComp_FooBar.key", "demo.json", "waharoa.db" })
        {
            Assert.True(File.Exists(Path.Combine(_data, file)), file);
        }

        Assert.Equal(2, server.Demo.Clients.Count);
        Assert.Equal(["cloud", "native"], server.Demo.Clients.Select(c => c.Kind).ToArray());
        Assert.Equal(2, server.Demo.Users.Count);
        var output = server.Output;
        Assert.Contains(server.DesktopUrl.ToString().TrimEnd('/'), output, StringComparison.Ordinal);
        Assert.Contains(server.CloudUrl.ToString().TrimEnd('/'), output, StringComparison.Ordinal);
        Assert.Contains("/ms_oauth/oauth2/endpoints/oauthservice/authorize?client_id=xyzComp_FooBar", output, StringComparison.Ordinal);
        Assert.Contains("curl ", output, StringComparison.Ordinal);
        Assert.Contains(server.User.Password, output, StringComparison.Ordinal);

        // The printed authorize URL works as printed.
        var printed = output.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith("https://", StringComparison.Ordinal) && l.Contains("/authorize?", StringComparison.Ordinal));
        using var session = new MyIrSession(server);
        var query = await session.AuthorizeAsync(new Uri(printed).PathAndQuery, server.User.Logon, server.User.Password);
        Assert.True(query.ContainsKey("code"));
    }

    [Fact]
    public async Task Serve_ItsPortAcceptsConnections_DemoJsonIsAlreadyWritten()
    {
        var desktop = WaharoaProcess.FreePort();
        var output = new System.Text.StringBuilder();
        using var process = WaharoaProcess.Spawn(
            output, "serve", "--data", _data, "--desktop-port", desktop.ToString(), "--cloud-port", WaharoaProcess.FreePort().ToString(), "--control-port", "0");
        try
        {
            // As a script that waits for the port would: the moment a connection is taken, demo.json must be complete.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!await AcceptsAsync(desktop))
            {
                Assert.False(process.HasExited, $"serve stopped:\n{output}");
                Assert.True(DateTime.UtcNow < deadline, $"serve did not listen within a minute:\n{output}");
                await Task.Delay(2);
            }

            using var demo = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_data, "demo.json")));
            Assert.Equal(2, demo.RootElement.GetProperty("clients").GetArrayLength());
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Serve_SecondStart_ReusesTheFolderAndEarlierTokensStayValid()
    {
        string access, refresh;
        var before = new Dictionary<string, byte[]>();
        await using (var first = await WaharoaProcess.StartAsync(_data))
        {
            using var cloud = first.CreateCloudClient();
            (access, refresh) = await TokenCalls.NewCloudTokensAsync(first, cloud);
            // control.json names this run's control API address; everything else stays as the first start left it.
            foreach (var file in Directory.EnumerateFiles(_data, "*", SearchOption.AllDirectories)
                .Where(f => !f.Contains("waharoa.db", StringComparison.Ordinal) && Path.GetFileName(f) != "control.json"))
            {
                before[file] = await File.ReadAllBytesAsync(file);
            }
        }

        await using var second = await WaharoaProcess.StartAsync(_data);
        foreach (var (file, bytes) in before)
        {
            Assert.Equal(bytes, await File.ReadAllBytesAsync(file));
        }

        using var cloudAgain = second.CreateCloudClient();
        Assert.Equal(HttpStatusCode.OK, (await TokenCalls.ValidateAsync(cloudAgain, second.CloudClient, access)).Status);
        Assert.Equal(HttpStatusCode.OK, (await TokenCalls.RefreshAsync(cloudAgain, second.CloudClient, refresh)).Status);
    }

    [Fact]
    public async Task Serve_KilledWithSigkill_KeepsEveryIssuedTokenAndEveryRevocation()
    {
        var kept = new List<(string Access, string Refresh)>();
        var revoked = new List<string>();
        await using (var first = await WaharoaProcess.StartAsync(_data))
        {
            using var cloud = first.CreateCloudClient();
            for (var i = 0; i < 3; i++)
            {
                kept.Add(await TokenCalls.NewCloudTokensAsync(first, cloud));
                var (access, refresh) = await TokenCalls.NewCloudTokensAsync(first, cloud);
                Assert.Equal(HttpStatusCode.OK, (await TokenCalls.DeleteAsync(cloud, first.CloudClient, access)).Status);
                Assert.Equal(HttpStatusCode.OK, (await TokenCalls.DeleteAsync(cloud, first.CloudClient, refresh)).Status);
                revoked.Add(access);
                revoked.Add(refresh);
            }

            first.KillHard();
        }

        await using var second = await WaharoaProcess.StartAsync(_data);
        using var cloudAgain = second.CreateCloudClient();
        foreach (var (access, refresh) in kept)
        {
            Assert.Equal(HttpStatusCode.OK, (await TokenCalls.ValidateAsync(cloudAgain, second.CloudClient, access)).Status);
            Assert.Equal(HttpStatusCode.OK, (await TokenCalls.ValidateAsync(cloudAgain, second.CloudClient, refresh)).Status);
        }

        foreach (var token in revoked)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await TokenCalls.ValidateAsync(cloudAgain, second.CloudClient, token)).Status);
        }
    }

    [Fact]
    public async Task Serve_PortTaken_PrintsClearErrorAndExits()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var taken = ((IPEndPoint)holder.LocalEndpoint).Port;

        var (exitCode, output) = await WaharoaProcess.RunAsync("serve", "--data", _data, "--desktop-port", WaharoaProcess.FreePort().ToString(), "--cloud-port", taken.ToString(), "--control-port", "0");

        Assert.NotEqual(0, exitCode);
        Assert.Contains($"port {taken} (cloud endpoint) is already in use", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var tcp = new TcpClient();
        try
        {
            await tcp.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
