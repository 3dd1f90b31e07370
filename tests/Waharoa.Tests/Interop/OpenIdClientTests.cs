using System.Diagnostics;
using System.Text.Json;
using Waharoa.Testing;

namespace Waharoa.Tests.Interop;

/// <summary>
/// Node's openid-client (tests/interop/openid-client, installed by test.sh with npm ci) runs START's whole flow
/// against a real Waharoa on the cloud endpoint with the demo client's certificate: a DSP's Node.js software
/// must work unchanged, whichever client authentication the library uses.
/// </summary>
public sealed class OpenIdClientTests
{
    private static readonly string Package = Path.Combine(SpecFiles.RepositoryRoot, "tests", "interop", "openid-client");

    [Theory]
    [InlineData("default")]
    [InlineData("basic")]
    [InlineData("post")]
    public async Task OpenIdClient_RunsTheStartFlow(string authentication)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        var client = host.CloudClient;
        var verifier = StartUrls.NewCodeVerifier();
        var code = await StartCalls.NewCodeAsync(host, client, codeChallenge: StartUrls.S256(verifier));
        var callback = $"{client.RedirectUri}?code={Uri.EscapeDataString(code)}&state={StartUrls.DefaultState}";
        var cloud = host.CloudUrl.ToString().TrimEnd('/');

        var seen = await RunAsync(new
        {
            issuer = cloud + "/gateway3/oauth",
            authorizationEndpoint = cloud + StartUrls.Authorize,
            tokenEndpoint = cloud + StartUrls.Token,
            introspectionEndpoint = cloud + StartUrls.Introspect,
            revocationEndpoint = cloud + StartUrls.Revoke,
            clientId = client.ClientId,
            clientSecret = client.ClientSecret,
            authentication,
            callbackUrl = callback,
            codeVerifier = verifier,
            state = StartUrls.DefaultState,
            caFile = host.Folder.CaCertificate,
            certFile = client.Certificate,
            keyFile = client.CertificateKey,
        });

        var exchange = seen.GetProperty("exchange");
        Assert.False(exchange.TryGetProperty("failed", out _), exchange.ToString());
        Assert.InRange(exchange.GetProperty("expiresIn").GetInt32(), 28700, 28800);
        Assert.True(seen.GetProperty("introspection").GetProperty("active").GetBoolean(), seen.ToString());
        Assert.Equal(host.User.Logon, seen.GetProperty("introspection").GetProperty("username").GetString());
        Assert.False(seen.GetProperty("refresh").TryGetProperty("failed", out _), seen.ToString());
        var reuse = seen.GetProperty("reuse");
        Assert.True(reuse.GetProperty("failed").GetBoolean(), reuse.ToString());
        Assert.Equal(401, reuse.GetProperty("status").GetInt32());
        Assert.False(seen.GetProperty("introspectionAfterReuse").GetProperty("active").GetBoolean());
        Assert.True(seen.GetProperty("revocation").GetProperty("revoked").GetBoolean(), seen.ToString());
        Assert.False(seen.GetProperty("introspectionAfterRevocation").GetProperty("active").GetBoolean());
    }

    private static async Task<JsonElement> RunAsync(object input)
    {
        Assert.True(Directory.Exists(Path.Combine(Package, "node_modules", "openid-client")),
            $"openid-client is not installed: run npm ci in {Package} (test.sh does)");
        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = Package,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add("flow.mjs");
        info.ArgumentList.Add(JsonSerializer.Serialize(input));
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        Assert.True(process.ExitCode == 0, $"node exited {process.ExitCode}: {await errors}");
        return JsonDocument.Parse(await output).RootElement.Clone();
    }
}
