using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;
using Waharoa.Certificates;
using Waharoa.Clients;
using Waharoa.Security;
using Waharoa.Storage;
using Waharoa.Testing;

namespace Waharoa.Tests.Gateway;

/// <summary>How the gateway reaches the sandbox services, and what it tells upstreams about the caller.</summary>
public sealed class SandboxRoutingTests
{
    [Theory]
    [InlineData(true, HttpStatusCode.BadRequest)]
    [InlineData(false, HttpStatusCode.NotFound)]
    public async Task SandboxServices_TurnedOff_AreNotRouted(bool enabled, HttpStatusCode expected)
    {
        await using var host = await WaharoaTestHost.StartAsync(configure: o => o.Sandbox.Enabled = enabled);
        using var cloud = host.CreateCloudClient();

        // Without a token: the Account API's gateway answers 400 EV1021 when it is there.
        using var response = await cloud.PostAsync("/gateway/account/list", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task SandboxServices_CalledAroundTheGateway_AreRefused()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var direct = new HttpClient { BaseAddress = host.Server.SandboxUrl };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/gateway/account/list");
        request.Headers.Add("X-Waharoa-Logon", "TR24573773");
        request.Headers.Add("X-Waharoa-Gateway-Key", "guessed");

        using var response = await direct.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task M2mWithoutStartLogon_ActsAsTheDspsOwnCustomer_AndNoGatewayKeyReachesYourUpstream()
    {
        await using var upstream = await EchoUpstream.StartAsync();
        await using var host = await WaharoaTestHost.StartAsync(configuration: upstream.Route("echo", "/gateway/echo/{**rest}", service: "echo"));
        using var ca = host.DevelopmentCa();
        using var certificate = ca.IssueClientCertificate("Agency_Dsp");
        var clients = (IClientStore)host.Server.Services.GetService(typeof(IClientStore))!;
        await clients.AddClientAsync(
            new DspClient("Agency_Dsp", "Agency DSP", ClientKind.Cloud, SecretHasher.Hash("s"), ["https://a.example/cb"], CertificateFiles.Sha256Thumbprint(certificate), DateTimeOffset.UtcNow)
            {
                Services = ["*"],
                CustomerIrd = "049091850",
            },
            CancellationToken.None);
        using var cloud = host.CreateCloudClient(certificate);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/gateway/echo/x");
        request.Headers.TryAddWithoutValidation("Authorization", M2mTokens.Create(certificate, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));
        request.Headers.Add("X-Waharoa-Gateway-Key", "smuggled");
        request.Headers.Add("X-Waharoa-Customer", "136410132");

        using var response = await cloud.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var headers = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("headers");
        Assert.Equal("049091850", headers.GetProperty("x-waharoa-customer").GetString());
        Assert.False(headers.TryGetProperty("x-waharoa-logon", out _));
        Assert.False(headers.TryGetProperty("x-waharoa-gateway-key", out _));
    }

    [Fact]
    public async Task ThrottledSoapCall_GetsTheUnAuthorisedSoapFault_With429AndRetryAfter()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await WaharoaTestHost.StartAsync(time, o =>
        {
            o.Gateway.Cloud.RatePerSecond = 1;
            o.Gateway.Cloud.Burst = 1;
        });
        using var cloud = host.CreateCloudClient();
        var (access, _) = await TokenCalls.NewCloudTokensAsync(host, cloud);

        using var first = await cloud.SendAsync(SoapPost("Bearer " + access));
        using var throttled = await cloud.SendAsync(SoapPost("Bearer " + access));

        Assert.NotEqual(HttpStatusCode.TooManyRequests, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal("application/soap+xml", throttled.Content.Headers.ContentType!.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(1), throttled.Headers.RetryAfter!.Delta);
        XNamespace soap = "http://www.w3.org/2003/05/soap-envelope";
        var fault = XDocument.Parse(await throttled.Content.ReadAsStringAsync()).Root!.Element(soap + "Body")!.Element(soap + "Fault")!;
        Assert.Equal("UnAuthorised", fault.Element(soap + "Reason")!.Element(soap + "Text")!.Value);
    }

    [Fact]
    public async Task SoapCallsWithoutAToken_StillCountAgainstTheCertificatesDsp()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await WaharoaTestHost.StartAsync(time, o =>
        {
            o.Gateway.Cloud.RatePerSecond = 1;
            o.Gateway.Cloud.Burst = 1;
        });
        using var cloud = host.CreateCloudClient();
        var request = await File.ReadAllTextAsync(SpecFiles.Path("ir-intermediation", "sample messages", "RetriveClientList-request.xml"));
        HttpRequestMessage Post() => new(HttpMethod.Post, "/gateway/gws/intermediation/")
        {
            Content = new StringContent(request, System.Text.Encoding.UTF8, "application/soap+xml"),
        };

        using var first = await cloud.SendAsync(Post());
        using var second = await cloud.SendAsync(Post());

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("<statusCode>2</statusCode>", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.Contains("UnAuthorised", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "EV1021")]
    [InlineData("Bearer not-a-token", "EV1020")]
    public async Task AccountApiWithoutAValidToken_Gets400AsIrsCustomerServicesDo(string? authorization, string code)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/gateway/account/list")
        {
            Content = new StringContent("""{"CustomerID":"132243158","CustomerIDType":"IRD"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await cloud.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors")[0];
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Equal("security", error.GetProperty("type").GetString());
    }

    private static HttpRequestMessage SoapPost(string authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/gateway/gws/intermediation/")
        {
            Content = new StringContent("<not-soap/>", System.Text.Encoding.UTF8, "application/soap+xml"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return request;
    }

    [Fact]
    public async Task GatewayLimitsAndAllowlists_ComeFromTheConfigurationsWaharoaSection()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var limits = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Waharoa:Gateway:Cloud:RatePerSecond"] = "1",
            ["Waharoa:Gateway:Cloud:Burst"] = "1",
        }).Build();
        await using (var host = await WaharoaTestHost.StartAsync(time, configuration: limits))
        {
            using var cloud = host.CreateCloudClient();
            using var certificate = host.LoadCloudClientCertificate();
            var jwt = M2mTokens.Create(certificate, time.GetUtcNow(), TimeSpan.FromMinutes(9), startLogon: "TR24573773");

            using var first = await cloud.SendAsync(StatusGet(jwt));
            using var second = await cloud.SendAsync(StatusGet(jwt));

            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        }

        var fenced = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Waharoa:Gateway:Environment"] = "Test",
            ["Waharoa:Gateway:Cloud:AllowedNetworks:0"] = "10.0.0.0/8",
        }).Build();
        await using (var host = await WaharoaTestHost.StartAsync(configuration: fenced))
        {
            using var cloud = host.CreateCloudClient();
            using var certificate = host.LoadCloudClientCertificate();

            using var refused = await cloud.SendAsync(StatusGet(M2mTokens.Create(certificate, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(9))));

            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
    }

    [Theory]
    [InlineData("Waharoa:Gateway:Cloud:Burst", "0", "Burst")]
    [InlineData("Waharoa:Gateway:Desktop:AllowedNetworks:0", "not-a-network", "not a CIDR network")]
    public async Task GatewayOptionsOutOfRange_StopTheStartWithAClearMessage(string key, string value, string message)
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => WaharoaTestHost.StartAsync(configuration: configuration));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    private static HttpRequestMessage StatusGet(string authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/gateway/account/status");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return request;
    }
}
