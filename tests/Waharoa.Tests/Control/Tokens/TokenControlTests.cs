using System.Net;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Waharoa.Testing;
using Waharoa.Tests.AccountApi;
using Waharoa.Tests.Control.Clock;

namespace Waharoa.Tests.Control.Tokens;

/// <summary>One demo server for the consents and tokens routes of the control API.</summary>
public sealed class TokenControlFixture : IAsyncLifetime
{
    public WaharoaTestHost Host { get; private set; } = null!;

    public HttpClient Control { get; private set; } = null!;

    public HttpClient Cloud { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = await WaharoaTestHost.StartAsync();
        Control = Host.CreateControlClient();
        Cloud = Host.CreateCloudClient();
    }

    public async Task DisposeAsync()
    {
        Control.Dispose();
        Cloud.Dispose();
        await Host.DisposeAsync();
    }
}

/// <summary>
/// <c>/control/consents</c>, <c>/control/tokens</c> and their revocations: what a revocation over the API does is what a DSP
/// notices, its token refused by the gateway on the next call, in both dialects.
/// </summary>
public sealed class TokenControlTests(TokenControlFixture fixture) : IClassFixture<TokenControlFixture>
{
    private WaharoaTestHost Host => fixture.Host;

    [Fact]
    public async Task Revoking_a_consent_makes_the_gateway_refuse_both_dialects_tokens_on_the_next_call_and_lists_show_it_gone()
    {
        var (xiams, _) = await TokenCalls.NewCloudTokensAsync(Host, fixture.Cloud);
        var start = (await StartCalls.NewTokensAsync(Host, fixture.Cloud, Host.CloudClient)).String("access_token");
        await AssertGatewayAcceptsAsync(xiams);
        await AssertGatewayAcceptsAsync(start);
        var user = Uri.EscapeDataString(Host.User.Logon.ToLowerInvariant());
        var consents = await GetAsync($"/control/consents?user={user}&client={Host.CloudClient.ClientId}");
        Assert.Equal(Host.CloudClient.ClientId, Assert.Single(consents.GetProperty("consents").EnumerateArray()).GetProperty("client").GetString());
        var tokens = await GetAsync($"/control/tokens?user={user}&client={Host.CloudClient.ClientId}");
        var ids = TokenIds(tokens);
        Assert.Contains(JtiOf(xiams), ids);
        Assert.Contains(JtiOf(start), ids);
        Assert.DoesNotContain(xiams, tokens.GetRawText(), StringComparison.Ordinal);

        var (status, body) = await ClockApi.SendAsync(
            fixture.Control, HttpMethod.Post, $"/control/consents/{Uri.EscapeDataString(Host.User.Logon)}/{Host.CloudClient.ClientId}/revoke", null);

        Assert.True(status == HttpStatusCode.OK, body.ToString());
        await AssertGatewayRefusesAsync(xiams);
        await AssertGatewayRefusesAsync(start);
        Assert.Empty((await GetAsync($"/control/consents?user={user}&client={Host.CloudClient.ClientId}")).GetProperty("consents").EnumerateArray());
        Assert.Empty((await GetAsync($"/control/tokens?user={user}&client={Host.CloudClient.ClientId}")).GetProperty("grants").EnumerateArray());
        (status, body) = await ClockApi.SendAsync(
            fixture.Control, HttpMethod.Post, $"/control/consents/{Uri.EscapeDataString(Host.User.Logon)}/{Host.CloudClient.ClientId}/revoke", null);
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("consent_not_found", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Revoking_one_token_refuses_that_token_only_and_revoking_its_grant_refuses_the_grants_others()
    {
        var first = (await StartCalls.NewTokensAsync(Host, fixture.Cloud, Host.CloudClient)).String("access_token");
        var (other, refresh) = await TokenCalls.NewCloudTokensAsync(Host, fixture.Cloud);

        var (status, body) = await ClockApi.SendAsync(fixture.Control, HttpMethod.Post, $"/control/tokens/{JtiOf(first)}/revoke", null);

        Assert.True(status == HttpStatusCode.OK, body.ToString());
        await AssertGatewayRefusesAsync(first);
        await AssertGatewayAcceptsAsync(other);

        var grant = GrantOf(await GetAsync($"/control/tokens?client={Host.CloudClient.ClientId}"), JtiOf(other));
        Assert.Equal(["access", "refresh"], grant.GetProperty("tokens").EnumerateArray().Select(t => t.GetProperty("kind").GetString()).Order());
        (status, body) = await ClockApi.SendAsync(fixture.Control, HttpMethod.Post, $"/control/grants/{grant.GetProperty("id").GetString()}/revoke", null);

        Assert.True(status == HttpStatusCode.OK, body.ToString());
        await AssertGatewayRefusesAsync(other);
        var (refreshStatus, _, _) = await TokenCalls.RefreshAsync(fixture.Cloud, Host.CloudClient, refresh);
        Assert.Equal(HttpStatusCode.Unauthorized, refreshStatus);
        (status, body) = await ClockApi.SendAsync(fixture.Control, HttpMethod.Post, $"/control/tokens/{JtiOf(first)}/revoke", null);
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("token_not_found", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Revoking_everything_of_a_user_refuses_all_their_tokens()
    {
        var (xiams, _) = await TokenCalls.NewCloudTokensAsync(Host, fixture.Cloud);
        await AssertGatewayAcceptsAsync(xiams);

        var (status, body) = await ClockApi.SendAsync(fixture.Control, HttpMethod.Post, $"/control/users/{Uri.EscapeDataString(Host.User.Logon)}/revoke", null);

        Assert.True(status == HttpStatusCode.OK, body.ToString());
        Assert.True(body.GetProperty("consentsWithdrawn").GetInt32() >= 1);
        await AssertGatewayRefusesAsync(xiams);
        Assert.Empty((await GetAsync($"/control/tokens?user={Uri.EscapeDataString(Host.User.Logon)}")).GetProperty("grants").EnumerateArray());
    }

    [Fact]
    public async Task Health_shows_the_store_redis_throttle_counters_per_dsp_and_metrics_and_bad_input_is_a_400()
    {
        var (xiams, _) = await TokenCalls.NewCloudTokensAsync(Host, fixture.Cloud);
        await AssertGatewayAcceptsAsync(xiams);

        var health = await GetAsync("/control/health");

        var store = health.GetProperty("store");
        Assert.Equal("sqlite", store.GetProperty("provider").GetString());
        Assert.True(store.GetProperty("answers").GetBoolean());
        Assert.True(store.GetProperty("schemaVersion").GetInt32() > 0);
        Assert.False(health.GetProperty("redis").GetProperty("configured").GetBoolean());
        var counters = health.GetProperty("throttle").EnumerateArray().Single(c => c.GetProperty("client").GetString() == Host.CloudClient.ClientId);
        Assert.Equal("cloud", counters.GetProperty("endpoint").GetString());
        Assert.True(counters.GetProperty("admitted").GetInt64() >= 1);
        Assert.Contains(health.GetProperty("metrics").EnumerateArray(), m => m.GetProperty("name").GetString() == "waharoa_tokens_issued_total" && m.GetProperty("value").GetDouble() >= 1);

        var (status, body) = await ClockApi.SendAsync(fixture.Control, HttpMethod.Get, "/control/tokens?limit=0", null);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_limit", body.GetProperty("error").GetString());
    }

    private async Task<JsonElement> GetAsync(string path)
    {
        var (status, body) = await ClockApi.SendAsync(fixture.Control, HttpMethod.Get, path, null);
        Assert.True(status == HttpStatusCode.OK, $"{path}: {(int)status} {body}");
        return body;
    }

    private async Task AssertGatewayAcceptsAsync(string token)
    {
        var (status, body, _) = await AccountApiCalls.SendAsync(fixture.Cloud, AccountApiCalls.Post("list", AccountApiCalls.ListBody(AccountApiCalls.DemoCustomer, "IRD"), "Bearer " + token));
        Assert.True(status == HttpStatusCode.OK, $"{(int)status} {body}");
    }

    private async Task AssertGatewayRefusesAsync(string token)
    {
        var (status, body, _) = await AccountApiCalls.SendAsync(fixture.Cloud, AccountApiCalls.Post("list", AccountApiCalls.ListBody(AccountApiCalls.DemoCustomer, "IRD"), "Bearer " + token));
        Assert.NotEqual(HttpStatusCode.OK, status);
        Assert.Contains("EV1020", body.ToString(), StringComparison.Ordinal);
    }

    private static string JtiOf(string jwt) => new JsonWebToken(jwt).Id;

    private static List<string> TokenIds(JsonElement list) =>
        [.. list.GetProperty("grants").EnumerateArray().SelectMany(g => g.GetProperty("tokens").EnumerateArray()).Select(t => t.GetProperty("id").GetString()!)];

    private static JsonElement GrantOf(JsonElement list, string jti) =>
        list.GetProperty("grants").EnumerateArray().Single(g => g.GetProperty("tokens").EnumerateArray().Any(t => t.GetProperty("id").GetString() == jti));
}
