using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Waharoa.Certificates;
using Waharoa.Server.Demo;
using Waharoa.Server.Hosting;

namespace Waharoa.Testing;

/// <summary>
/// A real Waharoa on real Kestrel and real TLS, bound to 127.0.0.1 on free ports, with its own data folder
/// and demo data; optionally on a <see cref="FakeTimeProvider"/>. Disposing stops it and deletes the folder.
/// </summary>
public sealed partial class WaharoaTestHost : IAsyncDisposable
{
    private readonly bool _ownsFolder;

    private WaharoaTestHost(WaharoaServer server, FakeTimeProvider? time, string dataDirectory, bool ownsFolder)
    {
        Server = server;
        Time = time;
        DataDirectory = dataDirectory;
        _ownsFolder = ownsFolder;
        CaCertificate = CertificateFiles.Load(server.Folder.CaCertificate);
    }

    public WaharoaServer Server { get; }

    public FakeTimeProvider? Time { get; }

    public string DataDirectory { get; }

    public X509Certificate2 CaCertificate { get; }

    public DemoCredentials Demo => Server.Demo ?? throw new InvalidOperationException("No demo data.");

    public DemoClient CloudClient => Demo.Clients.Single(c => c.Kind == "cloud");

    public DemoClient NativeClient => Demo.Clients.Single(c => c.Kind == "native");

    public DemoUser User => Demo.Users[0];

    public Uri DesktopUrl => Server.DesktopUrl;

    public Uri CloudUrl => Server.CloudUrl;

    /// <summary>Starts a host. Pass <paramref name="dataDirectory"/> to reuse a folder (it is then not deleted).</summary>
    public static async Task<WaharoaTestHost> StartAsync(
        FakeTimeProvider? time = null, Action<WaharoaOptions>? configure = null, string? dataDirectory = null)
    {
        var ownsFolder = dataDirectory is null;
        dataDirectory ??= Path.Combine(Path.GetTempPath(), "waharoa-test-" + Guid.NewGuid().ToString("N"));
        var options = new WaharoaOptions { DataDirectory = dataDirectory, DesktopPort = 0, CloudPort = 0 };
        configure?.Invoke(options);
        var server = await WaharoaServer.StartAsync(
            options,
            services =>
            {
                if (time is not null)
                {
                    services.AddSingleton<TimeProvider>(time);
                }
            },
            logging => logging.SetMinimumLevel(LogLevel.Warning));
        return new WaharoaTestHost(server, time, dataDirectory, ownsFolder);
    }

    /// <summary>An HTTP client for the desktop endpoint that trusts the development CA and does not follow redirects.</summary>
    public HttpClient CreateDesktopClient(CookieContainer? cookies = null) => new(Handler(null, cookies)) { BaseAddress = DesktopUrl };

    /// <summary>An HTTP client for the cloud endpoint presenting <paramref name="certificate"/> (default: the demo cloud client's).</summary>
    public HttpClient CreateCloudClient(X509Certificate2? certificate = null) =>
        new(Handler(certificate ?? LoadCloudClientCertificate(), null)) { BaseAddress = CloudUrl };

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

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        CaCertificate.Dispose();
        if (_ownsFolder)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still open on a slow shutdown; the temp folder is cleaned by the OS.
            }
        }
    }
}
