using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Waharoa.Certificates;
using Waharoa.Server.Demo;
using Waharoa.Server.Data;
using Waharoa.Server.Hosting;

namespace Waharoa.Testing;

/// <summary>A running Waharoa seen from outside: its two endpoints, its demo data, and HTTP clients that trust its CA.</summary>
public abstract class WaharoaEndpoints : IDisposable
{
    private DemoCredentials? _demo;

    protected WaharoaEndpoints(DataFolder folder)
    {
        Folder = folder;
        CaCertificate = CertificateFiles.Load(folder.CaCertificate);
    }

    public DataFolder Folder { get; }

    public X509Certificate2 CaCertificate { get; }

    public abstract Uri DesktopUrl { get; }

    public abstract Uri CloudUrl { get; }

    public DemoCredentials Demo => _demo ??= DemoData.Read(Folder.DemoFile) ?? throw new InvalidOperationException("No demo data.");

    /// <summary>The development CA of an instance on the embedded store (whose folder keeps the CA's key), to issue test certificates.</summary>
    public TestCertificateAuthority DevelopmentCa() =>
        new(CertificateFiles.LoadWithKey(Folder.CaCertificate, Folder.CaKey), TimeProvider.System);

    public DemoClient CloudClient => Demo.Clients.Single(c => c.Kind == "cloud");

    public DemoClient NativeClient => Demo.Clients.Single(c => c.Kind == "native");

    public DemoUser User => Demo.Users[0];

    /// <summary>An HTTP client for the desktop endpoint that trusts the development CA and does not follow redirects.</summary>
    public HttpClient CreateDesktopClient(CookieContainer? cookies = null) => new(Handler(null, cookies)) { BaseAddress = DesktopUrl };

    /// <summary>An HTTP client for the cloud endpoint presenting <paramref name="certificate"/> (default: the demo cloud client's).</summary>
    public HttpClient CreateCloudClient(X509Certificate2? certificate = null) =>
        new(Handler(certificate ?? LoadCloudClientCertificate(), null)) { BaseAddress = CloudUrl };

    /// <summary>An HTTP client for the control API at <paramref name="controlUrl"/> that trusts the development CA.</summary>
    public HttpClient CreateControlClient(Uri controlUrl) => new(Handler(null, null)) { BaseAddress = controlUrl };

    /// <summary>An HTTP client for the cloud endpoint presenting no client certificate.</summary>
    public HttpClient CreateCloudClientWithoutCertificate() => new(Handler(null, null)) { BaseAddress = CloudUrl };

    public X509Certificate2 LoadCloudClientCertificate() =>
        CertificateFiles.LoadWithKey(CloudClient.Certificate!, CloudClient.CertificateKey!);

    /// <summary>Validates a server certificate against the development CA only.</summary>
    public bool TrustsServer(X509Certificate2? certificate)
    {
        if (certificate is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(CaCertificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate);
    }

    private SocketsHttpHandler Handler(X509Certificate2? clientCertificate, CookieContainer? cookies)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = cookies is not null,
            CookieContainer = cookies ?? new CookieContainer(),
            PooledConnectionLifetime = TimeSpan.FromSeconds(30),
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                    errors == SslPolicyErrors.None || TrustsServer(certificate as X509Certificate2),
            },
        };
        if (clientCertificate is not null)
        {
            handler.SslOptions.ClientCertificates = [clientCertificate];
            handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => clientCertificate;
        }

        return handler;
    }

    public void Dispose()
    {
        CaCertificate.Dispose();
        GC.SuppressFinalize(this);
    }
}
