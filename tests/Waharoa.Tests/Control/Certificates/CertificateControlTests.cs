using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using Waharoa.Certificates;
using Waharoa.Clients;
using Waharoa.Security;
using Waharoa.Storage;
using Waharoa.Testing;
using Waharoa.Tests.AccountApi;
using Waharoa.Tests.Gateway;

namespace Waharoa.Tests.Control.Certificates;

/// <summary>
/// <c>POST /control/certificates</c>: each kind of test certificate, presented to the cloud endpoint over real TLS, is
/// accepted or refused as IR would: in the handshake (expired, not yet valid, untrusted CA), by the gateway and token
/// endpoints (wrong CN), or accepted (valid, renewal); M2M JWTs signed with issued signing certificates likewise.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CertificateControlTests(TestCertificateHost fixture) : IClassFixture<TestCertificateHost>
{
    private WaharoaTestHost Host => fixture.Host;

    private string DemoClientId => Host.CloudClient.ClientId;

    [Theory]
    [InlineData("valid", "rsa")]
    [InlineData("valid", "ecc")]
    [InlineData("renewal", "rsa")]
    [InlineData("renewal", "ecc")]
    public async Task Valid_and_renewed_certificates_with_the_enrolled_CN_get_tokens_and_call_the_gateway(string kind, string key)
    {
        var before = await Clients().FindClientAsync(DemoClientId, CancellationToken.None);
        var (certificate, answer) = await fixture.IssuePemAsync(new { clientId = DemoClientId, kind, key });
        using var issued = certificate;
        using var cloud = Host.CreateCloudClient(issued);

        var (access, _) = await TokenCalls.NewCloudTokensAsync(Host, cloud);
        var (status, body) = await AccountApiCalls.ListAsync(cloud, "Bearer " + access, AccountApiCalls.DemoCustomer);

        Assert.True(status == HttpStatusCode.OK, body.ToString());
        Assert.Equal($"CN={DemoClientId}, O=Waharoa DSP", issued.Subject);
        Assert.Equal(key == "ecc", issued.GetECDsaPublicKey() is not null);
        Assert.True(answer.GetProperty("trusted").GetBoolean());
        Assert.Contains(kind == "renewal" ? "accepts it without re-enrolment" : "IR accepts it", answer.GetProperty("note").GetString(), StringComparison.Ordinal);

        // Issuing enrolled nothing: the client is enrolled by its CN, as before, with the same signing certificates.
        var after = await Clients().FindClientAsync(DemoClientId, CancellationToken.None);
        Assert.Null(after!.CertificateThumbprint);
        Assert.Equal(before!.CertificateCommonName, after.CertificateCommonName);
        Assert.Equal(before.SigningCertificates, after.SigningCertificates);
    }

    [Theory]
    [InlineData("expired", "rsa")]
    [InlineData("expired", "ecc")]
    [InlineData("not-yet-valid", "rsa")]
    [InlineData("not-yet-valid", "ecc")]
    [InlineData("untrusted-ca", "rsa")]
    [InlineData("untrusted-ca", "ecc")]
    public async Task Expired_not_yet_valid_and_untrusted_certificates_are_refused_in_the_handshake(string kind, string key)
    {
        var (certificate, answer) = await fixture.IssuePemAsync(new { clientId = DemoClientId, kind, key });
        using var issued = certificate;
        using var cloud = Host.CreateCloudClient(issued);

        await Assert.ThrowsAsync<HttpRequestException>(() => cloud.PostAsync(XiamsUrls.Tokens, new FormUrlEncodedContent([])));

        var serverNow = fixture.Time.GetUtcNow();
        var notBefore = answer.GetProperty("notBefore").GetDateTimeOffset();
        var notAfter = answer.GetProperty("notAfter").GetDateTimeOffset();
        var note = answer.GetProperty("note").GetString();
        Assert.Contains("refuses it in the TLS handshake", note, StringComparison.Ordinal);
        switch (kind)
        {
            case "expired":
                // Expired on the server's clock, still within its dates on this machine's.
                Assert.True(notAfter < serverNow && notAfter > DateTimeOffset.UtcNow, $"{notAfter:o} vs server {serverNow:o}");
                Assert.True(answer.GetProperty("trusted").GetBoolean());
                break;
            case "not-yet-valid":
                Assert.True(notBefore > serverNow, $"{notBefore:o} vs server {serverNow:o}");
                Assert.True(answer.GetProperty("trusted").GetBoolean());
                break;
            default:
                Assert.True(notBefore < serverNow && serverNow < notAfter);
                Assert.False(answer.GetProperty("trusted").GetBoolean());
                Assert.NotEqual(Host.CaCertificate.Subject, issued.Issuer);
                break;
        }
    }

    [Theory]
    [InlineData("rsa", null)]
    [InlineData("ecc", "Someone Else Ltd")]
    public async Task A_wrong_CN_passes_the_handshake_and_is_refused_by_the_token_endpoint_and_the_gateway(string key, string? cn)
    {
        using var demo = Host.CreateCloudClient();
        var bearer = await AccountApiCalls.BearerAsync(Host, demo);
        var (certificate, answer) = await fixture.IssuePemAsync(new { clientId = DemoClientId, kind = "wrong-cn", key, cn });
        using var issued = certificate;
        using var cloud = Host.CreateCloudClient(issued);

        var (tokenStatus, tokenBody, _) = await TokenCalls.PostAsync(
            cloud, Host.CloudClient, "Authorization", ("grant_type", "authorization_code"), ("code", "x"), ("redirect_uri", "y"));
        var (gatewayStatus, gatewayBody) = await AccountApiCalls.ListAsync(cloud, bearer, AccountApiCalls.DemoCustomer);

        Assert.Equal(cn ?? "Not " + DemoClientId, issued.GetNameInfo(X509NameType.SimpleName, false));
        Assert.True(answer.GetProperty("trusted").GetBoolean());
        Assert.Contains("EV1020", answer.GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, tokenStatus);
        Assert.Equal("invalid_client", tokenBody.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, gatewayStatus); // the Account API's AuthenticationFailureStatus, as IR's mock answers
        Assert.Contains("EV1020", gatewayBody.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_client_pinned_to_one_certificate_refuses_a_new_one_with_its_CN_until_enrolled_again()
    {
        const string clientId = "Pinned_Dsp";
        using var ca = Host.DevelopmentCa();
        using var original = ca.IssueClientCertificate(clientId);
        await Clients().AddClientAsync(
            NewClient(clientId, []) with { CertificateThumbprint = CertificateFiles.Sha256Thumbprint(original) }, CancellationToken.None);
        var (certificate, answer) = await fixture.IssuePemAsync(new { clientId, kind = "renewal" });
        using var renewal = certificate;
        using var cloud = Host.CreateCloudClient(renewal);

        var (status, body, _) = await TokenCalls.PostAsync(
            cloud, new Waharoa.Server.Demo.DemoClient(clientId, "unused-secret-value", "https://signing.example/cb", ["https://signing.example/cb"], "cloud", null, null),
            "Authorization", ("grant_type", "authorization_code"), ("code", "x"), ("redirect_uri", "https://signing.example/cb"));

        Assert.Contains("is pinned to the certificate with thumbprint", answer.GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("invalid_client", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_common_name_with_a_comma_and_quotes_is_carried_exactly_and_the_certificate_is_the_clients()
    {
        const string clientId = "Comma_Dsp";
        const string commonName = "\"Acme, Ltd\" payroll";
        await Clients().AddClientAsync(NewClient(clientId, []) with { CertificateCommonName = commonName }, CancellationToken.None);

        var (certificate, _) = await fixture.IssuePemAsync(new { clientId, kind = "renewal" });
        using var issued = certificate;

        Assert.Equal(commonName, issued.GetNameInfo(X509NameType.SimpleName, forIssuer: false));
        using var cloud = Host.CreateCloudClient(issued);
        var (status, body, _) = await TokenCalls.PostAsync(
            cloud, new Waharoa.Server.Demo.DemoClient(clientId, "unused-secret-value", "https://signing.example/cb", ["https://signing.example/cb"], "cloud", null, null),
            "Authorization", ("grant_type", "authorization_code"), ("code", "x"), ("redirect_uri", "https://signing.example/cb"));

        // The client is identified (a made-up code is the only thing wrong), as IR identifies a DSP by its certificate's CN.
        Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
        Assert.NotEqual(HttpStatusCode.InternalServerError, status);
    }

    [Fact]
    public async Task The_PKCS12_loads_with_its_password_and_is_accepted_and_without_one_has_an_empty_password()
    {
        var (status, withPassword) = await fixture.IssueAsync(new { clientId = DemoClientId, key = "rsa", pkcs12Password = "correct horse" });
        var (_, withoutPassword) = await fixture.IssueAsync(new { clientId = DemoClientId });

        Assert.Equal(HttpStatusCode.OK, status);
        using var protectedFile = X509CertificateLoader.LoadPkcs12(Convert.FromBase64String(withPassword.GetProperty("pkcs12").GetString()!), "correct horse");
        Assert.Throws<System.Security.Cryptography.CryptographicException>(
            () => X509CertificateLoader.LoadPkcs12(Convert.FromBase64String(withPassword.GetProperty("pkcs12").GetString()!), "wrong"));
        using var open = X509CertificateLoader.LoadPkcs12(Convert.FromBase64String(withoutPassword.GetProperty("pkcs12").GetString()!), string.Empty);
        Assert.True(protectedFile.HasPrivateKey);
        Assert.True(open.HasPrivateKey);
        Assert.Equal(withPassword.GetProperty("thumbprint").GetString(), CertificateFiles.Sha256Thumbprint(protectedFile));
        Assert.Equal(withPassword.GetProperty("serialNumber").GetString(), protectedFile.SerialNumber);
        Assert.NotNull(open.GetECDsaPrivateKey());

        using var cloud = Host.CreateCloudClient(protectedFile);
        var (access, _) = await TokenCalls.NewCloudTokensAsync(Host, cloud);
        Assert.False(string.IsNullOrEmpty(access));
    }

    [Fact]
    public async Task M2M_JWTs_signed_with_an_issued_signing_certificate_are_accepted_once_enrolled_and_untrusted_or_expired_ones_refused()
    {
        const string clientId = "Signing_Dsp";
        await Clients().AddClientAsync(NewClient(clientId, []), CancellationToken.None);
        var (tlsCertificate, _) = await fixture.IssuePemAsync(new { clientId });
        var (signer, signerAnswer) = await fixture.IssuePemAsync(new { clientId, use = "signing" });
        var (rsaSigner, _) = await fixture.IssuePemAsync(new { clientId, use = "signing", key = "rsa" });
        var (expired, _) = await fixture.IssuePemAsync(new { clientId, use = "signing", kind = "expired" });
        var (untrusted, untrustedAnswer) = await fixture.IssuePemAsync(new { clientId, use = "signing", kind = "untrusted-ca" });
        using var tls = tlsCertificate;
        using var ecSigner = signer;
        using var rsa = rsaSigner;
        using var expiredSigner = expired;
        using var untrustedSigner = untrusted;
        using var cloud = Host.CreateCloudClient(tls);

        // Issued, not yet exchanged with IR: refused.
        var beforeEnrolment = await ListAsM2mAsync(cloud, ecSigner);

        // The onboarding exchange: the client is enrolled again with its signing certificates (clients remove, clients add --signing-certificate).
        Assert.True(await ((IRevocationStore)Host.Server.Services.GetService(typeof(IRevocationStore))!).RemoveClientAsync(clientId, DateTimeOffset.UtcNow, CancellationToken.None));
        await Clients().AddClientAsync(
            NewClient(clientId, [ecSigner.ExportCertificatePem(), rsa.ExportCertificatePem(), expiredSigner.ExportCertificatePem()]), CancellationToken.None);

        var byEcc = await ListAsM2mAsync(cloud, ecSigner);
        var byRsa = await ListAsM2mAsync(cloud, rsa);
        var byExpired = await ListAsM2mAsync(cloud, expiredSigner);
        var byUntrusted = await ListAsM2mAsync(cloud, untrustedSigner);

        Assert.Contains("issuing one does not enrol it", signerAnswer.GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.False(untrustedAnswer.GetProperty("trusted").GetBoolean());
        Assert.Null(ecSigner.Extensions["2.5.29.37"]);
        Assert.True(byEcc.Status == HttpStatusCode.OK, byEcc.Body.ToString());
        Assert.True(byRsa.Status == HttpStatusCode.OK, byRsa.Body.ToString());
        foreach (var (status, body) in new[] { beforeEnrolment, byExpired, byUntrusted })
        {
            Assert.NotEqual(HttpStatusCode.OK, status);
            Assert.Contains("EV1020", body.ToString(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("{\"clientId\":\"Nobody\"}", "unknown_client", "There is no client 'Nobody'")]
    [InlineData("{\"clientId\":\"CLIENT\",\"kind\":\"stolen\"}", "unknown_kind", "Unknown kind 'stolen': use one of valid, expired")]
    [InlineData("{\"clientId\":\"CLIENT\",\"key\":\"dsa\"}", "unknown_key", "Unknown key 'dsa'")]
    [InlineData("{\"clientId\":\"CLIENT\",\"use\":\"email\"}", "unknown_use", "Unknown use 'email'")]
    [InlineData("{\"clientId\":\"CLIENT\",\"days\":5000}", "invalid_days", "days must be from 1 to 1461")]
    [InlineData("{\"clientId\":\"CLIENT\",\"cn\":\"Other\"}", "cn_only_for_wrong_cn", "cn chooses the Common Name of a wrong-cn certificate")]
    [InlineData("{\"clientId\":\"CLIENT\",\"kind\":\"wrong-cn\",\"cn\":\"a,b=c\"}", "invalid_cn", "cn must be 1 to 64 characters")]
    [InlineData("{\"kind\":\"valid\"}", "client_id_required", "Name the client")]
    [InlineData("{\"clientId\":", "invalid_json", "The body is not a certificate request")]
    [InlineData("{\"clientId\":\"NATIVE\"}", "not_a_cloud_client", "is a desktop (native) client")]
    public async Task Bad_requests_get_a_400_that_says_what_is_wrong(string json, string error, string message)
    {
        using var control = Host.CreateControlClient();
        var body = json.Replace("CLIENT", DemoClientId, StringComparison.Ordinal).Replace("NATIVE", Host.NativeClient.ClientId, StringComparison.Ordinal);

        using var response = await control.PostAsync("/control/certificates", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(error, answer.RootElement.GetProperty("error").GetString());
        Assert.Contains(message, answer.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_route_and_the_gateway_endpoints_do_not_serve_it()
    {
        using var control = Host.CreateControlClient();
        using var document = JsonDocument.Parse(await control.GetStringAsync("/control/openapi/control.json"));
        using var cloud = Host.CreateCloudClient();

        using var onCloud = await cloud.PostAsync("/control/certificates", new StringContent($"{{\"clientId\":\"{DemoClientId}\"}}", System.Text.Encoding.UTF8, "application/json"));

        var operation = document.RootElement.GetProperty("paths").GetProperty("/control/certificates").GetProperty("post");
        Assert.Equal("IssueCertificate", operation.GetProperty("operationId").GetString());
        Assert.True(operation.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
        Assert.DoesNotContain("certificatePem", await onCloud.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, onCloud.StatusCode);
    }

    private IClientStore Clients() => (IClientStore)Host.Server.Services.GetService(typeof(IClientStore))!;

    private static DspClient NewClient(string clientId, IReadOnlyList<string> signing) =>
        new(clientId, clientId, ClientKind.Cloud, SecretHasher.Hash("unused-secret-value"), ["https://signing.example/cb"], null, DateTimeOffset.UtcNow)
        {
            Services = ["*"],
            CertificateCommonName = clientId,
            SigningCertificates = signing,
        };

    /// <summary>An Account API call with an M2M JWT signed by <paramref name="signer"/>, issued now on the server's clock.</summary>
    private Task<(HttpStatusCode Status, JsonElement Body)> ListAsM2mAsync(HttpClient cloud, X509Certificate2 signer)
    {
        var algorithm = signer.GetECDsaPrivateKey() is null ? SecurityAlgorithms.RsaSha256 : SecurityAlgorithms.EcdsaSha256;
        var jwt = M2mTokens.Create(signer, fixture.Time.GetUtcNow(), TimeSpan.FromMinutes(9), Host.User.Logon, algorithm: algorithm);
        return AccountApiCalls.ListAsync(cloud, jwt, AccountApiCalls.DemoCustomer);
    }
}
