using System.Net;
using System.Security.Cryptography.X509Certificates;
using Waharoa.Certificates;
using Waharoa.Testing;

namespace Waharoa.Tests.Control.Certificates;

/// <summary><c>waharoa certs issue</c> against a running <c>waharoa serve</c>: the files it writes, and the certificate at work.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CertsCommandTests
{
    [Fact]
    public async Task Certs_issue_writes_PEM_and_PKCS12_with_the_key_owner_only_and_the_renewal_gets_tokens()
    {
        var data = Directory.CreateTempSubdirectory("waharoa-certs-").FullName;
        var output = Path.Combine(data, "issued");
        try
        {
            await using var server = await WaharoaProcess.StartAsync(data);
            var clientId = server.CloudClient.ClientId;

            var (exit, printed) = await WaharoaProcess.RunAsync(
                "certs", "issue", "--data", data, "--client-id", clientId, "--kind", "renewal", "--key", "rsa", "--out", output);
            var (unknownExit, unknownPrinted) = await WaharoaProcess.RunAsync("certs", "issue", "--data", data, "--client-id", "Nobody", "--out", output);

            Assert.True(exit == 0, printed);
            var certificatePath = Path.Combine(output, $"{clientId}-renewal.crt");
            var keyPath = Path.Combine(output, $"{clientId}-renewal.key");
            var pkcs12Path = Path.Combine(output, $"{clientId}-renewal.p12");
            Assert.Contains(certificatePath, printed, StringComparison.Ordinal);
            Assert.Contains("IR accepts it without re-enrolment", printed, StringComparison.Ordinal);
            Assert.DoesNotContain("PRIVATE KEY", printed, StringComparison.Ordinal);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyPath));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(pkcs12Path));
            using var fromPem = CertificateFiles.LoadWithKey(certificatePath, keyPath);
            using var fromPkcs12 = X509CertificateLoader.LoadPkcs12FromFile(pkcs12Path, string.Empty);
            Assert.Equal(fromPem.Thumbprint, fromPkcs12.Thumbprint);
            Assert.NotNull(fromPkcs12.GetRSAPrivateKey());

            using var cloud = server.CreateCloudClient(fromPkcs12);
            var (access, _) = await TokenCalls.NewCloudTokensAsync(server, cloud);
            Assert.False(string.IsNullOrEmpty(access));

            Assert.Equal(1, unknownExit);
            Assert.Contains("400: There is no client 'Nobody'", unknownPrinted, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
