using System.Net.Security;
using System.Net;
using System.Security.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Waharoa.Grants;
using Waharoa.Server.Endpoints;
using Waharoa.Server.Tls;

namespace Waharoa.Server.Hosting;

/// <summary>The two gateway endpoints' Kestrel listeners.</summary>
internal static class EndpointListeners
{
    // Only OpenSSL (Linux) lets a server choose its suites; elsewhere the platform's own list applies.
    private static readonly CipherSuitesPolicy? IrSuites = OperatingSystem.IsLinux() ? new CipherSuitesPolicy(TlsOptions.IrCipherSuites) : null;

    /// <summary>
    /// One endpoint: TLS 1.2 or 1.3 only, with IR's six suites under IR's policy. The cloud endpoint requires a client certificate that chains to a trusted
    /// CA and is valid for client authentication; one that does not is refused during the handshake.
    /// </summary>
    public static ListenOptions Listen(
        KestrelServerOptions kestrel, IPAddress address, int port, GatewayEndpoint endpoint, ServerCertificates certificates, TlsPolicy policy, TimeProvider time)
    {
        ListenOptions? bound = null;
        kestrel.Listen(address, port, listen =>
        {
            bound = listen;
            listen.TagAs(endpoint);
            listen.UseHttps(https =>
            {
                https.ServerCertificate = certificates.Server;
                https.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
                if (policy == TlsPolicy.Ir && IrSuites is { } suites)
                {
                    https.OnAuthenticate = (_, ssl) => ssl.CipherSuitesPolicy = suites;
                }

                if (endpoint == GatewayEndpoint.Cloud)
                {
                    https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
                    https.ClientCertificateValidation = (certificate, _, _) => certificates.IsTrustedClientCertificate(certificate, time);
                }
                else
                {
                    https.ClientCertificateMode = ClientCertificateMode.NoCertificate;
                }
            });
        });
        return bound!;
    }
}
