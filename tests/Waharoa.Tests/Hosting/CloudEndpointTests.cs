using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Time.Testing;
using Waharoa.Certificates;
using Waharoa.Testing;

namespace Waharoa.Tests.Hosting;

/// <summary>The cloud endpoint: TLS 1.2+, a client certificate from a trusted CA, and the one enrolled for the client.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CloudEndpointTests
{
    [Fact]
    public async Task Cloud_NoClientCertificate_ConnectionIsRefused()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var http = host.CreateCloudClientWithoutCertificate();

        await Assert.ThrowsAsync<HttpRequestException>(() => http.PostAsync(XiamsUrls.Tokens, new FormUrlEncodedContent([])));
    }

    [Fact]
    public async Task Cloud_CertificateFromAnotherCa_ConnectionIsRefused()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var otherCa = TestCertificateAuthority.Create("Some Other CA", TimeProvider.System);
        using var stranger = otherCa.IssueClientCertificate(host.CloudClient.ClientId);
        using var http = host.CreateCloudClient(stranger);

        await Assert.ThrowsAsync<HttpRequestException>(() => http.PostAsync(XiamsUrls.Tokens, new FormUrlEncodedContent([])));
    }

    [Fact]
    public async Task Cloud_ExpiredCertificate_ConnectionIsRefused()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var ca = host.DevelopmentCa();
        var now = DateTimeOffset.UtcNow;
        using var expired = ca.IssueClientCertificate(host.CloudClient.ClientId, now.AddHours(-20), now.AddHours(-1));
        using var http = host.CreateCloudClient(expired);

        await Assert.ThrowsAsync<HttpRequestException>(() => http.PostAsync(XiamsUrls.Tokens, new FormUrlEncodedContent([])));
    }

    [Fact]
    public async Task Cloud_CertificateFromTheCaButNotForClientAuthentication_ConnectionIsRefused()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var ca = host.DevelopmentCa();
        using var serverOnly = ca.IssueServerCertificate();
        using var http = host.CreateCloudClient(serverOnly);

        await Assert.ThrowsAsync<HttpRequestException>(() => http.PostAsync(XiamsUrls.Tokens, new FormUrlEncodedContent([])));
    }

    [Fact]
    public async Task Cloud_TrustedCertificateNotEnrolledForTheClient_ReturnsInvalidClient()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var ca = host.DevelopmentCa();
        using var other = ca.IssueClientCertificate("SomeoneElse");
        using var http = host.CreateCloudClient(other);

        var (status, body, _) = await TokenCalls.PostAsync(http, host.CloudClient, "Authorization", ("grant_type", "authorization_code"), ("code", "x"), ("redirect_uri", "y"));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("invalid_client", body.GetProperty("error").GetString());
        Assert.Equal("Business partner identifier invalid", body.GetProperty("error_description").GetString());
    }

    [Fact]
    public async Task Cloud_NativeClientWithoutEnrolledCertificate_ReturnsInvalidClient()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var http = host.CreateCloudClient();

        var (status, body, _) = await TokenCalls.PostAsync(http, host.NativeClient, "Authorization", ("grant_type", "authorization_code"), ("code", "x"), ("redirect_uri", "y"));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("invalid_client", body.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Endpoints_Tls11_IsRefusedAndTls12Accepted(bool cloud)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        var port = (cloud ? host.CloudUrl : host.DesktopUrl).Port;
        using var certificate = host.LoadCloudClientCertificate();

        Assert.True(await HandshakeAsync(host, port, SslProtocols.Tls12, certificate));
#pragma warning disable SYSLIB0039 // TLS 1.1 is what is being refused.
        Assert.False(await HandshakeAsync(host, port, SslProtocols.Tls11, certificate));
#pragma warning restore SYSLIB0039
    }

    private static async Task<bool> HandshakeAsync(WaharoaTestHost host, int port, SslProtocols protocol, X509Certificate2 certificate) =>
        await TlsHandshake.TryAsync(host, port, protocol, null, certificate) is not null;
}
