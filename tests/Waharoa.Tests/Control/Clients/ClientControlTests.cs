using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Waharoa.Server.Demo;
using Waharoa.Testing;
using Waharoa.Tests.AccountApi;

namespace Waharoa.Tests.Control.Clients;

/// <summary>One server for the client management API's tests.</summary>
public sealed class ClientControlHost : IAsyncLifetime
{
    public WaharoaTestHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await WaharoaTestHost.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

/// <summary>
/// <c>/control/clients</c>: an operator adds, edits, rotates, enrols, issues for, disables, enables and removes DSP
/// clients over the control API, and the token endpoint and the gateway act on it at once; no answer carries a secret's hash.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class ClientControlTests(ClientControlHost fixture) : IClassFixture<ClientControlHost>
{
    private const string RedirectUri = "https://dsp.example/callback";

    private WaharoaTestHost Host => fixture.Host;

    [Fact]
    public async Task A_client_added_with_an_issued_certificate_gets_tokens_and_calls_the_gateway_and_once_disabled_is_refused_as_an_unknown_one()
    {
        using var control = Host.CreateControlClient();
        var (added, addedText) = await SendAsync(control, HttpMethod.Post, "/control/clients", new { clientId = "Issued_App", kind = "cloud", redirectUris = new[] { RedirectUri } });
        Assert.Equal(HttpStatusCode.Created, added.Status);
        var secret = added.Body.GetProperty("clientSecret").GetString()!;
        Assert.DoesNotContain("hash", addedText, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Issued_App", added.Body.GetProperty("client").GetProperty("name").GetString());

        var (issued, _) = await SendAsync(control, HttpMethod.Post, "/control/clients/Issued_App/certificates/issue", new { use = "tls" });
        Assert.True(issued.Status == HttpStatusCode.OK, issued.Body.ToString());
        Assert.Contains("Enrolled for client 'Issued_App'", issued.Body.GetProperty("note").GetString(), StringComparison.Ordinal);
        using var certificate = X509CertificateLoader.LoadPkcs12(Convert.FromBase64String(issued.Body.GetProperty("pkcs12").GetString()!), string.Empty);
        using var cloud = Host.CreateCloudClient(certificate);
        var client = new DemoClient("Issued_App", secret, RedirectUri, [RedirectUri], "cloud", null, null);

        var (access, _) = await TokenCalls.NewCloudTokensAsync(Host, cloud, client: client);
        var (listed, listBody) = await AccountApiCalls.ListAsync(cloud, "Bearer " + access, AccountApiCalls.DemoCustomer);
        Assert.True(listed == HttpStatusCode.OK, listBody.ToString());
        var (view, _) = await SendAsync(control, HttpMethod.Get, "/control/clients/Issued_App");
        Assert.Equal("Issued_App", view.Body.GetProperty("certificateCommonName").GetString());

        var (disabled, _) = await SendAsync(control, HttpMethod.Post, "/control/clients/Issued_App/disable");
        Assert.True(disabled.Body.GetProperty("disabled").GetBoolean());

        // Refused exactly as a client that does not exist is, at the token endpoint and the gateway.
        var unknown = new DemoClient("No_Such_App", secret, RedirectUri, [RedirectUri], "cloud", null, null);
        var (tokenStatus, tokenBody, _) = await TokenCalls.RefreshAsync(cloud, client, "any");
        var (unknownStatus, unknownBody, _) = await TokenCalls.RefreshAsync(cloud, unknown, "any");
        Assert.Equal((unknownStatus, unknownBody.ToString()), (tokenStatus, tokenBody.ToString()));
        Assert.Equal("invalid_client", tokenBody.GetProperty("error").GetString());
        var (gatewayStatus, gatewayBody) = await AccountApiCalls.ListAsync(cloud, "Bearer " + access, AccountApiCalls.DemoCustomer);
        Assert.NotEqual(HttpStatusCode.OK, gatewayStatus);
        Assert.Contains("EV1020", gatewayBody.ToString(), StringComparison.Ordinal);
        var (listAll, _) = await SendAsync(control, HttpMethod.Get, "/control/clients");
        Assert.Contains(listAll.Body.EnumerateArray(), c => c.GetProperty("clientId").GetString() == "Issued_App" && c.GetProperty("disabled").GetBoolean());

        var (enabled, _) = await SendAsync(control, HttpMethod.Post, "/control/clients/Issued_App/enable");
        Assert.False(enabled.Body.GetProperty("disabled").GetBoolean());
        var (_, againBody, _) = await TokenCalls.RefreshAsync(cloud, client, "any");
        Assert.Equal("invalid_grant", againBody.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_rotated_secret_is_shown_once_and_the_old_one_stops_working()
    {
        using var control = Host.CreateControlClient();
        var (added, _) = await SendAsync(control, HttpMethod.Post, "/control/clients", new { clientId = "Rotating_App", kind = "native", redirectUris = new[] { RedirectUri } });
        var oldSecret = added.Body.GetProperty("clientSecret").GetString()!;

        var (rotated, rotatedText) = await SendAsync(control, HttpMethod.Post, "/control/clients/Rotating_App/secret");

        var newSecret = rotated.Body.GetProperty("clientSecret").GetString()!;
        Assert.NotEqual(oldSecret, newSecret);
        Assert.DoesNotContain("hash", rotatedText, StringComparison.OrdinalIgnoreCase);
        using var desktop = Host.CreateDesktopClient();
        var (_, oldBody, _) = await TokenCalls.RefreshAsync(desktop, new DemoClient("Rotating_App", oldSecret, RedirectUri, [], "native", null, null), "any");
        // Past client authentication, a desktop client is told it gets no refresh tokens.
        var (_, newBody, _) = await TokenCalls.RefreshAsync(desktop, new DemoClient("Rotating_App", newSecret, RedirectUri, [], "native", null, null), "any");
        Assert.Equal("invalid_client", oldBody.GetProperty("error").GetString());
        Assert.Equal("unsupported_grant_type", newBody.GetProperty("error").GetString());
        var (view, viewText) = await SendAsync(control, HttpMethod.Get, "/control/clients/Rotating_App");
        Assert.DoesNotContain(newSecret, viewText, StringComparison.Ordinal);
        Assert.Equal("native", view.Body.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Edits_change_what_they_name_and_keep_the_rest()
    {
        using var control = Host.CreateControlClient();
        await SendAsync(control, HttpMethod.Post, "/control/clients", new { clientId = "Edited_App", kind = "cloud", commonName = "edited.dsp.example", redirectUris = new[] { RedirectUri }, services = new[] { "Account" } });

        var (edited, _) = await SendAsync(control, HttpMethod.Patch, "/control/clients/Edited_App",
            new { name = "Edited app", redirectUris = new[] { "https://dsp.example/a", "https://dsp.example/b" }, customerIrd = "49-091-850", softwarePlatforms = new[] { "Payroll1" } });

        Assert.True(edited.Status == HttpStatusCode.OK, edited.Body.ToString());
        Assert.Equal("Edited app", edited.Body.GetProperty("name").GetString());
        Assert.Equal(["https://dsp.example/a", "https://dsp.example/b"], edited.Body.GetProperty("redirectUris").EnumerateArray().Select(u => u.GetString()));
        Assert.Equal("049091850", edited.Body.GetProperty("customerIrd").GetString());
        Assert.Equal(["Account"], edited.Body.GetProperty("services").EnumerateArray().Select(u => u.GetString()));
        Assert.Equal("edited.dsp.example", edited.Body.GetProperty("certificateCommonName").GetString());
    }

    [Fact]
    public async Task A_PEM_certificate_is_enrolled_by_its_CN_or_pinned_and_a_signing_one_is_added()
    {
        using var control = Host.CreateControlClient();
        await SendAsync(control, HttpMethod.Post, "/control/clients", new { clientId = "Enrolled_App", redirectUris = new[] { RedirectUri } });
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var own = new CertificateRequest("CN=enrolled.dsp.example", key, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var pem = own.ExportCertificatePem();

        var (byCn, _) = await SendAsync(control, HttpMethod.Post, "/control/clients/Enrolled_App/certificates", new { pem });
        var (pinned, _) = await SendAsync(control, HttpMethod.Post, "/control/clients/Enrolled_App/certificates", new { pem, pin = true });
        var (signing, _) = await SendAsync(control, HttpMethod.Post, "/control/clients/Enrolled_App/certificates", new { pem, use = "signing" });

        Assert.Equal("enrolled.dsp.example", byCn.Body.GetProperty("certificateCommonName").GetString());
        Assert.False(byCn.Body.TryGetProperty("certificateThumbprint", out _));
        Assert.Equal(Convert.ToHexString(SHA256.HashData(own.RawData)), pinned.Body.GetProperty("certificateThumbprint").GetString());
        var signer = Assert.Single(signing.Body.GetProperty("signingCertificates").EnumerateArray());
        Assert.Equal("CN=enrolled.dsp.example", signer.GetProperty("subject").GetString());
    }

    [Theory]
    [InlineData("POST", "/control/clients", "{\"clientId\":\"Bad_App\",\"redirectUris\":[\"/callback\"]}", 400, "invalid_redirect_uri", "'/callback' is not an absolute URI")]
    [InlineData("POST", "/control/clients", "{\"clientId\":\"Bad_App\",\"kind\":\"mobile\",\"redirectUris\":[\"https://a.example/cb\"]}", 400, "unknown_kind", "use cloud")]
    [InlineData("POST", "/control/clients", "{\"clientId\":\"Bad_App\"}", 400, "redirect_uri_required", "at least one redirect URI")]
    [InlineData("POST", "/control/clients", "{\"redirectUris\":[\"https://a.example/cb\"]}", 400, "client_id_required", "Name the client")]
    [InlineData("POST", "/control/clients", "{\"clientId\":\"Bad_App\",", 400, "invalid_json", "The body is not what this call takes")]
    [InlineData("POST", "/control/clients", "{\"clientId\":\"Bad_App\",\"redirectUris\":[\"https://a.example/cb\"],\"secret\":\"short\"}", 400, "weak_secret", "")]
    [InlineData("PATCH", "/control/clients/Nobody_App", "{\"name\":\"x\"}", 404, "unknown_client", "There is no client 'Nobody_App'")]
    [InlineData("PATCH", "/control/clients/Conflict_App", "{\"customerIrd\":\"123\"}", 400, "invalid_ird", "not a valid IRD number")]
    [InlineData("POST", "/control/clients/Conflict_App/certificates", "{\"pem\":\"not a certificate\"}", 400, "invalid_certificate", "not a PEM certificate")]
    [InlineData("POST", "/control/clients/Conflict_App/certificates/issue", "{\"use\":\"both\"}", 400, "unknown_use", "Unknown use 'both'")]
    [InlineData("POST", "/control/clients/Nobody_App/secret", "", 404, "unknown_client", "There is no client")]
    [InlineData("POST", "/control/clients/Nobody_App/disable", "", 404, "unknown_client", "There is no client")]
    [InlineData("DELETE", "/control/clients/Nobody_App", "", 404, "unknown_client", "There is no client")]
    [InlineData("POST", "/control/clients", "{\"clientId\":\"Conflict_App\",\"redirectUris\":[\"https://a.example/cb\"]}", 409, "client_id_taken", "already exists")]
    public async Task Bad_requests_get_a_clear_error(string method, string path, string json, int status, string error, string message)
    {
        using var control = Host.CreateControlClient();
        await control.PostAsJsonAsync("/control/clients", new { clientId = "Conflict_App", redirectUris = new[] { RedirectUri } });
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = json.Length == 0 ? null : new StringContent(json, System.Text.Encoding.UTF8, "application/json") };

        using var response = await control.SendAsync(request);

        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(status == (int)response.StatusCode, body.ToString());
        Assert.Equal(error, body.GetProperty("error").GetString());
        Assert.Contains(message, body.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_removed_client_is_gone_and_the_OpenAPI_document_describes_the_routes()
    {
        using var control = Host.CreateControlClient();
        await SendAsync(control, HttpMethod.Post, "/control/clients", new { clientId = "Removed_App", kind = "native", redirectUris = new[] { RedirectUri } });

        using var removed = await control.DeleteAsync("/control/clients/Removed_App");
        var (after, _) = await SendAsync(control, HttpMethod.Get, "/control/clients/Removed_App");

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, after.Status);
        var openApi = await control.GetStringAsync("/control/openapi/control.json");
        foreach (var operation in new[] { "ListClients", "AddClient", "EditClient", "RotateClientSecret", "EnrolClientCertificate", "IssueClientCertificate", "DisableClient", "EnableClient", "RemoveClient" })
        {
            Assert.Contains($"\"{operation}\"", openApi, StringComparison.Ordinal);
        }
    }

    private static async Task<((HttpStatusCode Status, JsonElement Body) Answer, string Text)> SendAsync(HttpClient control, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await control.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone()), text);
    }
}
