using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Waharoa.Testing;

namespace Waharoa.Tests.Control.Certificates;

/// <summary>
/// One server for the test CA's tests, its clock 12 hours ahead of the machine's: a certificate that has expired (or not
/// yet started) on the server's clock is still within its dates on the machine's, so a refusal can only come from the server's.
/// </summary>
public sealed class TestCertificateHost : IAsyncLifetime
{
    public WaharoaTestHost Host { get; private set; } = null!;

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow.AddHours(12));

    public async Task InitializeAsync() => Host = await WaharoaTestHost.StartAsync(Time);

    public async Task DisposeAsync() => await Host.DisposeAsync();

    /// <summary>POSTs <paramref name="body"/> to <c>/control/certificates</c>: the status and the JSON answer.</summary>
    public async Task<(System.Net.HttpStatusCode Status, JsonElement Body)> IssueAsync(object body)
    {
        using var control = Host.CreateControlClient();
        using var response = await control.PostAsJsonAsync("/control/certificates", body);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, document.RootElement.Clone());
    }

    /// <summary>Issues a certificate that must be issued, and loads it with its key from the PEM answer.</summary>
    public async Task<(X509Certificate2 Certificate, JsonElement Body)> IssuePemAsync(object body)
    {
        var (status, answer) = await IssueAsync(body);
        Assert.True(status == System.Net.HttpStatusCode.OK, answer.ToString());
        var certificate = X509Certificate2.CreateFromPem(answer.GetProperty("certificatePem").GetString(), answer.GetProperty("privateKeyPem").GetString());

        // What a DSP's HTTP client loads: a key usable for TLS on every platform (an ephemeral PEM key is not on Windows).
        using (certificate)
        {
            return (X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null), answer);
        }
    }
}
