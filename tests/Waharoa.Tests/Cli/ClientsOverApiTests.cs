using System.Net;
using Waharoa.Testing;

namespace Waharoa.Tests.Cli;

/// <summary>
/// <c>waharoa clients</c> beside a running <c>waharoa serve</c>: the verbs go through its control API, so the server serves
/// what they change at once, without a restart.
/// </summary>
public sealed class ClientsOverApiTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "waharoa-clients-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Clients_added_rotated_disabled_and_enabled_beside_a_running_server_take_effect_at_once()
    {
        await using var server = await WaharoaProcess.StartAsync(_data);
        using var desktop = server.CreateDesktopClient();

        var (exit, output) = await WaharoaProcess.RunAsync("clients", "add", "--data", _data, "--client-id", "Live_Desk", "--kind", "native", "--redirect-uri", "https://live.example/cb");
        Assert.True(exit == 0, output);
        var secret = SecretIn(output);
        var live = server.NativeClient with { ClientId = "Live_Desk", ClientSecret = secret, RedirectUri = "https://live.example/cb" };

        // Known to the server at once: past client authentication, a bad code is the only thing wrong.
        Assert.Equal("invalid_grant", (await TokenCalls.ExchangeCodeAsync(desktop, live, "not-a-code", live.RedirectUri)).Body.GetProperty("error").GetString());

        var (rotateExit, rotated) = await WaharoaProcess.RunAsync("clients", "rotate-secret", "--data", _data, "Live_Desk");
        Assert.Equal(0, rotateExit);
        Assert.Equal("invalid_client", (await TokenCalls.ExchangeCodeAsync(desktop, live, "not-a-code", live.RedirectUri)).Body.GetProperty("error").GetString());
        live = live with { ClientSecret = SecretIn(rotated) };
        Assert.Equal("invalid_grant", (await TokenCalls.ExchangeCodeAsync(desktop, live, "not-a-code", live.RedirectUri)).Body.GetProperty("error").GetString());

        Assert.Equal(0, (await WaharoaProcess.RunAsync("clients", "disable", "--data", _data, "Live_Desk")).ExitCode);
        var (status, body, _) = await TokenCalls.ExchangeCodeAsync(desktop, live, "not-a-code", live.RedirectUri);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("invalid_client", body.GetProperty("error").GetString());
        var (_, list) = await WaharoaProcess.RunAsync("clients", "list", "--data", _data);
        Assert.Contains("Live_Desk\tnative\thttps://live.example/cb\t-\t*\tLive_Desk\tdisabled", list, StringComparison.Ordinal);

        Assert.Equal(0, (await WaharoaProcess.RunAsync("clients", "enable", "--data", _data, "Live_Desk")).ExitCode);
        Assert.Equal("invalid_grant", (await TokenCalls.ExchangeCodeAsync(desktop, live, "not-a-code", live.RedirectUri)).Body.GetProperty("error").GetString());

        var (taken, takenOutput) = await WaharoaProcess.RunAsync("clients", "add", "--data", _data, "--client-id", "Live_Desk", "--kind", "native", "--redirect-uri", "https://live.example/cb");
        Assert.Equal(1, taken);
        Assert.Contains("error: A client with id 'Live_Desk' already exists.", takenOutput, StringComparison.Ordinal);
        var (unknown, unknownOutput) = await WaharoaProcess.RunAsync("clients", "edit", "--data", _data, "Nobody", "--name", "x");
        Assert.Equal(1, unknown);
        Assert.Contains("There is no client 'Nobody'", unknownOutput, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    private static string SecretIn(string output) =>
        output.Split('\n').Single(l => l.StartsWith("client_secret:", StringComparison.Ordinal))["client_secret:".Length..].Trim();
}
