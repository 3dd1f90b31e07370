using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Waharoa.Testing;

/// <summary>A raw TLS handshake with one of Waharoa's endpoints, offering only what a test chooses.</summary>
public static class TlsHandshake
{
    /// <summary>
    /// The suite negotiated over <paramref name="protocol"/>, offering only <paramref name="suites"/> (null: the
    /// platform's) and presenting <paramref name="certificate"/>; null when the handshake or the first exchange fails.
    /// </summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public static async Task<TlsCipherSuite?> TryAsync(
        WaharoaEndpoints host, int port, SslProtocols protocol, TlsCipherSuite[]? suites, X509Certificate2? certificate)
    {
        ArgumentNullException.ThrowIfNull(host);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        await using var tls = new SslStream(tcp.GetStream());
        try
        {
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                EnabledSslProtocols = protocol,
                CipherSuitesPolicy = suites is null ? null : new CipherSuitesPolicy(suites),
                ClientCertificates = certificate is null ? null : [certificate],
                RemoteCertificateValidationCallback = (_, cert, _, _) => host.TrustsServer(cert as X509Certificate2),
            });

            // A read proves the session is up (TLS 1.3 servers may refuse a client certificate after the handshake).
            await tls.WriteAsync("GET /health/live HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"u8.ToArray());
            var buffer = new byte[16];
            return await tls.ReadAsync(buffer) > 0 ? tls.NegotiatedCipherSuite : null;
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
