using System.Text.Json;
using System.Xml.Linq;
using Microsoft.Extensions.Logging;
using Waharoa.Testing;

namespace Waharoa.Tests.Gateway;

/// <summary>
/// Requests that are no upstream's fault, written by hand over real TLS: the gateway answers them as the token endpoint
/// does (400, 405, or nothing to a client that has gone), never with the upstream's 504 <c>GatewayError</c>, and a
/// client that hangs up mid-body is nothing worth a warning.
/// </summary>
public sealed class MalformedRequestTests
{
    private const string EchoPath = "/gateway/echo/things";
    private const string SoapPath = "/gateway/gws/intermediation/";

    [Fact]
    public async Task Gateway_NonAsciiHeaderValue_IsForwarded()
    {
        await using var upstream = await EchoUpstream.StartAsync();
        await using var host = await StartAsync(upstream);
        await using var call = await CloudCall.OpenAsync(host);

        await call.Connection.WriteAsync($"GET {EchoPath} HTTP/1.1\r\nHost: localhost\r\nAuthorization: {call.Jwt}\r\nX-Note: café\r\n\r\n");
        var response = await call.Connection.ReadResponseAsync();

        Assert.Equal(200, response!.Status);
        Assert.Equal("café", JsonDocument.Parse(response.Body).RootElement.GetProperty("headers").GetProperty("x-note").GetString());
    }

    [Fact]
    public async Task Gateway_ChunkedWithContentLength_Returns400NotGatewayError()
    {
        await using var upstream = await EchoUpstream.StartAsync();
        await using var host = await StartAsync(upstream);
        await using var call = await CloudCall.OpenAsync(host);

        // The smuggler's shape: the body is framed by Content-Length, which Transfer-Encoding overrides.
        await call.Connection.WriteAsync(
            $"POST {EchoPath} HTTP/1.1\r\nHost: localhost\r\nAuthorization: {call.Jwt}\r\nContent-Type: application/json\r\n"
            + "Transfer-Encoding: chunked\r\nContent-Length: 4\r\n\r\n{}{}");

        AssertMalformed(await call.Connection.ReadResponseAsync());
    }

    [Fact]
    public async Task Gateway_BadChunkSize_Returns400NotGatewayError()
    {
        await using var upstream = await EchoUpstream.StartAsync();
        await using var host = await StartAsync(upstream);
        await using var call = await CloudCall.OpenAsync(host);

        await call.Connection.WriteAsync(
            $"POST {EchoPath} HTTP/1.1\r\nHost: localhost\r\nAuthorization: {call.Jwt}\r\nContent-Type: application/json\r\n"
            + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n");

        AssertMalformed(await call.Connection.ReadResponseAsync());
    }

    [Fact]
    public async Task Gateway_BadChunkSizeOnASoapRoute_Returns400SenderFaultNotGatewayError()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        await using var call = await CloudCall.OpenAsync(host);

        await call.Connection.WriteAsync(
            $"POST {SoapPath} HTTP/1.1\r\nHost: localhost\r\nAuthorization: {call.Jwt}\r\nContent-Type: application/soap+xml\r\n"
            + "Transfer-Encoding: chunked\r\n\r\nzz\r\n<x/>\r\n0\r\n\r\n");
        var response = await call.Connection.ReadResponseAsync();

        Assert.Equal(400, response!.Status);
        Assert.StartsWith("application/soap+xml", response.Headers["Content-Type"], StringComparison.Ordinal);
        XNamespace s = "http://www.w3.org/2003/05/soap-envelope";
        Assert.Equal("s:Sender", XDocument.Parse(response.Body).Descendants(s + "Value").Single().Value);
    }

    [Fact]
    public async Task Gateway_Connect_Returns405NotGatewayError()
    {
        await using var upstream = await EchoUpstream.StartAsync();
        await using var host = await StartAsync(upstream);
        await using var call = await CloudCall.OpenAsync(host);

        await call.Connection.WriteAsync($"CONNECT {EchoPath} HTTP/1.1\r\nHost: localhost\r\nAuthorization: {call.Jwt}\r\n\r\n");
        var response = await call.Connection.ReadResponseAsync();

        Assert.Equal(405, response!.Status);
        Assert.Equal("405", JsonDocument.Parse(response.Body).RootElement.GetProperty("errors")[0].GetProperty("code").GetString());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Gateway_ClientHangsUpMidBody_GetsNoAnswer_AndNothingIsLoggedAboveDebug(bool reset)
    {
        var logs = new LogRecorder();
        await using var upstream = await EchoUpstream.StartAsync();
        await using var host = await StartAsync(upstream, logs);

        // A hang-up races the forwarder's read of the body; a few of them meet each way it can end.
        for (var i = 0; i < 5; i++)
        {
            await using var call = await CloudCall.OpenAsync(host);
            await call.Connection.WriteAsync(
                $"POST {EchoPath} HTTP/1.1\r\nHost: localhost\r\nAuthorization: {call.Jwt}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{{\"a\":");
            Assert.Null(await HangUpAsync(call.Connection, reset));
        }

        await AssertNothingAboveDebugAsync(logs);
    }

    private static Task<WaharoaTestHost> StartAsync(EchoUpstream upstream, LogRecorder? logs = null) =>
        WaharoaTestHost.StartAsync(configuration: upstream.Route("echo", "/gateway/echo/{**rest}", service: "echo"), logs: logs);

    /// <summary>Lets the server start reading the body, then half-closes or resets; what the server answered, if anything.</summary>
    private static async Task<RawResponse?> HangUpAsync(RawHttpsConnection connection, bool reset)
    {
        await Task.Delay(150);
        if (reset)
        {
            connection.Abort();
            return null;
        }

        await connection.HalfCloseAsync();
        return await connection.ReadResponseAsync();
    }

    private static async Task AssertNothingAboveDebugAsync(LogRecorder logs)
    {
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Empty(logs.AboveDebug());
    }

    private static void AssertMalformed(RawResponse? response)
    {
        Assert.Equal(400, response!.Status);
        var error = JsonDocument.Parse(response.Body).RootElement.GetProperty("errors")[0];
        Assert.Equal("400", error.GetProperty("code").GetString());
        Assert.Equal("validation", error.GetProperty("type").GetString());
    }

    /// <summary>A raw connection to the cloud endpoint with the demo cloud client's certificate, and an M2M JWT of it.</summary>
    private sealed class CloudCall : IAsyncDisposable
    {
        private readonly System.Security.Cryptography.X509Certificates.X509Certificate2 _certificate;

        private CloudCall(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate, RawHttpsConnection connection)
        {
            _certificate = certificate;
            Connection = connection;
            Jwt = M2mTokens.Create(certificate, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(9));
        }

        public RawHttpsConnection Connection { get; }

        public string Jwt { get; }

        public static async Task<CloudCall> OpenAsync(WaharoaTestHost host)
        {
            var certificate = host.LoadCloudClientCertificate();
            return new CloudCall(certificate, await RawHttpsConnection.OpenAsync(host, host.CloudUrl, certificate));
        }

        public async ValueTask DisposeAsync()
        {
            await Connection.DisposeAsync();
            _certificate.Dispose();
        }
    }
}
