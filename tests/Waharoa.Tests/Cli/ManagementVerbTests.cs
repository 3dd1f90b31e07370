using System.Net;
using Waharoa.Certificates;
using Waharoa.Testing;

namespace Waharoa.Tests.Cli;

/// <summary>The management verbs of the executable, run against the data folder of a running server.</summary>
public sealed class ManagementVerbTests
{
    [Fact]
    public async Task ClientsAdd_Native_IsListedAndCanAuthenticateAtOnce()
    {
        await using var host = await WaharoaTestHost.StartAsync();

        var (exit, output) = await WaharoaProcess.RunAsync("clients", "add", "--data", host.DataDirectory, "--client-id", "Acme_Desk",
            "--kind", "native", "--secret", "acme-desk-secret-2026", "--redirect-uri", "http://127.0.0.1:5000/cb", "--redirect-uri", "https://acme.example/cb");
        Assert.Equal(0, exit);
        Assert.Contains("client_secret: acme-desk-secret-2026", output, StringComparison.Ordinal);

        var (_, list) = await WaharoaProcess.RunAsync("clients", "list", "--data", host.DataDirectory);
        Assert.Contains("Acme_Desk\tnative\thttp://127.0.0.1:5000/cb https://acme.example/cb", list, StringComparison.Ordinal);

        using var desktop = host.CreateDesktopClient();
        var acme = host.NativeClient with { ClientId = "Acme_Desk", ClientSecret = "acme-desk-secret-2026" };
        var (status, body, _) = await TokenCalls.ExchangeCodeAsync(desktop, acme, "not-a-code", "http://127.0.0.1:5000/cb");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("invalid_grant", body.GetProperty("error").GetString());

        using var session = new MyIrSession(host);
        var query = await session.AuthorizeAsync(XiamsUrls.AuthorizeUrl("Acme_Desk", "https://acme.example/cb"), host.User.Logon, host.User.Password);
        Assert.True(query.ContainsKey("code"));
    }

    [Fact]
    public async Task ClientsAdd_SoftwarePlatforms_AreRegisteredForTheClient()
    {
        await using var host = await WaharoaTestHost.StartAsync();

        var (exit, _) = await WaharoaProcess.RunAsync("clients", "add", "--data", host.DataDirectory, "--client-id", "Acme_Desk", "--kind", "native",
            "--secret", "acme-desk-secret-2026", "--redirect-uri", "https://acme.example/cb", "--software-platform", "AcmePayroll", "--software-platform", "AcmePayroll2");

        Assert.Equal(0, exit);
        var client = await ((Waharoa.Storage.IClientStore)host.Server.Services.GetService(typeof(Waharoa.Storage.IClientStore))!).FindClientAsync("Acme_Desk", default);
        Assert.Equal(["AcmePayroll", "AcmePayroll2"], client!.SoftwarePlatforms);
    }

    [Theory]
    [InlineData("s3cret")]
    [InlineData("abcabcabcabcabcabc")]
    public async Task ClientsAdd_WeakSecret_IsRefused(string secret)
    {
        await using var host = await WaharoaTestHost.StartAsync();

        var (exit, output) = await WaharoaProcess.RunAsync("clients", "add", "--data", host.DataDirectory, "--client-id", "Acme_Desk",
            "--kind", "native", "--secret", secret, "--redirect-uri", "https://acme.example/cb");

        Assert.Equal(2, exit);
        Assert.Contains("a client secret needs at least 16 characters, 6 of them different", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/callback")]
    [InlineData("https://acme.example/cb#top")]
    [InlineData("acme.example/cb")]
    public async Task ClientsAdd_RedirectUriNotAbsoluteOrWithAFragment_IsRefused(string redirectUri)
    {
        await using var host = await WaharoaTestHost.StartAsync();

        var (exit, output) = await WaharoaProcess.RunAsync("clients", "add", "--data", host.DataDirectory, "--client-id", "Acme_Desk",
            "--kind", "native", "--secret", "acme-desk-secret-2026", "--redirect-uri", redirectUri);

        Assert.Equal(2, exit);
        Assert.Contains($"'{redirectUri}' is not an absolute URI without a fragment", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientsAdd_CloudWithIssuedCertificate_WorksOnTheCloudEndpoint()
    {
        await using var host = await WaharoaTestHost.StartAsync();

        var (exit, output) = await WaharoaProcess.RunAsync("clients", "add", "--data", host.DataDirectory, "--client-id", "Acme_Cloud",
            "--kind", "cloud", "--redirect-uri", "https://acme.example/cb", "--issue-certificate");
        Assert.Equal(0, exit);
        var secret = output.Split('\n').Single(l => l.StartsWith("client_secret:", StringComparison.Ordinal))["client_secret:".Length..].Trim();

        using var certificate = CertificateFiles.LoadWithKey(host.Folder.ClientCertificate("Acme_Cloud"), host.Folder.ClientKey("Acme_Cloud"));
        using var cloud = host.CreateCloudClient(certificate);
        var acme = host.CloudClient with { ClientId = "Acme_Cloud", ClientSecret = secret, RedirectUri = "https://acme.example/cb" };
        var code = await TokenCalls.NewCodeAsync(host, acme);
        var (status, body, _) = await TokenCalls.ExchangeCodeAsync(cloud, acme, code, acme.RedirectUri);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(body.TryGetProperty("refresh_token", out _));

        // The demo client's certificate is not enrolled for Acme_Cloud.
        using var demoCloud = host.CreateCloudClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenCalls.ExchangeCodeAsync(demoCloud, acme, "x", acme.RedirectUri)).Status);
    }

    [Fact]
    public async Task ClientsAdd_CloudWithoutCertificate_IsRefused()
    {
        await using var host = await WaharoaTestHost.StartAsync();

        var (exit, output) = await WaharoaProcess.RunAsync("clients", "add", "--data", host.DataDirectory, "--client-id", "NoCert", "--kind", "cloud", "--redirect-uri", "https://a.example/cb");

        Assert.Equal(2, exit);
        Assert.Contains("needs --certificate", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientsRemove_RevokesItsTokensAndRefusesItsCredentials()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var (access, _) = await TokenCalls.NewCloudTokensAsync(host, cloud);

        var (exit, _) = await WaharoaProcess.RunAsync("clients", "remove", "--data", host.DataDirectory, host.CloudClient.ClientId);
        Assert.Equal(0, exit);

        var (status, body, _) = await TokenCalls.ValidateAsync(cloud, host.CloudClient, access);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("Invalid client ID", body.GetProperty("error_description").GetString());
        var (again, _) = await WaharoaProcess.RunAsync("clients", "remove", "--data", host.DataDirectory, host.CloudClient.ClientId);
        Assert.Equal(1, again);
    }

    [Fact]
    public async Task UsersAdd_NewUserCanLogOnAndIsListed()
    {
        await using var host = await WaharoaTestHost.StartAsync();

        var (exit, _) = await WaharoaProcess.RunAsync("users", "add", "--data", host.DataDirectory, "--logon", "agent42", "--password", "S3cret-pass");
        Assert.Equal(0, exit);
        var (_, list) = await WaharoaProcess.RunAsync("users", "list", "--data", host.DataDirectory);
        Assert.Contains("agent42", list, StringComparison.Ordinal);
        Assert.DoesNotContain("S3cret-pass", list, StringComparison.Ordinal);

        using var session = new MyIrSession(host);
        var query = await session.AuthorizeAsync(XiamsUrls.AuthorizeUrl(host.CloudClient.ClientId, host.CloudClient.RedirectUri), "agent42", "S3cret-pass");
        Assert.True(query.ContainsKey("code"));
    }

    [Fact]
    public async Task ConsentsRevoke_StopsRefreshOnTheRunningServer()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var (_, refresh) = await TokenCalls.NewCloudTokensAsync(host, cloud);
        var (_, listed) = await WaharoaProcess.RunAsync("consents", "list", "--data", host.DataDirectory);
        Assert.Contains($"{host.User.Logon}\t{host.CloudClient.ClientId}", listed, StringComparison.Ordinal);

        var (exit, _) = await WaharoaProcess.RunAsync("consents", "revoke", "--data", host.DataDirectory, "--logon", host.User.Logon, "--client-id", host.CloudClient.ClientId);

        Assert.Equal(0, exit);
        var (status, body, _) = await TokenCalls.RefreshAsync(cloud, host.CloudClient, refresh);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
    }
}
