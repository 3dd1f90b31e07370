using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Waharoa.Certificates;
using Waharoa.Server.Hosting;
using Waharoa.Server.Tls;
using Waharoa.Testing;

namespace Waharoa.Tests.Hosting;

/// <summary>
/// IR's TLS policy (<c>Mutual-Authentication-and-Cipher-Support.md</c>) by default: an ECC server certificate, TLS 1.2
/// with IR's three ECDHE-ECDSA suites or TLS 1.3 with its three, nothing else; a switch relaxes it for tools that need RSA.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class TlsPolicyTests
{
    public static TheoryData<TlsCipherSuite> IrSuites => [.. TlsOptions.IrCipherSuites];

    [Theory]
    [MemberData(nameof(IrSuites))]
    public async Task IrPolicy_EachOfIrsSuites_ConnectsOnBothEndpoints(TlsCipherSuite suite)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var certificate = host.LoadCloudClientCertificate();
        var protocol = suite.ToString().StartsWith("TLS_ECDHE", StringComparison.Ordinal) ? SslProtocols.Tls12 : SslProtocols.Tls13;

        Assert.Equal(suite, await HandshakeAsync(host, host.DesktopUrl.Port, protocol, [suite], null));
        Assert.Equal(suite, await HandshakeAsync(host, host.CloudUrl.Port, protocol, [suite], certificate));
    }

    [Theory]
    [InlineData(TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256)]
    [InlineData(TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384)]
    [InlineData(TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256)]
    [InlineData(TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA)]
    [InlineData(TlsCipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256)]
    public async Task IrPolicy_ATls12SuiteIrDoesNotOffer_IsRefusedInTheHandshake(TlsCipherSuite suite)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var certificate = host.LoadCloudClientCertificate();

        Assert.Null(await HandshakeAsync(host, host.DesktopUrl.Port, SslProtocols.Tls12, [suite], null));
        Assert.Null(await HandshakeAsync(host, host.CloudUrl.Port, SslProtocols.Tls12, [suite], certificate));
    }

    [Fact]
    public async Task IrPolicy_TheServerCertificateIsEcdsaP256()
    {
        await using var host = await WaharoaTestHost.StartAsync();

        using var server = CertificateFiles.Load(host.Folder.ServerCertificate);
        using var key = server.GetECDsaPublicKey();

        Assert.NotNull(key);
        Assert.Equal(256, key.KeySize);
        Assert.Null(server.GetRSAPublicKey());
    }

    [Fact]
    public async Task RelaxedPolicy_ServesAnRsaCertificateAndAnEcdheRsaSuite_AndIrsPolicyReissuesEccOnTheSameFolder()
    {
        var data = Path.Combine(Path.GetTempPath(), "waharoa-tls-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using (var relaxed = await WaharoaTestHost.StartAsync(configure: o => o.Tls.Policy = TlsPolicy.Relaxed, dataDirectory: data))
            {
                using var server = CertificateFiles.Load(relaxed.Folder.ServerCertificate);
                Assert.NotNull(server.GetRSAPublicKey());
                Assert.Equal(
                    TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
                    await HandshakeAsync(relaxed, relaxed.DesktopUrl.Port, SslProtocols.Tls12, [TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256], null));
            }

            // A folder from the relaxed policy (or an older release) gets an ECC certificate from the same CA under IR's.
            await using var strict = await WaharoaTestHost.StartAsync(dataDirectory: data);
            using var reissued = CertificateFiles.Load(strict.Folder.ServerCertificate);
            Assert.NotNull(reissued.GetECDsaPublicKey());
            Assert.Null(await HandshakeAsync(strict, strict.DesktopUrl.Port, SslProtocols.Tls12, [TlsCipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256], null));
            using var desktop = strict.CreateDesktopClient();
            Assert.Equal(HttpStatusCode.OK, (await desktop.GetAsync("/health/live")).StatusCode);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task IrPolicy_AnRsaServerCertificateWaharoaDidNotIssue_IsAStartUpErrorThatSaysWhatToDo()
    {
        var data = Path.Combine(Path.GetTempPath(), "waharoa-tls-" + Guid.NewGuid().ToString("N"));
        try
        {
            // The operator's own RSA certificate, from a CA of theirs.
            await (await WaharoaTestHost.StartAsync(configure: o => o.Tls.Policy = TlsPolicy.Relaxed, dataDirectory: data)).DisposeAsync();
            using var theirs = TestCertificateAuthority.Create("Operator CA", TimeProvider.System);
            using var own = theirs.IssueServerCertificate(ecc: false);
            CertificateFiles.Write(own, Path.Combine(data, "certs", "server.crt"), Path.Combine(data, "certs", "server.key"));

            var error = await Assert.ThrowsAsync<ArgumentException>(() => WaharoaServer.StartAsync(
                new WaharoaOptions { DataDirectory = data, DesktopPort = 0, CloudPort = 0, Control = { Port = 0 } }, configureLogging: l => l.ClearProviders()));

            Assert.Contains("IR's TLS policy needs an ECC (ECDSA) server certificate", error.Message, StringComparison.Ordinal);
            Assert.Contains("Waharoa:Tls:Policy to Relaxed", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static Task<TlsCipherSuite?> HandshakeAsync(WaharoaTestHost host, int port, SslProtocols protocol, TlsCipherSuite[] suites, X509Certificate2? certificate) =>
        TlsHandshake.TryAsync(host, port, protocol, suites, certificate);
}
