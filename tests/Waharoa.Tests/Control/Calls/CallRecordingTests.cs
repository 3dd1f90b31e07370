using System.Net;
using System.Text.Json;
using Waharoa.Calls;
using Waharoa.Storage;
using Waharoa.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Waharoa.Tests.Control.Calls;

/// <summary>Calls of a real client recorded (redacted) and read back over the control API.</summary>
public sealed class CallRecordingTests(CallRecordingFixture fixture) : IClassFixture<CallRecordingFixture>
{
    private WaharoaTestHost Host => fixture.Host;

    [Fact]
    public async Task RealClientsCalls_AreRecorded_WithEverySecretRedacted()
    {
        var from = fixture.NextWindow();
        using var cloud = Host.CreateCloudClient();
        var client = Host.CloudClient;
        var code = await TokenCalls.NewCodeAsync(Host, client);
        var (status, body, _) = await TokenCalls.ExchangeCodeAsync(cloud, client, code, client.RedirectUri);
        Assert.Equal(HttpStatusCode.OK, status);
        var access = body.GetProperty("access_token").GetString()!;
        var refresh = body.GetProperty("refresh_token").GetString()!;
        using var soap = CallRecordingFixture.Post(CallRecordingFixture.EchoPath, "Bearer " + access,
            "<soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\"><soap:Body><RetrieveClientList><irdNumber>123456789</irdNumber></RetrieveClientList></soap:Body></soap:Envelope>");
        using var answered = await cloud.SendAsync(soap, CancellationToken.None);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);

        var (list, text) = await fixture.ControlAsync($"/control/calls?client={client.ClientId}&from={Uri.EscapeDataString(from.ToString("O"))}&limit=1000");
        var stored = await Host.Server.Services.GetRequiredService<ICallRecordStore>().ListCallsAsync(new CallQuery(client.ClientId, from), CancellationToken.None);
        var everything = text + JsonSerializer.Serialize(stored);

        var secrets = new[] { client.ClientSecret, Host.User.Password, code, access, access.Split('.')[2], refresh };
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, everything, StringComparison.Ordinal);
        }

        var calls = list.GetProperty("calls").EnumerateArray().ToList();
        Assert.Contains(calls, c => c.GetProperty("operation").GetString() == "logon" && c.GetProperty("requestBody").GetString()!.Contains("password=[redacted]", StringComparison.Ordinal));
        var token = calls.Single(c => c.GetProperty("operation").GetString() == "token");
        Assert.Equal(("xiams", "authorization_code", 200), (token.GetProperty("service").GetString(), token.GetProperty("grantType").GetString(), token.GetProperty("status").GetInt32()));
        Assert.Contains("Authorization: Basic [redacted]", token.GetProperty("requestHeaders").GetString(), StringComparison.Ordinal);
        var gateway = calls.Single(c => c.GetProperty("area").GetString() == "gateway");
        Assert.Equal(("echo", "RetrieveClientList", "123456789", "bearer", Host.User.Logon),
            (gateway.GetProperty("service").GetString(), gateway.GetProperty("operation").GetString(), gateway.GetProperty("irdNumber").GetString(),
             gateway.GetProperty("authentication").GetString(), gateway.GetProperty("logon").GetString()));
        Assert.Contains("Authorization: Bearer [jwt", gateway.GetProperty("requestHeaders").GetString(), StringComparison.Ordinal);
        Assert.Contains("<irdNumber>123456789</irdNumber>", gateway.GetProperty("requestBody").GetString(), StringComparison.Ordinal);

        var (one, _) = await fixture.ControlAsync($"/control/calls/{gateway.GetProperty("id").GetInt64()}");
        Assert.Equal(gateway.GetProperty("path").GetString(), one.GetProperty("path").GetString());
    }

    [Fact]
    public async Task RefusedCall_RecordsWhyInPlainWords()
    {
        var from = fixture.NextWindow();
        using var cloud = Host.CreateCloudClient();

        using var refused = await cloud.SendAsync(CallRecordingFixture.Get(CallRecordingFixture.EchoPath + "?client_secret=hunter2-secret", null), CancellationToken.None);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        var (list, text) = await fixture.ControlAsync($"/control/calls?client={Host.CloudClient.ClientId}&from={Uri.EscapeDataString(from.ToString("O"))}");
        var call = list.GetProperty("calls")[0];
        Assert.Equal("The call carries no token (no Authorization header).", call.GetProperty("reason").GetString());
        Assert.Equal([CallFlags.NoToken, CallFlags.SecretInQuery], call.GetProperty("flags").EnumerateArray().Select(f => f.GetString()).Order());
        Assert.Equal(CallRecordingFixture.EchoPath + "?client_secret=[redacted]", call.GetProperty("path").GetString());
        Assert.DoesNotContain("hunter2-secret", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallWhoseAnswerHasBegun_IsListed_OnceItEnds()
    {
        // The caller has the first bytes of its answer before the call is over: asking for the calls then waits for it.
        var from = fixture.NextWindow();
        using var cloud = Host.CreateCloudClient();
        using var control = Host.CreateControlClient();
        var (access, _) = await TokenCalls.NewCloudTokensAsync(Host, cloud);
        using var answer = await cloud.SendAsync(
            CallRecordingFixture.Get("/gateway/echo/trickle", "Bearer " + access), HttpCompletionOption.ResponseHeadersRead, CancellationToken.None);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        using var body = new StreamReader(await answer.Content.ReadAsStreamAsync(CancellationToken.None));
        Assert.Equal("first", await body.ReadLineAsync(CancellationToken.None));

        var listing = control.GetStringAsync($"/control/calls?client={Host.CloudClient.ClientId}&area=gateway&from={Uri.EscapeDataString(from.ToString("O"))}", CancellationToken.None);
        await Task.Delay(300);
        Assert.False(listing.IsCompleted);
        fixture.Upstream.Release();

        var call = Assert.Single(JsonDocument.Parse(await listing).RootElement.GetProperty("calls").EnumerateArray());
        Assert.Equal(("/gateway/echo/trickle", "first\nrest\n"), (call.GetProperty("path").GetString(), call.GetProperty("responseBody").GetString()));
        Assert.Equal("rest", await body.ReadLineAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData("/control/calls?limit=0", "invalid_limit")]
    [InlineData("/control/calls?from=yesterday", "invalid_from")]
    [InlineData("/control/calls/abc", "invalid_id")]
    [InlineData("/control/reports/behaviour/x?format=pdf", "invalid_format")]
    [InlineData("/control/calls/999999999", "call_not_found")]
    [InlineData("/control/calls?endpoint=oauth", "invalid_endpoint")]
    [InlineData("/control/calls?area=soap", "invalid_area")]
    [InlineData("/control/calls?status=6xx", "invalid_status")]
    [InlineData("/control/calls?status=refusd", "invalid_status")]
    [InlineData("/control/calls?content=maybe", "invalid_content")]
    [InlineData("/control/calls?before=-1", "invalid_before")]
    [InlineData("/control/calls/stream?status=42", "invalid_status")]
    [InlineData("/control/calls/stream?after=last", "invalid_after")]
    [InlineData("/control/calls/stream?from=2027-04-02&to=2027-04-01", "invalid_window")]
    public async Task BadQuery_AnsweredWithAClearError(string path, string error)
    {
        using var control = Host.CreateControlClient();

        using var response = await control.GetAsync(path, CancellationToken.None);

        Assert.Equal(error == "call_not_found" ? HttpStatusCode.NotFound : HttpStatusCode.BadRequest, response.StatusCode);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(CancellationToken.None)).RootElement;
        Assert.Equal(error, json.GetProperty("error").GetString());
    }
}
