using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Waharoa.Server.Control;
using Waharoa.Testing;

namespace Waharoa.Tests.Control;

/// <summary>The control API's listener, its boundary with the gateway endpoints, the operator credential and the OpenAPI document.</summary>
public sealed class ControlApiTests
{
    [Fact]
    public async Task A_call_from_this_machine_needs_no_credential_and_describes_the_instance()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var control = host.CreateControlClient();

        using var response = await control.GetAsync("/control/instance");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Waharoa", body.RootElement.GetProperty("product").GetString());
        Assert.Equal("sqlite", body.RootElement.GetProperty("store").GetString());
    }

    [Fact]
    public async Task A_call_a_browser_page_made_needs_the_operator_credential_even_from_this_machine()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var control = host.CreateControlClient();

        using var fromPage = new HttpRequestMessage(HttpMethod.Get, "/control/instance");
        fromPage.Headers.Add("Origin", "https://evil.example");
        using var refused = await control.SendAsync(fromPage);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("operator_credential_required", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var withCredential = new HttpRequestMessage(HttpMethod.Get, "/control/instance");
        withCredential.Headers.Add("Origin", "https://evil.example");
        withCredential.Headers.Authorization = new AuthenticationHeaderValue("Bearer", host.Server.OperatorCredential);
        using var accepted = await control.SendAsync(withCredential);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task When_told_to_the_control_API_asks_every_caller_for_the_credential_written_to_the_data_folder()
    {
        await using var host = await WaharoaTestHost.StartAsync(configure: o => o.Control.Credential = ControlCredentialRule.Always);
        using var control = host.CreateControlClient();
        var written = (await File.ReadAllTextAsync(Path.Combine(host.DataDirectory, "keys", "operator.key"))).Trim();
        Assert.Equal(host.Server.OperatorCredential, written);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(host.DataDirectory, "keys", "operator.key")));
        }

        using (var none = await control.GetAsync("/control/instance"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
            Assert.Equal("Bearer realm=\"waharoa-control\"", none.Headers.WwwAuthenticate.ToString());
        }

        control.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", written + "x");
        using (var wrong = await control.GetAsync("/control/instance"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        control.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", written);
        using var right = await control.GetAsync("/control/instance");
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    [Fact]
    public async Task The_credential_survives_a_restart_on_the_same_data_folder()
    {
        string first;
        var folder = Path.Combine(Path.GetTempPath(), "waharoa-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using (var host = await WaharoaTestHost.StartAsync(dataDirectory: folder))
            {
                first = host.Server.OperatorCredential!;
            }

            await using var again = await WaharoaTestHost.StartAsync(dataDirectory: folder);
            Assert.Equal(first, again.Server.OperatorCredential);
            Assert.StartsWith("wop_", first, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_gateway_endpoints_answer_a_control_path_as_any_unknown_path()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var desktop = host.CreateDesktopClient();
        using var cloud = host.CreateCloudClient();

        foreach (var client in new[] { desktop, cloud })
        {
            using var control = await client.GetAsync("/control/instance");
            using var unknown = await client.GetAsync("/no/such/path");
            Assert.Equal(HttpStatusCode.NotFound, control.StatusCode);
            Assert.Equal(unknown.StatusCode, control.StatusCode);
            Assert.Equal(await unknown.Content.ReadAsStringAsync(), await control.Content.ReadAsStringAsync());
            using var document = await client.GetAsync("/control/openapi/control.json");
            Assert.Equal(HttpStatusCode.NotFound, document.StatusCode);
        }
    }

    [Fact]
    public async Task The_control_API_stays_on_loopback_when_the_gateway_endpoints_listen_everywhere()
    {
        await using var host = await WaharoaTestHost.StartAsync(configure: o => o.ListenAddress = IPAddress.Any);

        Assert.True(IPAddress.IsLoopback(host.Server.ControlEndPoint!.Address));
        using var control = host.CreateControlClient();
        using var response = await control.GetAsync("/control/instance");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_control_listener_serves_nothing_but_the_control_API()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var control = host.CreateControlClient();

        foreach (var path in new[] { "/.well-known/jwks.json", "/health/live", "/gateway3/oauth/token", "/ms_oauth/oauth2/endpoints/oauthservice/tokens" })
        {
            using var response = await control.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        using var wrongMethod = await control.DeleteAsync("/control/instance");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, wrongMethod.StatusCode);
        Assert.Contains("method_not_allowed", await wrongMethod.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_control_API_serves_its_OpenAPI_document()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var control = host.CreateControlClient();

        using var response = await control.GetAsync("/control/openapi/control.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("3.", document.RootElement.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.Equal("Waharoa control API", document.RootElement.GetProperty("info").GetProperty("title").GetString());
        Assert.True(document.RootElement.GetProperty("paths").TryGetProperty("/control/instance", out _));
        Assert.False(document.RootElement.GetProperty("paths").TryGetProperty("/gateway/account/list", out _));
    }
}
