using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Waharoa.Testing;
using Waharoa.Tests.AccountApi;
using Waharoa.Tests.Coordination;

namespace Waharoa.Tests.Observability;

/// <summary>Liveness, readiness and Prometheus metrics, as a load balancer and a scraper see them.</summary>
public sealed class HealthAndMetricsTests
{
    [Fact]
    public async Task LiveAndReady_AnswerOnBothEndpoints_ReadyNamesTheStore()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var desktop = host.CreateDesktopClient();
        using var cloud = host.CreateCloudClient();

        foreach (var client in new[] { desktop, cloud })
        {
            using var live = await client.GetAsync("/health/live");
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            Assert.Equal("Healthy", Json(await live.Content.ReadAsStringAsync()).GetProperty("status").GetString());

            using var ready = await client.GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            var store = Json(await ready.Content.ReadAsStringAsync()).GetProperty("checks").GetProperty("store");
            Assert.Equal("Healthy", store.GetProperty("status").GetString());
            Assert.Equal("sqlite", store.GetProperty("provider").GetString());
            var redis = Json(await ready.Content.ReadAsStringAsync()).GetProperty("checks").GetProperty("redis");
            Assert.Equal("Healthy", redis.GetProperty("status").GetString());
            Assert.StartsWith("Not configured", redis.GetProperty("description").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Ready_RedisConnectedButRefusingTheCoordinationChannel_RedisDegraded()
    {
        await using var redis = await RedisServer.StartAsync();
        var withoutChannels = await redis.ConfigurationForUserWithoutChannelsAsync();

        var logs = new LogRecorder();
        await using var host = await WaharoaTestHost.StartAsync(configure: o => o.Redis = withoutChannels, logs: logs);
        using var desktop = host.CreateDesktopClient();
        await Eventually.TrueAsync(
            () => logs.At(LogLevel.Warning, "CoordinationBus").Any(e => e.Message.Contains("refused", StringComparison.Ordinal)),
            "No warning that Redis refused the subscription.");

        // Degraded, not unready, and saying why: connected, yet deaf to other instances' revocations (for good: Redis has
        // answered the subscription with a refusal, not yet with nothing).
        using var ready = await desktop.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var check = Json(await ready.Content.ReadAsStringAsync()).GetProperty("checks").GetProperty("redis");
        Assert.Equal("Degraded", check.GetProperty("status").GetString());
        Assert.StartsWith("Connected, but not subscribed", check.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, HttpStatusCode.OK)]
    [InlineData(false, HttpStatusCode.NotFound)]
    public async Task Metrics_TurnedOff_AreNotServed_WhileHealthIs(bool metrics, HttpStatusCode expected)
    {
        await using var host = await WaharoaTestHost.StartAsync(configure: o => o.Observability.Metrics = metrics);
        using var desktop = host.CreateDesktopClient();

        using var response = await desktop.GetAsync("/metrics");
        using var live = await desktop.GetAsync("/health/live");

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task Metrics_CountRequestsTokensChecksRevocationsAndThrottling_InPrometheusTextFormat()
    {
        await using var host = await WaharoaTestHost.StartAsync(configure: o =>
        {
            o.Gateway.Cloud.Burst = 1;
            o.Gateway.Cloud.RatePerSecond = 0.01;
        });
        using var cloud = host.CreateCloudClient();
        using var desktop = host.CreateDesktopClient();

        var (access, refresh) = await TokenCalls.NewCloudTokensAsync(host, cloud);
        Assert.Equal(HttpStatusCode.OK, (await TokenCalls.RefreshAsync(cloud, host.CloudClient, refresh)).Status);
        Assert.Equal(HttpStatusCode.OK, (await TokenCalls.ValidateAsync(cloud, host.CloudClient, access)).Status);
        Assert.Equal(HttpStatusCode.OK, (await TokenCalls.DeleteAsync(cloud, host.CloudClient, access)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenCalls.ValidateAsync(cloud, host.CloudClient, access)).Status);
        var start = await StartCalls.NewTokensAsync(host, cloud, host.CloudClient);
        Assert.True((await StartCalls.IntrospectAsync(cloud, host.CloudClient, start.String("access_token"))).Body.GetProperty("active").GetBoolean());

        var jwt = AccountApiCalls.M2m(host, host.User.Logon);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 2; i++)
        {
            statuses.Add((await AccountApiCalls.ListAsync(cloud, jwt, AccountApiCalls.DemoCustomer)).Status);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);

        using var scrape = await desktop.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
        Assert.StartsWith("text/plain", scrape.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        var metrics = await scrape.Content.ReadAsStringAsync();

        Assert.Equal(1, Sample(metrics, "waharoa_tokens_issued_total{dialect=\"xiams\",grant_type=\"authorization_code\"}"));
        Assert.Equal(1, Sample(metrics, "waharoa_tokens_issued_total{dialect=\"xiams\",grant_type=\"refresh_token\"}"));
        Assert.Equal(1, Sample(metrics, "waharoa_tokens_issued_total{dialect=\"start\",grant_type=\"authorization_code\"}"));
        Assert.Equal(1, Sample(metrics, "waharoa_token_checks_total{dialect=\"xiams\",result=\"active\"}"));
        Assert.Equal(1, Sample(metrics, "waharoa_token_checks_total{dialect=\"xiams\",result=\"inactive\"}"));
        Assert.Equal(1, Sample(metrics, "waharoa_token_checks_total{dialect=\"start\",result=\"active\"}"));
        Assert.Equal(1, Sample(metrics, "waharoa_tokens_revoked_total{dialect=\"xiams\"}"));
        Assert.Equal(1, Sample(metrics, $"waharoa_gateway_throttled_total{{endpoint=\"cloud\",client_id=\"{host.CloudClient.ClientId}\"}}"));
        Assert.Contains("# TYPE http_request_duration_seconds histogram", metrics, StringComparison.Ordinal);
        Assert.Contains("endpoint=\"/gateway3/oauth/token\"", metrics, StringComparison.Ordinal);
        Assert.Contains("process_working_set_bytes ", metrics, StringComparison.Ordinal);
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    private static double Sample(string metrics, string series)
    {
        var line = metrics.Split('\n').SingleOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal))
            ?? throw new Xunit.Sdk.XunitException($"No sample {series} in:\n{metrics}");
        return double.Parse(line[(series.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }
}
