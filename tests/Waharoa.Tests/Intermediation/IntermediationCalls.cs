using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml.Linq;
using Waharoa.Certificates;
using Waharoa.Clients;
using Waharoa.Security;
using Waharoa.Testing;
using Waharoa.Server.Demo;
using Waharoa.Storage;

namespace Waharoa.Tests.Intermediation;

/// <summary>Calls the Intermediation service over the cloud endpoint as a DSP would: SOAP 1.2 with an OAuth access token of a myIR logon.</summary>
internal sealed class IntermediationCalls : IDisposable
{
    public const string Path = "/gateway/gws/intermediation/";
    public const string SecurePath = "/secure/gateway/gws/intermediation/";

    /// <summary>The password of every logon of the intermediation seed.</summary>
    public const string Password = "Password1!";

    private readonly X509Certificate2 _certificate;
    private readonly DemoClient? _client;
    private readonly Dictionary<string, string> _bearers = new(StringComparer.Ordinal);

    public IntermediationCalls(WaharoaEndpoints host)
        : this(host, host.LoadCloudClientCertificate(), null)
    {
    }

    /// <summary>Calls as <paramref name="client"/> (default the demo cloud client), presenting <paramref name="certificate"/>, which the calls own.</summary>
    private IntermediationCalls(WaharoaEndpoints host, X509Certificate2 certificate, DemoClient? client)
    {
        Host = host;
        _certificate = certificate;
        _client = client;
        Http = host.CreateCloudClient(_certificate);
    }

    /// <summary>
    /// Calls as a cloud DSP client <paramref name="clientId"/>, registered here with a certificate from the development CA,
    /// enrolled for every service, and with <paramref name="softwarePlatforms"/> as the platform values IR onboarded it with.
    /// </summary>
    public static Task<IntermediationCalls> AsOnboardedDspAsync(WaharoaTestHost host, string clientId, params string[] softwarePlatforms) =>
        AsOnboardedDspAsync(host, clientId, certificateNotAfter: null, softwarePlatforms);

    /// <summary>
    /// As <see cref="AsOnboardedDspAsync(WaharoaTestHost, string, string[])"/>, with a certificate valid until
    /// <paramref name="certificateNotAfter"/> (default two years): for calls on a clock moved on further than that.
    /// </summary>
    public static async Task<IntermediationCalls> AsOnboardedDspAsync(WaharoaTestHost host, string clientId, DateTimeOffset? certificateNotAfter, params string[] softwarePlatforms)
    {
        var clients = (IClientStore)host.Server.Services.GetService(typeof(IClientStore))!;
        using var ca = host.DevelopmentCa();
        var certificate = ca.IssueClientCertificate(clientId, notAfter: certificateNotAfter);
        const string Secret = "onboarded-dsp-secret-2026";
        const string Callback = "https://onboarded.example/callback";
        await clients.AddClientAsync(
            new DspClient(clientId, clientId, ClientKind.Cloud, SecretHasher.Hash(Secret), [Callback], CertificateFiles.Sha256Thumbprint(certificate), DateTimeOffset.UtcNow)
            {
                Services = ["*"],
                SoftwarePlatforms = softwarePlatforms,
            },
            CancellationToken.None);
        return new IntermediationCalls(host, certificate, new DemoClient(clientId, Secret, Callback, [Callback], "cloud", null, null));
    }

    public WaharoaEndpoints Host { get; }

    public HttpClient Http { get; }

    /// <summary>
    /// "Bearer " and an OAuth access token of <paramref name="logon"/> (a seeded logon, password <see cref="Password"/>), through
    /// the real myIR logon and code exchange: Intermediation takes OAuth only. One sign-in per logon for these calls.
    /// </summary>
    public async Task<string> BearerForAsync(string logon)
    {
        if (!_bearers.TryGetValue(logon, out var bearer))
        {
            var (access, _) = await TokenCalls.NewCloudTokensAsync(Host, Http, new DemoUser(logon, Password), _client);
            bearer = _bearers[logon] = "Bearer " + access;
        }

        return bearer;
    }

    /// <summary>Posts <paramref name="envelope"/> as <paramref name="logon"/> and returns the SOAP response (HTTP 200 expected).</summary>
    public async Task<SoapAnswer> SendAsync(string logon, XDocument envelope, string path = Path)
    {
        using var response = await PostAsync(envelope.ToString(SaveOptions.DisableFormatting), await BearerForAsync(logon), path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"HTTP {(int)response.StatusCode}: {text}");
        Assert.Equal("application/soap+xml", response.Content.Headers.ContentType?.MediaType);
        return new SoapAnswer(XDocument.Parse(text));
    }

    public async Task<HttpResponseMessage> PostAsync(string body, string? authorization, string path = Path, string mediaType = "application/soap+xml")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await Http.SendAsync(request);
    }

    public void Dispose()
    {
        Http.Dispose();
        _certificate.Dispose();
    }
}
