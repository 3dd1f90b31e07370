using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Waharoa.Bench.Load;

/// <summary>The HTTP client of a measurement: HTTP/1.1, one connection per worker, kept alive, optionally with a client certificate.</summary>
internal static class LoadClient
{
    public static HttpClient Create(Uri baseAddress, int connections, X509Certificate2? trustedCa, X509Certificate2? clientCertificate, CookieContainer? cookies = null)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            AllowAutoRedirect = false,
            UseCookies = cookies is not null,
            CookieContainer = cookies ?? new CookieContainer(),
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        if (trustedCa is not null)
        {
            handler.SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) => errors == SslPolicyErrors.None || ChainsTo(certificate as X509Certificate2, trustedCa),
            };
        }

        if (clientCertificate is not null)
        {
            handler.SslOptions.ClientCertificates = [clientCertificate];
            handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => clientCertificate;
        }

        return new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    private static bool ChainsTo(X509Certificate2? certificate, X509Certificate2 ca)
    {
        if (certificate is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }
}
