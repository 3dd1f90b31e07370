using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Waharoa.Certificates;
using Waharoa.Clients;
using Waharoa.Security;
using Waharoa.Storage;
using Waharoa.Testing;

namespace Waharoa.Tests.Gateway;

/// <summary>The cloud endpoint's calls with a certificate from the trusted CA that is enrolled for no client: throttled by the certificate, before any other work.</summary>
public sealed class UnenrolledCertificateTests
{
    private const string StartToken = "/gateway3/oauth/token";

    [Fact]
    public async Task GatewayRoute_UnenrolledCertificateOverItsBurst_Returns429WithRetryAfterUntilTheBucketRefills()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await StartAsync(time);
        using var stranger = IssueUnenrolled(host);
        using var cloud = host.CreateCloudClient(stranger);

        using var first = await cloud.SendAsync(StatusGet());
        using var second = await cloud.SendAsync(StatusGet());
        using var throttled = await cloud.SendAsync(StatusGet());
        time.Advance(TimeSpan.FromSeconds(1));
        using var refilled = await cloud.SendAsync(StatusGet());

        Assert.Equal(HttpStatusCode.BadRequest, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), throttled.Headers.RetryAfter!.Delta);
        var error = JsonDocument.Parse(await throttled.Content.ReadAsStringAsync()).RootElement.GetProperty("errors")[0];
        Assert.Equal("429", error.GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, refilled.StatusCode);
    }

    [Fact]
    public async Task SoapRoute_UnenrolledCertificateOverItsBurst_GetsTheUnAuthorisedFaultWith429()
    {
        await using var host = await StartAsync(new FakeTimeProvider(DateTimeOffset.UtcNow));
        using var stranger = IssueUnenrolled(host);
        using var cloud = host.CreateCloudClient(stranger);

        await SpendTheBurstAsync(cloud, SoapPost);
        using var throttled = await cloud.SendAsync(SoapPost());

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.NotNull(throttled.Headers.RetryAfter);
        XNamespace soap = "http://www.w3.org/2003/05/soap-envelope";
        var fault = XDocument.Parse(await throttled.Content.ReadAsStringAsync()).Root!.Element(soap + "Body")!.Element(soap + "Fault")!;
        Assert.Equal("UnAuthorised", fault.Element(soap + "Reason")!.Element(soap + "Text")!.Value);
    }

    [Theory]
    [InlineData(XiamsUrls.Tokens)]
    [InlineData(StartToken)]
    public async Task TokenEndpoint_UnenrolledCertificateOverItsBurst_Returns429WithoutReadingTheBody(string path)
    {
        await using var host = await StartAsync(new FakeTimeProvider(DateTimeOffset.UtcNow));
        using var stranger = IssueUnenrolled(host);
        using var cloud = host.CreateCloudClient(stranger);
        await SpendTheBurstAsync(cloud, () => FormPost(path));

        // Over the token endpoints' 64 KiB and no form: read, it would be refused with 400 or 413.
        using var huge = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(new string('%', 256 * 1024), System.Text.Encoding.ASCII, "application/x-www-form-urlencoded"),
        };
        using var throttled = await cloud.SendAsync(huge);

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1), throttled.Headers.RetryAfter!.Delta);
        var body = JsonDocument.Parse(await throttled.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("temporarily_unavailable", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task TokenEndpoint_UnenrolledCertificateOverItsBurst_AnswersBeforeTheBodyIsSent()
    {
        await using var host = await StartAsync(new FakeTimeProvider(DateTimeOffset.UtcNow));
        using var stranger = IssueUnenrolled(host);
        using var cloud = host.CreateCloudClient(stranger);
        await SpendTheBurstAsync(cloud, () => FormPost(XiamsUrls.Tokens));
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, host.CloudUrl.Port);
        await using var tls = new SslStream(tcp.GetStream());
        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = "localhost",
            ClientCertificates = [stranger],
            RemoteCertificateValidationCallback = (_, certificate, _, _) => host.TrustsServer(certificate as X509Certificate2),
        });

        // The headers promise a form (within the endpoint's limit); not a byte of it is sent.
        await tls.WriteAsync(System.Text.Encoding.ASCII.GetBytes(
            $"POST {XiamsUrls.Tokens} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 100\r\n\r\n"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var buffer = new byte[64];
        var read = await tls.ReadAsync(buffer, timeout.Token);

        Assert.StartsWith("HTTP/1.1 429 ", System.Text.Encoding.ASCII.GetString(buffer, 0, read), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnrolledClient_IsUnaffectedByAnotherCertificatesThrottling()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await StartAsync(time);
        using var stranger = IssueUnenrolled(host);
        using var strangerCloud = host.CreateCloudClient(stranger);
        await SpendTheBurstAsync(strangerCloud, () => StatusGet());
        using var throttled = await strangerCloud.SendAsync(StatusGet());
        using var certificate = host.LoadCloudClientCertificate();
        using var cloud = host.CreateCloudClient();

        using var call = await cloud.SendAsync(StatusGet(M2mTokens.Create(certificate, time.GetUtcNow(), TimeSpan.FromMinutes(9), startLogon: "TR24573773")));
        var (tokenStatus, _, _) = await TokenCalls.PostAsync(cloud, host.CloudClient, "Authorization", ("grant_type", "authorization_code"), ("code", "x"), ("redirect_uri", "y"));

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal(HttpStatusCode.OK, call.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, tokenStatus);
    }

    [Fact]
    public async Task CertificateEnrolledWhileThrottled_IsServedOnceItsLookupExpires()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await StartAsync(time);
        using var late = IssueUnenrolled(host);
        using var cloud = host.CreateCloudClient(late);
        await SpendTheBurstAsync(cloud, () => StatusGet());
        using var throttled = await cloud.SendAsync(StatusGet());
        await host.Server.Services.GetRequiredService<IClientStore>().AddClientAsync(
            new DspClient("Late_Dsp", "Late", ClientKind.Cloud, SecretHasher.Hash("s"), ["https://l.example/cb"], CertificateFiles.Sha256Thumbprint(late), time.GetUtcNow()) { Services = ["*"] },
            CancellationToken.None);

        time.Advance(TimeSpan.FromSeconds(6));
        using var served = await cloud.SendAsync(StatusGet(M2mTokens.Create(late, time.GetUtcNow(), TimeSpan.FromMinutes(9), startLogon: "TR24573773")));

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
    }

    /// <summary>A host whose unenrolled certificates may send 2 calls at once and 1 a second, set as an operator would.</summary>
    private static Task<WaharoaTestHost> StartAsync(FakeTimeProvider time) => WaharoaTestHost.StartAsync(time, configuration: new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Waharoa:Gateway:UnenrolledCertificates:RatePerSecond"] = "1",
            ["Waharoa:Gateway:UnenrolledCertificates:Burst"] = "2",
        }).Build());

    /// <summary>Sends the host's burst of calls (2), whatever they are answered.</summary>
    private static async Task SpendTheBurstAsync(HttpClient cloud, Func<HttpRequestMessage> call)
    {
        for (var i = 0; i < 2; i++)
        {
            using var request = call();
            using var response = await cloud.SendAsync(request);
        }
    }

    private static X509Certificate2 IssueUnenrolled(WaharoaTestHost host)
    {
        using var ca = host.DevelopmentCa();
        return ca.IssueClientCertificate("Nobody_" + Guid.NewGuid().ToString("N")[..8]);
    }

    private static HttpRequestMessage StatusGet(string authorization = "Bearer not-a-token")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/gateway/account/status");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return request;
    }

    private static HttpRequestMessage SoapPost() => new(HttpMethod.Post, "/gateway/gws/intermediation/")
    {
        Content = new StringContent("<not-soap/>", System.Text.Encoding.UTF8, "application/soap+xml"),
    };

    private static HttpRequestMessage FormPost(string path) => new(HttpMethod.Post, path)
    {
        Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
    };
}
