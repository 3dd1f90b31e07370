using Waharoa.Bench.Load;
using Waharoa.Bench.Tokens;
using Waharoa.Testing;

namespace Waharoa.Bench.Workloads;

/// <summary>The measurements by name, each with the HTTP client it is sent through.</summary>
internal static class BenchWorkloads
{
    public const string XiamsRefresh = "xiams-refresh";
    public const string StartRefresh = "start-refresh";
    public const string XiamsValidate = "xiams-validate";
    public const string StartIntrospect = "start-introspect";
    public const string Gateway = "gateway";
    public const string GatewayM2m = "gateway-m2m";
    public const string Direct = "direct";
    public const string Nginx = "nginx";

    /// <summary>Waharoa's cloud listener before a bare YARP forwarder (<c>floor</c>): what the framework costs without the gateway's work.</summary>
    public const string Floor = "floor";
    public const string OidcRefresh = "oidc-refresh";

    /// <summary>The row names of <see cref="Gateway"/> and <see cref="Direct"/> sent over one connection: latency without queueing.</summary>
    public const string GatewayOneConnection = "gateway-1";
    public const string DirectOneConnection = "direct-1";
    public const string FloorOneConnection = "floor-1";

    /// <summary>
    /// The row names of <see cref="Nginx"/>, <see cref="Gateway"/> and <see cref="GatewayM2m"/> with the server pinned to
    /// one core and the load generator to the other (<c>taskset</c>).
    /// </summary>
    public const string NginxPinned = "nginx-pinned";
    public const string FloorPinned = "floor-pinned";
    public const string GatewayPinned = "gateway-pinned";
    public const string GatewayM2mPinned = "gateway-m2m-pinned";

    /// <summary>The row name of <see cref="Gateway"/> measured on a server started with <c>Waharoa:Calls:Record=false</c>: what recording costs.</summary>
    public const string GatewayUnrecorded = "gateway-unrecorded";

    /// <summary>The gateway route <c>bench/run</c> configures to the trivial upstream.</summary>
    public const string GatewayPath = "/gateway/bench/hello";

    /// <summary>Where oidc-provider's client is sent back to (never fetched: the code is read from the redirect).</summary>
    public const string OidcRedirectUri = "https://mycompdomain.com/returnpath";

    public static readonly string[] Names = [XiamsRefresh, StartRefresh, XiamsValidate, StartIntrospect, Gateway, GatewayM2m, Direct, Nginx, Floor, OidcRefresh];

    public static (IWorkload Workload, HttpClient Http) Create(string name, WaharoaTarget waharoa, int connections, int upstreamPort, int oidcPort, int nginxPort, int floorPort)
    {
        var client = waharoa.CloudClient;
        var basic = FormBody.Basic(client.ClientId, client.ClientSecret);
        var cloud = LoadClient.Create(waharoa.CloudUrl, connections, waharoa.CaCertificate, waharoa.LoadCloudClientCertificate());
        TokenSource xiamsRefresh = async (n, _) => [.. (await waharoa.XiamsTokensAsync(n)).Select(t => t.Refresh)];
        TokenSource xiamsAccess = async (n, _) => [.. (await waharoa.XiamsTokensAsync(n)).Select(t => t.Access)];
        TokenSource startRefresh = async (n, _) => [.. (await waharoa.StartTokensAsync(n)).Select(t => t.Refresh)];
        TokenSource startAccess = async (n, _) => [.. (await waharoa.StartTokensAsync(n)).Select(t => t.Access)];
        TokenSource bearer = async (n, ct) => [.. (await xiamsAccess(n, ct)).Select(t => "Bearer " + t)];
        TokenSource m2m = (n, _) =>
        {
            // The demo cloud client's TLS certificate is enrolled as its M2M signing certificate too.
            using var signer = waharoa.LoadCloudClientCertificate();
            return Task.FromResult<IReadOnlyList<string>>([.. Enumerable.Repeat(M2mJwt.Create(signer, DateTimeOffset.UtcNow), n)]);
        };

        switch (name)
        {
            case XiamsRefresh:
                return (new RefreshChainWorkload(XiamsUrls.Tokens, basic, xiamsRefresh), cloud);
            case StartRefresh:
                return (new RefreshChainWorkload(StartUrls.Token, basic, startRefresh), cloud);
            case XiamsValidate:
                return (new TokenCheckWorkload(XiamsUrls.Tokens, basic, xiamsAccess, token =>
                [
                    ("grant_type", XiamsUrls.ResourceAccessGrant), ("oracle_token_action", "validate"), ("scope", "MYIR.Services"),
                    ("assertion", token), ("oracle_token_attrs_retrieval", "prn exp"),
                ], "\"successful\":true"), cloud);
            case StartIntrospect:
                return (new TokenCheckWorkload(StartUrls.Introspect, basic, startAccess, token => [("token", token)], "\"active\":true"), cloud);
            case Gateway:
                return (new GetWorkload(GatewayPath, bearer), cloud);
            case GatewayM2m:
                return (new GetWorkload(GatewayPath, m2m), cloud);
            case Direct:
                cloud.Dispose();
                return (new GetWorkload("/hello", null), LoadClient.Create(new Uri($"http://127.0.0.1:{upstreamPort}"), connections, null, null));
            case Nginx:
                // nginx checks the client certificate against the same CA and proxies the same path: no token.
                cloud.Dispose();
                return (new GetWorkload(GatewayPath, null),
                    LoadClient.Create(new Uri($"https://localhost:{nginxPort}"), connections, waharoa.CaCertificate, waharoa.LoadCloudClientCertificate()));
            case Floor:
                // The same listener as the gateway's cloud endpoint (mutual TLS), no token: the framework's own cost.
                cloud.Dispose();
                return (new GetWorkload(GatewayPath, null),
                    LoadClient.Create(new Uri($"https://localhost:{floorPort}"), connections, waharoa.CaCertificate, waharoa.LoadCloudClientCertificate()));
            case OidcRefresh:
                cloud.Dispose();
                var oidc = new OidcProviderTarget(
                    new Uri($"https://localhost:{oidcPort}"), waharoa.CaCertificate, waharoa.LoadCloudClientCertificate(), client.ClientId, client.ClientSecret, OidcRedirectUri);
                return (new RefreshChainWorkload("/token", basic, async (n, ct) => await oidc.RefreshTokensAsync(n, ct)),
                    LoadClient.Create(oidc.BaseUrl, connections, waharoa.CaCertificate, waharoa.LoadCloudClientCertificate()));
            default:
                cloud.Dispose();
                throw new ArgumentException($"Unknown workload '{name}'; one of {string.Join(", ", Names)}.");
        }
    }
}
