using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Waharoa.Testing;
using Waharoa.Tests.AccountApi;
using Waharoa.Tests.Start;
using static Waharoa.Tests.Control.Clock.ClockApi;

namespace Waharoa.Tests.Control.Clock;

/// <summary>One server for the clock's tests: each test starts on the real clock.</summary>
public sealed class ClockHost : IAsyncLifetime
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
/// The virtual clock through the real server and its control API: tokens, consents and the gateway move with it, the
/// responses say the time while it is moved, and bad input is refused.
/// </summary>
public sealed class ClockTests(ClockHost fixture) : IClassFixture<ClockHost>, IAsyncLifetime
{
    private const string Header = "X-Waharoa-Clock";

    private WaharoaTestHost Host => fixture.Host;

    public async Task InitializeAsync() => await MovedAsync(ResetAsync(fixture.Control));

    public async Task DisposeAsync() => await MovedAsync(ResetAsync(fixture.Control));

    [Fact]
    public async Task Access_tokens_of_both_dialects_are_accepted_by_the_gateway_until_the_clock_is_advanced_past_eight_hours()
    {
        var (xiams, _) = await TokenCalls.NewCloudTokensAsync(Host, fixture.Cloud);
        var start = (await StartCalls.NewTokensAsync(Host, fixture.Cloud, Host.CloudClient)).String("access_token");

        await MovedAsync(AdvanceAsync(fixture.Control, "7h59m"));
        Assert.Equal(HttpStatusCode.OK, (await GatewayAsync("Bearer " + xiams)).Status);
        Assert.Equal(HttpStatusCode.OK, (await GatewayAsync("Bearer " + start)).Status);

        await MovedAsync(AdvanceAsync(fixture.Control, "2m"));
        foreach (var token in new[] { xiams, start })
        {
            var (status, body) = await GatewayAsync("Bearer " + token);
            // The Account API's refusal of a token: 400 with EV1020, as IR's.
            Assert.True(status == HttpStatusCode.BadRequest, $"{(int)status} {body}");
            Assert.Contains("EV1020", body.ToString(), StringComparison.Ordinal);
        }

        // A token issued at the virtual time is good for eight hours of it.
        var (fresh, _) = await TokenCalls.NewCloudTokensAsync(Host, fixture.Cloud);
        Assert.Equal(HttpStatusCode.OK, (await GatewayAsync("Bearer " + fresh)).Status);
    }

    [Fact]
    public async Task A_START_consent_lapses_after_five_years_of_the_clock_refresh_is_refused_and_the_user_is_asked_again()
    {
        var client = Host.CloudClient;
        var tokens = await StartCalls.NewTokensAsync(Host, fixture.Cloud, client);

        // Rotating the refresh token every 364 days keeps it alive; 1,820 days after consent the consent still holds.
        for (var i = 0; i < 5; i++)
        {
            await MovedAsync(AdvanceAsync(fixture.Control, "52w"));
            tokens = await StartCalls.RefreshAsync(fixture.Cloud, client, tokens.String("refresh_token"));
            StartAssert.TokenResponse(tokens, withRefreshToken: true);
        }

        Assert.Equal("redirect", await PageAfterLogonAsync());

        // Past five years (1,826 days): IR's "Refresh token is invalid." and the consent page again.
        await MovedAsync(AdvanceAsync(fixture.Control, "1w"));
        var lapsed = await StartCalls.RefreshAsync(fixture.Cloud, client, tokens.String("refresh_token"));
        StartAssert.Error(lapsed, HttpStatusCode.Unauthorized, "invalid_grant", "Refresh token is invalid.");
        Assert.Equal("consent", await PageAfterLogonAsync());
    }

    [Fact]
    public async Task M2M_JWTs_are_checked_against_the_clock_an_iat_at_the_virtual_time_is_good_one_at_the_real_time_has_expired()
    {
        using var certificate = Host.LoadCloudClientCertificate();
        var moved = await MovedAsync(AdvanceAsync(fixture.Control, "1h"));
        var virtualNow = DateTimeOffset.Parse(moved.GetProperty("now").GetString()!, CultureInfo.InvariantCulture);

        var atVirtualTime = Gateway.M2mTokens.Create(certificate, virtualNow, TimeSpan.FromMinutes(9), AccountApiCalls.DemoUser);
        Assert.Equal(HttpStatusCode.OK, (await GatewayAsync(atVirtualTime)).Status);

        var atRealTime = Gateway.M2mTokens.Create(certificate, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(9), AccountApiCalls.DemoUser);
        var (status, body) = await GatewayAsync(atRealTime);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("EV1020", body.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Responses_carry_the_virtual_time_while_the_clock_is_moved_and_nothing_with_the_real_clock()
    {
        var (access, _) = await TokenCalls.NewCloudTokensAsync(Host, fixture.Cloud);
        using (var real = await GatewayResponseAsync("Bearer " + access))
        {
            Assert.False(real.Headers.Contains(Header));
        }

        var moved = await MovedAsync(SetAsync(fixture.Control, "2030-04-01T09:00+12:00"));
        Assert.True(moved.GetProperty("virtual").GetBoolean());
        AssertNear(new DateTimeOffset(2030, 4, 1, 9, 0, 0, TimeSpan.FromHours(12)), moved.GetProperty("now").GetString()!);

        using (var gateway = await GatewayResponseAsync("Bearer " + access))
        {
            // The token (issued on the real clock) has expired by 2030: the refusal says the time too.
            Assert.Equal(HttpStatusCode.BadRequest, gateway.StatusCode);
            Assert.Contains("EV1020", await gateway.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            AssertNear(new DateTimeOffset(2030, 4, 1, 9, 0, 0, TimeSpan.FromHours(12)), gateway.Headers.GetValues(Header).Single());
        }

        var oauth = await TokenCalls.ValidateAsync(fixture.Cloud, Host.CloudClient, access);
        AssertNear(new DateTimeOffset(2030, 4, 1, 9, 0, 0, TimeSpan.FromHours(12)), oauth.Response.Headers.GetValues(Header).Single());
        using (var instance = await fixture.Control.GetAsync("/control/instance"))
        {
            Assert.Contains("\"virtualClock\": true", await instance.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var reset = await MovedAsync(ResetAsync(fixture.Control));
        Assert.False(reset.GetProperty("virtual").GetBoolean());
        Assert.Equal("0", reset.GetProperty("offset").GetString());
        var (fresh, _) = await TokenCalls.NewCloudTokensAsync(Host, fixture.Cloud);
        using var after = await GatewayResponseAsync("Bearer " + fresh);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.False(after.Headers.Contains(Header));
    }

    [Fact]
    public async Task The_clock_says_its_time_the_real_time_and_the_offset_between_them()
    {
        var (_, real) = await GetAsync(fixture.Control);
        Assert.False(real.GetProperty("virtual").GetBoolean());
        Assert.Equal(real.GetProperty("now").GetString(), real.GetProperty("realNow").GetString());

        var moved = await MovedAsync(AdvanceAsync(fixture.Control, "1d2h30m"));
        Assert.Equal("+1d2h30m", moved.GetProperty("offset").GetString());
        Assert.Equal((long)new TimeSpan(1, 2, 30, 0).TotalMilliseconds, moved.GetProperty("offsetMilliseconds").GetInt64());
        var now = DateTimeOffset.Parse(moved.GetProperty("now").GetString()!, CultureInfo.InvariantCulture);
        var realNow = DateTimeOffset.Parse(moved.GetProperty("realNow").GetString()!, CultureInfo.InvariantCulture);
        Assert.InRange(now - realNow, new TimeSpan(1, 2, 29, 59), new TimeSpan(1, 2, 30, 1));

        // .NET's form adds to it.
        Assert.Equal("+2d4h30m", (await MovedAsync(AdvanceAsync(fixture.Control, "1.02:00:00"))).GetProperty("offset").GetString());
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("-8h")]
    [InlineData("0s")]
    [InlineData("0")]
    [InlineData("")]
    [InlineData("8x")]
    [InlineData("-1.00:00:00")]
    [InlineData("99999999999d")]
    public async Task Advance_refuses_what_is_not_a_positive_duration(string by)
    {
        var (status, body) = await AdvanceAsync(fixture.Control, by);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_duration", body.GetProperty("error").GetString());
        Assert.Contains("8h", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False((await GetAsync(fixture.Control)).Body.GetProperty("virtual").GetBoolean());
    }

    [Fact]
    public async Task Set_refuses_a_time_before_the_real_clock_and_what_is_no_instant_and_bad_bodies_are_refused_clearly()
    {
        var (past, pastBody) = await SetAsync(fixture.Control, DateTimeOffset.UtcNow.AddHours(-1).ToString("O", CultureInfo.InvariantCulture));
        Assert.Equal(HttpStatusCode.BadRequest, past);
        Assert.Equal("clock_refused", pastBody.GetProperty("error").GetString());
        Assert.Contains("reset", pastBody.GetProperty("message").GetString(), StringComparison.Ordinal);

        foreach (var to in new[] { "tomorrow", "2030-04-01T09:00", "", "2030-13-01T09:00Z" })
        {
            var (status, body) = await SetAsync(fixture.Control, to);
            Assert.True(status == HttpStatusCode.BadRequest, $"{to}: {(int)status}");
            Assert.Equal("invalid_instant", body.GetProperty("error").GetString());
        }

        foreach (var path in new[] { "/control/clock/advance", "/control/clock/set" })
        {
            var (status, body) = await SendAsync(fixture.Control, HttpMethod.Post, path, new StringContent("{not json", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal("invalid_json", body.GetProperty("error").GetString());
            var (empty, emptyBody) = await SendAsync(fixture.Control, HttpMethod.Post, path, JsonContent.Create(new { }));
            Assert.Equal(HttpStatusCode.BadRequest, empty);
            Assert.StartsWith("invalid_", emptyBody.GetProperty("error").GetString(), StringComparison.Ordinal);
        }

        Assert.False((await GetAsync(fixture.Control)).Body.GetProperty("virtual").GetBoolean());
    }

    [Fact]
    public async Task The_clock_routes_are_described_in_the_OpenAPI_document()
    {
        var document = await fixture.Control.GetStringAsync("/control/openapi/control.json");
        foreach (var route in new[] { "/control/clock", "/control/clock/advance", "/control/clock/set", "/control/clock/reset" })
        {
            Assert.Contains($"\"{route}\"", document, StringComparison.Ordinal);
        }
    }

    private static void AssertNear(DateTimeOffset expected, string header)
    {
        var value = DateTimeOffset.ParseExact(header, "yyyy-MM-ddTHH:mm:ssK", CultureInfo.InvariantCulture);
        Assert.InRange(value - expected, TimeSpan.FromSeconds(-1), TimeSpan.FromMinutes(1));
    }

    private Task<(HttpStatusCode Status, System.Text.Json.JsonElement Body)> GatewayAsync(string authorization) =>
        AccountApiCalls.ListAsync(fixture.Cloud, authorization, AccountApiCalls.DemoCustomer);

    private async Task<HttpResponseMessage> GatewayResponseAsync(string authorization) =>
        await fixture.Cloud.SendAsync(AccountApiCalls.Post("list", AccountApiCalls.ListBody(AccountApiCalls.DemoCustomer, "IRD"), authorization));

    private async Task<string> PageAfterLogonAsync()
    {
        var client = Host.CloudClient;
        using var session = new MyIrSession(Host);
        await session.GetAsync(StartUrls.AuthorizeUrl(client.ClientId, client.RedirectUri));
        using var response = await session.LogonAsync(Host.User.Logon, Host.User.Password);
        return response.StatusCode == HttpStatusCode.Redirect ? "redirect"
            : session.LastPage.Contains("action=\"/myir/consent\"", StringComparison.Ordinal) ? "consent" : "other";
    }
}
