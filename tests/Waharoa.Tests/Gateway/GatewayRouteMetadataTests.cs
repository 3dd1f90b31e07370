using System.Net;
using System.Text.Json;
using Waharoa.Testing;

namespace Waharoa.Tests.Gateway;

/// <summary>What a route's metadata asks of the gateway: which authentication it takes, and what reaches its upstream.</summary>
public sealed class GatewayRouteMetadataTests
{
    private const string Path = "/gateway/echo/things";

    [Theory]
    [InlineData(null, HttpStatusCode.OK, HttpStatusCode.OK)]
    [InlineData("oauth,m2m", HttpStatusCode.OK, HttpStatusCode.OK)]
    [InlineData("oauth", HttpStatusCode.OK, HttpStatusCode.Unauthorized)]
    [InlineData("m2m", HttpStatusCode.Unauthorized, HttpStatusCode.OK)]
    public async Task Gateway_RoutesAuthentication_TakesOnlyTheKindsItNames_RefusingOthersWithEV1020(string? authentication, HttpStatusCode bearerStatus, HttpStatusCode m2mStatus)
    {
        await using var upstream = await EchoUpstream.StartAsync();
        await using var host = await StartAsync(upstream, authentication is null ? [] : new() { ["Authentication"] = authentication });
        using var cloud = host.CreateCloudClient();
        using var certificate = host.LoadCloudClientCertificate();
        var (access, _) = await TokenCalls.NewCloudTokensAsync(host, cloud);

        using var bearer = await cloud.SendAsync(Get("Bearer " + access));
        using var m2m = await cloud.SendAsync(Get(M2mTokens.Create(certificate, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(9), startLogon: "Client008")));

        await AssertAnsweredAsync(bearer, bearerStatus);
        await AssertAnsweredAsync(m2m, m2mStatus);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("false", false)]
    [InlineData("true", true)]
    public async Task Gateway_Forwarding_NeverSendsCookie_AndSendsAuthorizationOnlyWhereTheRouteAsks(string? forwardAuthorization, bool forwarded)
    {
        await using var upstream = await EchoUpstream.StartAsync();
        await using var host = await StartAsync(upstream, forwardAuthorization is null ? [] : new() { ["ForwardAuthorization"] = forwardAuthorization });
        using var cloud = host.CreateCloudClient();
        var (access, _) = await TokenCalls.NewCloudTokensAsync(host, cloud);
        using var request = Get("Bearer " + access);
        request.Headers.Add("Cookie", "session=from-the-myir-pages");

        using var response = await cloud.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var headers = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("headers");
        Assert.False(headers.TryGetProperty("cookie", out _));
        Assert.Equal(forwarded, headers.TryGetProperty("authorization", out var authorization));
        Assert.Equal(forwarded ? "Bearer " + access : null, forwarded ? authorization.GetString() : null);
        Assert.Equal(host.User.Logon, headers.GetProperty("x-waharoa-logon").GetString());
    }

    [Theory]
    [InlineData("Authentication", "oauth,jwt", "oauth, m2m or both")]
    [InlineData("ForwardAuthorization", "yes", "true or false")]
    public async Task Gateway_RouteMetadataMisspelt_StopsTheStartNamingTheRoute(string key, string value, string message)
    {
        await using var upstream = await EchoUpstream.StartAsync();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => StartAsync(upstream, new() { [key] = value }));

        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
        Assert.Contains("'echo'", error.ToString(), StringComparison.Ordinal);
    }

    private static Task<WaharoaTestHost> StartAsync(EchoUpstream upstream, Dictionary<string, string> metadata) =>
        WaharoaTestHost.StartAsync(configuration: upstream.Route("echo", "/gateway/echo/{**rest}", service: "echo", metadata: metadata));

    private static HttpRequestMessage Get(string authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Path);
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return request;
    }

    private static async Task AssertAnsweredAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"HTTP {(int)response.StatusCode}: {body}");
        if (expected == HttpStatusCode.Unauthorized)
        {
            Assert.Equal("EV1020", JsonDocument.Parse(body).RootElement.GetProperty("errors")[0].GetProperty("code").GetString());
        }
    }
}
