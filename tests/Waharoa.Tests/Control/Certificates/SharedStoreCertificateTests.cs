using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Waharoa.Testing;

namespace Waharoa.Tests.Control.Certificates;

/// <summary>On a shared PostgreSQL store the store's development CA signs: a certificate one instance issues works on the other.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SharedStoreCertificateTests
{
    [Fact]
    public async Task A_certificate_issued_by_one_instance_is_accepted_by_the_other_and_the_CA_key_stays_in_the_store()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        void OnPostgres(Waharoa.Server.Hosting.WaharoaOptions o)
        {
            o.Postgres = database.ConnectionString;
            o.Store.KeyEncryptionKey = PostgresDatabase.KeyEncryptionKey;
        }

        await using var a = await WaharoaTestHost.StartAsync(configure: OnPostgres);
        await using var b = await WaharoaTestHost.StartAsync(configure: OnPostgres);
        using var control = a.CreateControlClient();

        using var response = await control.PostAsJsonAsync("/control/certificates", new { clientId = a.CloudClient.ClientId, kind = "renewal" });
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var pem = X509Certificate2.CreateFromPem(
            answer.RootElement.GetProperty("certificatePem").GetString(), answer.RootElement.GetProperty("privateKeyPem").GetString());
        using var renewal = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        using var onB = b.CreateCloudClient(renewal);

        var (access, _) = await TokenCalls.NewCloudTokensAsync(b, onB);

        Assert.False(string.IsNullOrEmpty(access));
        Assert.Equal(b.CaCertificate.Subject, renewal.Issuer);
        Assert.False(File.Exists(a.Folder.CaKey));
        Assert.False(File.Exists(b.Folder.CaKey));
    }
}
