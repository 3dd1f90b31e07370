using Waharoa.Server.Endpoints;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Waharoa.Certificates;
using Waharoa.Clients;
using Waharoa.Security;
using Waharoa.Server.Gateway;
using Waharoa.Storage;
using Waharoa.Testing;
using Waharoa.Tokens;

namespace Waharoa.Tests.Gateway;

/// <summary>The gateway pipeline in front of a real upstream, over both endpoints with real TLS.</summary>
public sealed class GatewayTests
{
    private const string Path = "/gateway/echo/things";

    [Fact]
    public async Task Gateway_BearerTokenOnCloud_ForwardsWithTheCallersIdentityOnly()
    {
        await using var upstream = await EchoUpstream.StartAsync();
        await using var host = await StartAsync(upstream);
        using var cloud = host.CreateCloudClient();
        var (access, _) = await TokenCalls.NewCloudTokensAsync(host, cloud);
        using var request = Get(Path, "Bearer " + access);
        request.Headers.Add("X-Waharoa-Logon", "Client008");

        using var response = await cloud.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var echoed = await EchoedAsync(response);
        Assert.Equal("/things", echoed.GetProperty("path").GetString());
        var headers = echoed.GetProperty("headers");
        Assert.Equal(host.CloudClient.ClientId, headers.GetProperty("x-waharoa-client-id").GetString());
        Assert.Equal(host.User.Logon, headers.GetProperty("x-waharoa-logon").GetString());
        Assert.Equal("bearer", headers.GetProperty("x-waharoa-authentication").GetString());
        Assert.Equal("cloud", headers.GetProperty("x-waharoa-endpoint").GetString());
    }

    [Fact]
    public async Task Gateway_BearerTokenOnDesktop_IdentifiesTheClientByItsToken()
    {
        await using var upstream = await EchoUpstream.StartAsync();
        await using var host = await StartAsync(upstream);
        using var desktop = host.CreateDesktopClient();
        var code = await TokenCalls.NewCodeAsync(host, host.NativeClient);
        var (_, body, _) = await TokenCalls.ExchangeCodeAsync(desktop, host.NativeClient, code, host.NativeClient.RedirectUri);

        using var response = await desktop.SendAsync(Get(Path, "Bearer " + body.GetProperty("access_token").GetString()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var headers = (await EchoedAsync(response)).GetProperty("headers");
        Assert.Equal(host.NativeClient.ClientId, headers.GetProperty("x-waharoa-client-id").GetString());
        Assert.Equal("desktop", headers.GetProperty("x-waharoa-endpoint").GetString());
    }

    [Fact]
    public async Task Gateway_NoToken_ReturnsEV1021()
    {
        await using var upstream = await EchoUpstream.StartAsync();
        await using var host = await StartAsync(upstream);
        using var cloud = host.CreateCloudClient();

        using var response = await cloud.SendAsync(Get(Path, null));

        await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "EV1021");
    }

    [Theory]
    [InlineData("Bearer not-a-token")]
    [InlineData("Bearer ")]
    [InlineData("Basic eHl6Q29tcF9Gb29CYXI6Q2xpZW50U2VjcmV0UGFzc3dvcmQ=")]
    [InlineData("garbage")]
    public async Task Gateway_InvalidToken_ReturnsEV1020(string authorization)
    {
        await using var upstream = await EchoUpstream.StartAsync();
        await using var host = await StartAsync(upstream);
        using var cloud = host.CreateCloudClient();

        using var response = await cloud.SendAsync(Get(Path, authorization));

        await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "EV1020");
    }

    [Fact]
    public async Task Gateway_RevokedAccessToken_ReturnsEV1020()
    {
        await using var upstream = await EchoUpstream.StartAsync();
        await using var host = await StartAsync(upstream);
        using var cloud = host.CreateCloudClient();
        var (access, _) = await TokenCalls.NewCloudTokensAsync(host, cloud);
        Assert.Equal(HttpStatusCode.OK, (await cloud.SendAsync(Get(Path, "Bearer " + access))).StatusCode);

        await TokenCalls.DeleteAsync(cloud, host.CloudClient, access);

        await AssertErrorAsync(await cloud.SendAsync(Get(Path, "Bearer " + access)), HttpStatusCode.Unauthorized, "EV1020");
    }

    [Fact]
    public async Task Gateway_XiamsTokenNamingAnX5tOfNoKeyOfOurs_ReturnsEV1020()
    {
        await using var upstream = await EchoUpstream.StartAsync();
        await using var host = await StartAsync(upstream);
        using var cloud = host.CreateCloudClient();
        var (access, _) = await TokenCalls.NewCloudTokensAsync(host, cloud);
        var certificate = host.Server.Services.GetRequiredService<SigningKeyRing>().Current.Certificate;

        // Signed by our own key, but the header (kid orakey) names the key by the x5t of IR's sample certificate.
        var strange = XiamsTokenHeaders.Resign(access, """{"alg":"RS512","typ":"JWT","x5t":"z9TTuGjGIRMwMiB4ZPlco8Cgre8","kid":"orakey"}""", certificate);
        using var refused = await cloud.SendAsync(Get(Path, "Bearer " + strange));
        using var accepted = await cloud.SendAsync(Get(Path, "Bearer " + access));

        await AssertErrorAsync(refused, HttpStatusCode.Unauthorized, "EV1020");
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task Gateway_RefreshTokenAsBearer_ReturnsEV1020()
    {
        await using var upstream = await EchoUpstream.StartAsync();
        await using var host = await StartAsync(upstream);
        using var cloud = host.CreateCloudClient();
        var (_, refresh) = await TokenCalls.NewCloudTokensAsync(host, cloud);

        await AssertErrorAsync(await cloud.SendAsync(Get(Path, "Bearer " + refresh)), HttpStatusCode.Unauthorized, "EV1020");
    }

    [Fact]
    public async Task Gateway_M2mJwt_ActsAsStartLogonOrAsTheDsp()
    {
        await using var upstream = await EchoUpstream.StartAsync();
        await using var host = await StartAsync(upstream);
        using var cloud = host.CreateCloudClient();
        using var certificate = host.LoadCloudClientCertificate();

        using var asUser = await cloud.SendAsync(Get(Path, M2mTokens.Create(certificate, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(9), startLogon: "Client008")));
        using var asDsp = await cloud.SendAsync(Get(Path, M2mTokens.Create(certificate, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(9))));

        Assert.Equal(HttpStatusCode.OK, asUser.StatusCode);
        var userHeaders = (await EchoedAsync(asUser)).GetProperty("headers");
        Assert.Equal("Client008", userHeaders.GetProperty("x-waharoa-logon").GetString());
        Assert.Equal("m2m", userHeaders.GetProperty("x-waharoa-authentication").GetString());
        Assert.Equal(HttpStatusCode.OK, asDsp.StatusCode);
        var dspHeaders = (await EchoedAsync(asDsp)).GetProperty("headers");
        Assert.False(dspHeaders.TryGetProperty("x-waharoa-logon", out _));
        Assert.Equal(host.CloudClient.ClientId, dspHeaders.GetProperty("x-waharoa-client-id").GetString());
    }

    [Theory]
    [InlineData("RS384")]
    [InlineData("RS512")]
    public async Task Gateway_M2mJwtOtherRsaAlgorithms_AreAccepted(string algorithm)
    {
        await using var upstream = await EchoUpstream.StartAsync();
        await using var host = await StartAsync(upstream);
        using var cloud = host.CreateCloudClient();
        using var certificate = host.LoadCloudClientCertificate();

        using var response = await cloud.SendAsync(Get(Path, M2mTokens.Create(certificate, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(9), algorithm: algorithm)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("ES256", "nistP256")]
    [InlineData("ES384", "nistP384")]
    [InlineData("ES512", "nistP521")]
    public async Task Gateway_M2mJwtSignedWithAnEcCertificate_IsAccepted_AndAnotherCurvesKeyIsNot(string algorithm, string curve)
    {
        await using var upstream = await EchoUpstream.StartAsync();
        await using var host = await StartAsync(upstream);
        using var ca = host.DevelopmentCa();
        using var certificate = ca.IssueEcClientCertificate("Ec_Dsp", System.Security.Cryptography.ECCurve.CreateFromFriendlyName(curve));
        using var stranger = ca.IssueEcClientCertificate("Ec_Other", System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var clients = (IClientStore)host.Server.Services.GetService(typeof(IClientStore))!;
        await clients.AddClientAsync(
            new DspClient("Ec_Dsp", "EC DSP", ClientKind.Cloud, SecretHasher.Hash("s"), ["https://e.example/cb"], CertificateFiles.Sha256Thumbprint(certificate), DateTimeOffset.UtcNow) { Services = ["*"] },
            CancellationToken.None);
        using var cloud = host.CreateCloudClient(certificate);
        var now = DateTimeOffset.UtcNow;

        using var signed = await cloud.SendAsync(Get(Path, M2mTokens.Create(certificate, now, TimeSpan.FromMinutes(9), algorithm: algorithm)));
        using var forged = await cloud.SendAsync(Get(Path, M2mTokens.Create(stranger, now, TimeSpan.FromMinutes(9), subject: CertificateFiles.Sha256Thumbprint(certificate), algorithm: "ES256")));

        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        await AssertErrorAsync(forged, HttpStatusCode.Unauthorized, "EV1020");
    }

    [Theory]
    [InlineData("""{"alg":"RS256","typ":"JWT","kid":"M2M"}""", true)]
    [InlineData("""{"kid":"M2M","alg":"RS256","typ":"JWT"}""", true)]
    [InlineData("""{"alg":"RS256","kid":"M2M"}""", false)]
    [InlineData("""{"alg":"RS256","typ":"at-JWT","kid":"M2M"}""", false)]
    [InlineData("""{"alg":"RS256","typ":"jwt","kid":"M2M"}""", false)]
    [InlineData("""{"alg":"RS256","typ":"JWT"}""", false)]
    [InlineData("""{"alg":"RS256","typ":"JWT","kid":"m2m"}""", false)]
    [InlineData("""{"alg":"RS256","typ":"JWT","kid":"orakey"}""", false)]
    public async Task Gateway_M2mJwtHeader_MustBeTypJwtAndKidM2m_ElseEV1020(string header, bool accepted)
    {
        await using var upstream = await EchoUpstream.StartAsync();
        await using var host = await StartAsync(upstream);
        using var cloud = host.CreateCloudClient();
        using var certificate = host.LoadCloudClientCertificate();

        using var response = await cloud.SendAsync(Get(Path, M2mTokens.WithHeader(certificate, header, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(9))));

        if (accepted)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        else
        {
            await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "EV1020");
        }
    }

    [Fact]
    public async Task Gateway_M2mJwtRefusals_ReturnEV1020()
    {
        await using var upstream = await EchoUpstream.StartAsync();
        await using var host = await StartAsync(upstream);
        using var cloud = host.CreateCloudClient();
        using var desktop = host.CreateDesktopClient();
        using var certificate = host.LoadCloudClientCertificate();
        using var ca = host.DevelopmentCa();
        using var otherKey = ca.IssueClientCertificate("Other");
        var now = DateTimeOffset.UtcNow;

        var refused = new Dictionary<string, (HttpClient Http, string Authorization)>
        {
            ["wrong key"] = (cloud, M2mTokens.Create(otherKey, now, TimeSpan.FromMinutes(9), subject: CertificateFiles.Sha256Thumbprint(certificate))),
            ["expired"] = (cloud, M2mTokens.Create(certificate, now.AddMinutes(-20), TimeSpan.FromMinutes(9))),
            ["over 8 hours"] = (cloud, M2mTokens.Create(certificate, now, TimeSpan.FromHours(8) + TimeSpan.FromSeconds(1))),
            ["sub not the thumbprint"] = (cloud, M2mTokens.Create(certificate, now, TimeSpan.FromMinutes(9), subject: certificate.Thumbprint)),
            ["iat in the future, dodging the 8 hours"] = (cloud, M2mTokens.Create(certificate, now.AddDays(30), TimeSpan.FromHours(8))),
            ["Bearer prefixed"] = (cloud, "Bearer " + M2mTokens.Create(certificate, now, TimeSpan.FromMinutes(9))),
            ["desktop endpoint"] = (desktop, M2mTokens.Create(certificate, now, TimeSpan.FromMinutes(9))),
            ["no iss"] = (cloud, M2mTokens.Create(certificate, now, TimeSpan.FromMinutes(9), issuer: null)),
        };

        foreach (var (name, (http, authorization)) in refused)
        {
            using var response = await http.SendAsync(Get(Path, authorization));
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{name}: {(int)response.StatusCode}");
            await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "EV1020");
        }
    }

    [Fact]
    public async Task Gateway_M2mJwtIssuedBeforeItsCertificate_IsRefused_AnotherMomentLaterIsAccepted()
    {
        await using var upstream = await EchoUpstream.StartAsync();
        await using var host = await StartAsync(upstream);
        var now = DateTimeOffset.UtcNow;
        using var ca = host.DevelopmentCa();
        using var certificate = ca.IssueClientCertificate("Fresh_Dsp", notBefore: now.AddHours(-1), notAfter: now.AddDays(30));
        var clients = (IClientStore)host.Server.Services.GetService(typeof(IClientStore))!;
        await clients.AddClientAsync(
            new DspClient("Fresh_Dsp", "Fresh", ClientKind.Cloud, SecretHasher.Hash("s"), ["https://f.example/cb"], CertificateFiles.Sha256Thumbprint(certificate), now) { Services = ["*"] },
            CancellationToken.None);
        using var cloud = host.CreateCloudClient(certificate);
        var notBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime());

        // Both tokens are unexpired and within 8 hours; only the first was issued before the certificate's start.
        using var early = await cloud.SendAsync(Get(Path, M2mTokens.Create(certificate, notBefore.AddMinutes(-2), TimeSpan.FromHours(8))));
        using var onTime = await cloud.SendAsync(Get(Path, M2mTokens.Create(certificate, notBefore.AddMinutes(2), TimeSpan.FromHours(8))));

        await AssertErrorAsync(early, HttpStatusCode.Unauthorized, "EV1020");
        Assert.Equal(HttpStatusCode.OK, onTime.StatusCode);
    }

    [Fact]
    public async Task Gateway_CertificateNotEnrolledForTheService_IsRefused()
    {
        await using var upstream = await EchoUpstream.StartAsync();
        await using var host = await StartAsync(upstream);
        var clients = (IClientStore)host.Server.Services.GetService(typeof(IClientStore))!;
        using var ca = host.DevelopmentCa();
        using var certificate = ca.IssueClientCertificate("Payroll_Only");
        await clients.AddClientAsync(
            new DspClient("Payroll_Only", "Payroll only", ClientKind.Cloud, SecretHasher.Hash("s"), ["https://p.example/cb"], CertificateFiles.Sha256Thumbprint(certificate), DateTimeOffset.UtcNow)
            {
                Services = ["payroll"],
            },
            CancellationToken.None);
        using var cloud = host.CreateCloudClient(certificate);

        using var response = await cloud.SendAsync(Get(Path, M2mTokens.Create(certificate, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(9))));

        await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "EV1020");
    }

    [Fact]
    public async Task Gateway_OverTheRate_Returns429WithRetryAfterUntilTheBucketRefills()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var upstream = await EchoUpstream.StartAsync();
        await using var host = await StartAsync(upstream, o =>
        {
            o.Gateway.Cloud.RatePerSecond = 1;
            o.Gateway.Cloud.Burst = 2;
        }, time);
        using var cloud = host.CreateCloudClient();
        using var certificate = host.LoadCloudClientCertificate();
        var jwt = M2mTokens.Create(certificate, time.GetUtcNow(), TimeSpan.FromMinutes(9));

        Assert.Equal(HttpStatusCode.OK, (await cloud.SendAsync(Get(Path, jwt))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await cloud.SendAsync(Get(Path, jwt))).StatusCode);
        using var throttled = await cloud.SendAsync(Get(Path, jwt));

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), throttled.Headers.RetryAfter!.Delta);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await cloud.SendAsync(Get(Path, jwt))).StatusCode);
    }

    [Fact]
    public async Task Gateway_OverTheConcurrencyCap_Returns429()
    {
        await using var upstream = await EchoUpstream.StartAsync();
        await using var host = await StartAsync(upstream, o => o.Gateway.Cloud.MaxConcurrentRequests = 1);
        using var cloud = host.CreateCloudClient();
        using var certificate = host.LoadCloudClientCertificate();
        var jwt = M2mTokens.Create(certificate, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(9));

        var held = cloud.SendAsync(Get("/gateway/echo/slow", jwt));
        while (Volatile.Read(ref upstream.SlowRequestsWaiting) == 0)
        {
            await Task.Delay(10);
        }

        using var second = await cloud.SendAsync(Get(Path, jwt));
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.NotNull(second.Headers.RetryAfter);

        upstream.Release();
        Assert.Equal(HttpStatusCode.OK, (await held).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await cloud.SendAsync(Get(Path, jwt))).StatusCode);
    }

    [Fact]
    public async Task Gateway_SlowUpstream_Returns504GatewayError()
    {
        await using var upstream = await EchoUpstream.StartAsync();
        await using var host = await StartAsync(upstream, o => o.Gateway.UpstreamTimeout = TimeSpan.FromMilliseconds(500));
        using var cloud = host.CreateCloudClient();
        using var certificate = host.LoadCloudClientCertificate();

        using var response = await cloud.SendAsync(Get("/gateway/echo/slow", M2mTokens.Create(certificate, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(9))));

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal(
            "{\"error\":\"GatewayError\",\"error_description\":\"Gateway did not receive a timely response from the upstream server\"}",
            await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Gateway_RoutesOwnActivityTimeout_OverridesIrs60Seconds()
    {
        await using var upstream = await EchoUpstream.StartAsync();
        await using var host = await WaharoaTestHost.StartAsync(
            configuration: upstream.Route("echo", "/gateway/echo/{**rest}", service: "echo", timeout: TimeSpan.FromMilliseconds(500)));
        using var cloud = host.CreateCloudClient();
        using var certificate = host.LoadCloudClientCertificate();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        using var response = await cloud.SendAsync(Get("/gateway/echo/slow", M2mTokens.Create(certificate, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(9))));

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);

        // Far below the 60 s default: the route's own timeout answered, not IR's.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
        upstream.Release();
    }

    [Fact]
    public async Task Gateway_UnreachableUpstream_Returns504GatewayError()
    {
        await using var upstream = await EchoUpstream.StartAsync();
        var closed = new Uri($"http://127.0.0.1:{WaharoaProcess.FreePort()}/");
        await using var host = await WaharoaTestHost.StartAsync(configuration: upstream.Route("echo", "/gateway/echo/{**rest}", address: closed));
        using var cloud = host.CreateCloudClient();
        using var certificate = host.LoadCloudClientCertificate();

        using var response = await cloud.SendAsync(Get(Path, M2mTokens.Create(certificate, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(9))));

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Contains("GatewayError", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(GatewayEnvironment.Test, "10.0.0.0/8", HttpStatusCode.Forbidden)]
    [InlineData(GatewayEnvironment.Test, "127.0.0.0/8", HttpStatusCode.OK)]
    [InlineData(GatewayEnvironment.Mock, "192.168.0.0/16", HttpStatusCode.Forbidden)]
    [InlineData(GatewayEnvironment.Production, "10.0.0.0/8", HttpStatusCode.OK)]
    public async Task Gateway_IpAllowlist_AppliesOutsideProductionOnly(GatewayEnvironment environment, string allowed, HttpStatusCode expected)
    {
        await using var upstream = await EchoUpstream.StartAsync();
        await using var host = await StartAsync(upstream, o =>
        {
            o.Gateway.Environment = environment;
            o.Gateway.Cloud.AllowedNetworks.Add(allowed);
        });
        using var cloud = host.CreateCloudClient();
        using var certificate = host.LoadCloudClientCertificate();

        using var response = await cloud.SendAsync(Get(Path, M2mTokens.Create(certificate, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(9))));

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Gateway_CloudOnlyRouteOnDesktop_IsNotFound()
    {
        await using var upstream = await EchoUpstream.StartAsync();
        await using var host = await WaharoaTestHost.StartAsync(configuration: upstream.Route("echo", "/gateway/echo/{**rest}", endpoints: "cloud"));
        using var desktop = host.CreateDesktopClient();

        using var response = await desktop.SendAsync(Get(Path, "Bearer x"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static Task<WaharoaTestHost> StartAsync(EchoUpstream upstream, Action<Waharoa.Server.Hosting.WaharoaOptions>? configure = null, FakeTimeProvider? time = null) =>
        WaharoaTestHost.StartAsync(time, configure, configuration: upstream.Route("echo", "/gateway/echo/{**rest}", service: "echo"));

    private static HttpRequestMessage Get(string path, string? authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return request;
    }

    private static async Task<JsonElement> EchoedAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    private static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors")[0];
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal("security", error.GetProperty("type").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("message").GetString()));
    }
}
