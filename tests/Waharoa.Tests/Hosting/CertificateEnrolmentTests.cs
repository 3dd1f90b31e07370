using System.Net;
using Waharoa.Certificates;
using Waharoa.Clients;
using Waharoa.Security;
using Waharoa.Storage;
using Waharoa.Testing;
using Waharoa.Tests.AccountApi;

namespace Waharoa.Tests.Hosting;

/// <summary>
/// Certificate trust as IR does it (<c>Mutual-Authentication-and-Cipher-Support.md</c>): a client is enrolled by its
/// certificates' Common Name, and any certificate with that CN from a trusted CA is its; pinning one stays possible.
/// </summary>
public sealed class CertificateEnrolmentTests
{
    [Fact]
    public async Task RenewedCertificate_SameCnFromTheTrustedCa_WorksWithoutReEnrolment_AtTheTokenEndpointAndTheGateway()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var ca = host.DevelopmentCa();
        using var renewed = ca.IssueClientCertificate(host.CloudClient.ClientId);
        using var original = host.CreateCloudClient();
        using var cloud = host.CreateCloudClient(renewed);

        var (access, refresh) = await TokenCalls.NewCloudTokensAsync(host, original);
        var (refreshed, _, _) = await TokenCalls.RefreshAsync(cloud, host.CloudClient, refresh);
        var listed = await AccountApiCalls.ListAsync(cloud, "Bearer " + access, AccountApiCalls.DemoCustomer);

        Assert.Equal(HttpStatusCode.OK, refreshed);
        Assert.Equal(HttpStatusCode.OK, listed.Status);
    }

    [Fact]
    public async Task PinnedClient_TakesOnlyItsOwnCertificate_NotAnotherWithItsCn()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var ca = host.DevelopmentCa();
        using var pinned = ca.IssueClientCertificate("Pinned_Dsp");
        using var sameCn = ca.IssueClientCertificate("Pinned_Dsp");
        var clients = (IClientStore)host.Server.Services.GetService(typeof(IClientStore))!;
        await clients.AddClientAsync(
            new DspClient("Pinned_Dsp", "Pinned", ClientKind.Cloud, SecretHasher.Hash("pinned-dsp-secret-2026"), ["https://pinned.example/cb"], CertificateFiles.Sha256Thumbprint(pinned), DateTimeOffset.UtcNow)
            {
                Services = ["*"],
                CertificateCommonName = "Pinned_Dsp",
            },
            CancellationToken.None);
        var client = host.CloudClient with { ClientId = "Pinned_Dsp", ClientSecret = "pinned-dsp-secret-2026", RedirectUri = "https://pinned.example/cb" };
        using var own = host.CreateCloudClient(pinned);
        using var other = host.CreateCloudClient(sameCn);

        var (ownStatus, _, _) = await TokenCalls.ExchangeCodeAsync(own, client, "not-a-code", client.RedirectUri);
        var (otherStatus, otherBody, _) = await TokenCalls.ExchangeCodeAsync(other, client, "not-a-code", client.RedirectUri);

        // Its own certificate gets as far as the code (which is unknown); the other is refused as another client's.
        Assert.Equal(HttpStatusCode.Unauthorized, ownStatus);
        Assert.Equal(HttpStatusCode.Unauthorized, otherStatus);
        Assert.Equal("invalid_client", otherBody.GetProperty("error").GetString());
        Assert.Equal("Business partner identifier invalid", otherBody.GetProperty("error_description").GetString());
    }

    [Fact]
    public async Task ClientsAdd_ByCommonNameAlone_AcceptsAnyTrustedCertificateWithThatCn()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        var (exit, output) = await WaharoaProcess.RunAsync("clients", "add", "--data", host.DataDirectory, "--client-id", "Cn_Dsp",
            "--kind", "cloud", "--redirect-uri", "https://cn.example/cb", "--common-name", "298f9c17.irdgws.cn.example");
        Assert.True(exit == 0, output);
        using var ca = host.DevelopmentCa();
        using var ordered = ca.IssueClientCertificate("298f9c17.irdgws.cn.example");
        using var cloud = host.CreateCloudClient(ordered);

        var listed = await AccountApiCalls.ListAsync(cloud, "not-a-token", AccountApiCalls.DemoCustomer);

        // Past the certificate (known DSP), stopped at the token: EV1020 for the token, not for the certificate.
        Assert.Equal(HttpStatusCode.BadRequest, listed.Status);
        Assert.Contains("EV1020", listed.Body.ToString(), StringComparison.Ordinal);
        var (_, list) = await WaharoaProcess.RunAsync("clients", "list", "--data", host.DataDirectory);
        Assert.Contains("Cn_Dsp\tcloud\thttps://cn.example/cb\tCN=298f9c17.irdgws.cn.example", list, StringComparison.Ordinal);
    }
}
