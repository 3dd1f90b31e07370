using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Time.Testing;
using Waharoa.Certificates;
using Waharoa.Clients;
using Waharoa.Security;
using Waharoa.Storage;
using Waharoa.Testing;
using Waharoa.Tests.AccountApi;

namespace Waharoa.Tests.Gateway;

/// <summary>
/// IR's build packs (§2.4) and M2M how-to: the JWT is signed with the DSP's signing certificate, exchanged at onboarding
/// apart from its TLS certificate (self-signed allowed), and <c>sub</c> is that certificate's thumbprint.
/// </summary>
public sealed class M2mSigningCertificateTests
{
    [Fact]
    public async Task M2m_SignedByAnyEnrolledSigningCertificate_IsAccepted_ByTheTlsCertificateOrAnotherIsEV1020()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var ca = host.DevelopmentCa();
        using var tls = ca.IssueClientCertificate("Saas_Dsp");
        using var first = SelfSigned("Saas signing 1");
        using var second = SelfSigned("Saas signing 2");
        using var stranger = SelfSigned("Not enrolled");
        var clients = (IClientStore)host.Server.Services.GetService(typeof(IClientStore))!;
        await clients.AddClientAsync(
            new DspClient("Saas_Dsp", "Saas", ClientKind.Cloud, SecretHasher.Hash("unused-secret-value"), ["https://saas.example/cb"], CertificateFiles.Sha256Thumbprint(tls), DateTimeOffset.UtcNow)
            {
                Services = ["*"],
                SigningCertificates = [first.ExportCertificatePem(), second.ExportCertificatePem()],
            },
            CancellationToken.None);
        using var cloud = host.CreateCloudClient(tls);
        var now = DateTimeOffset.UtcNow;

        // A SaaS DSP signs for many resource owners with several certificates; each JWT's sub names its own.
        var byFirst = await AccountApiCalls.ListAsync(cloud, M2mTokens.Create(first, now, TimeSpan.FromMinutes(9), host.User.Logon), AccountApiCalls.DemoCustomer);
        var bySecond = await AccountApiCalls.ListAsync(cloud, M2mTokens.Create(second, now, TimeSpan.FromMinutes(9), host.User.Logon), AccountApiCalls.DemoCustomer);
        var byTls = await AccountApiCalls.ListAsync(cloud, M2mTokens.Create(tls, now, TimeSpan.FromMinutes(9), host.User.Logon), AccountApiCalls.DemoCustomer);
        var byStranger = await AccountApiCalls.ListAsync(cloud, M2mTokens.Create(stranger, now, TimeSpan.FromMinutes(9), host.User.Logon), AccountApiCalls.DemoCustomer);
        var forgedSub = await AccountApiCalls.ListAsync(
            cloud, M2mTokens.Create(stranger, now, TimeSpan.FromMinutes(9), host.User.Logon, subject: CertificateFiles.Sha256Thumbprint(first)), AccountApiCalls.DemoCustomer);

        Assert.Equal(HttpStatusCode.OK, byFirst.Status);
        Assert.Equal(HttpStatusCode.OK, bySecond.Status);
        foreach (var (status, body) in new[] { byTls, byStranger, forgedSub })
        {
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Contains("EV1020", body.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task M2m_JwtAcceptedBefore_IsRefused_OnceItsSigningCertificateIsNoLongerEnrolled_AndOnceItExpires()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await WaharoaTestHost.StartAsync(time);
        using var ca = host.DevelopmentCa();
        using var tls = ca.IssueClientCertificate("Saas_Dsp");
        using var first = SelfSigned("Saas signing 1");
        using var second = SelfSigned("Saas signing 2");
        var clients = (IClientStore)host.Server.Services.GetService(typeof(IClientStore))!;
        var client = new DspClient("Saas_Dsp", "Saas", ClientKind.Cloud, SecretHasher.Hash("unused-secret-value"), ["https://saas.example/cb"], CertificateFiles.Sha256Thumbprint(tls), DateTimeOffset.UtcNow)
        {
            Services = ["*"],
            SigningCertificates = [first.ExportCertificatePem(), second.ExportCertificatePem()],
        };
        await clients.AddClientAsync(client, CancellationToken.None);
        using var cloud = host.CreateCloudClient(tls);
        var byFirst = M2mTokens.Create(first, time.GetUtcNow(), TimeSpan.FromMinutes(9), host.User.Logon);
        var bySecond = M2mTokens.Create(second, time.GetUtcNow(), TimeSpan.FromMinutes(9), host.User.Logon);
        Assert.Equal(HttpStatusCode.OK, (await AccountApiCalls.ListAsync(cloud, byFirst, AccountApiCalls.DemoCustomer)).Status);
        Assert.Equal(HttpStatusCode.OK, (await AccountApiCalls.ListAsync(cloud, bySecond, AccountApiCalls.DemoCustomer)).Status);

        // The operator removes the first signing certificate: a JWT it signed, accepted a moment ago, is refused now.
        await clients.UpdateClientAsync(client with { SigningCertificates = [second.ExportCertificatePem()] }, CancellationToken.None);
        var afterRemoval = await AccountApiCalls.ListAsync(cloud, byFirst, AccountApiCalls.DemoCustomer);
        var stillEnrolled = await AccountApiCalls.ListAsync(cloud, bySecond, AccountApiCalls.DemoCustomer);

        // And one still enrolled is refused once its exp has passed.
        time.Advance(TimeSpan.FromMinutes(9));
        var expired = await AccountApiCalls.ListAsync(cloud, bySecond, AccountApiCalls.DemoCustomer);

        Assert.Equal(HttpStatusCode.OK, stillEnrolled.Status);
        foreach (var (status, body) in new[] { afterRemoval, expired })
        {
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Contains("EV1020", body.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task M2m_DemoClient_SignsWithItsTlsCertificate_EnrolledAsItsSigningCertificate()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        using var certificate = host.LoadCloudClientCertificate();
        var clients = (IClientStore)host.Server.Services.GetService(typeof(IClientStore))!;

        var demo = await clients.FindClientAsync(host.CloudClient.ClientId, CancellationToken.None);
        var reply = await AccountApiCalls.ListAsync(cloud, M2mTokens.Create(certificate, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(9), host.User.Logon), AccountApiCalls.DemoCustomer);

        Assert.Equal([certificate.ExportCertificatePem()], demo!.SigningCertificates);
        Assert.Equal(HttpStatusCode.OK, reply.Status);
    }

    [Fact]
    public async Task ClientsAdd_SigningCertificates_AreEnrolledAndSignM2mJwts()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var signer = SelfSigned("Cli signing");
        var signerFile = Path.Combine(host.DataDirectory, "signer.crt");
        CertificateFiles.Write(signer, signerFile, null);

        var (exit, output) = await WaharoaProcess.RunAsync("clients", "add", "--data", host.DataDirectory, "--client-id", "Cli_Dsp",
            "--kind", "cloud", "--redirect-uri", "https://cli.example/cb", "--issue-certificate", "--signing-certificate", signerFile);
        Assert.True(exit == 0, output);

        using var tls = CertificateFiles.LoadWithKey(host.Folder.ClientCertificate("Cli_Dsp"), host.Folder.ClientKey("Cli_Dsp"));
        using var cloud = host.CreateCloudClient(tls);
        var reply = await AccountApiCalls.ListAsync(cloud, M2mTokens.Create(signer, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(9), host.User.Logon), AccountApiCalls.DemoCustomer);
        Assert.NotEqual(HttpStatusCode.BadRequest, reply.Status);
        Assert.DoesNotContain("EV1020", reply.Body.ToString(), StringComparison.Ordinal);
    }

    private static X509Certificate2 SelfSigned(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }
}
