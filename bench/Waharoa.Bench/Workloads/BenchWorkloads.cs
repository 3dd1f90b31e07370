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
    public const string Direct = "direct";
    public const string OidcRefresh = "oidc-refresh";

    /// <summary>The row names of <see cref="Gateway"/> and <see cref="Direct"/> sent over one connection: latency without queueing.</summary>
    public const string GatewayOneConnection = "gateway-1";
    public const string DirectOneConnection = "direct-1";

    /// <summary>The gateway route <c>bench/run</c> configures to the trivial upstream.</summary>
    public const string GatewayPath = "/gateway/bench/hello";

    /// <summary>Where oidc-provider's client is sent back to (never fetched: the code is read from the redirect).</summary>
    public const string OidcRedirectUri = "https://mycompdomain.com/returnpath";

    public static readonly string[] Names = [XiamsRefresh, StartRefresh, XiamsValidate, StartIntrospect, Gateway, Direct, OidcRefresh];

    public static (IWorkload Workload, HttpClient Http) Create(string name, WaharoaTarget waharoa, int connections, int upstreamPort, int oidcPort)
    {
        var client = waharoa.CloudClient;
        var basic = FormBody.Basic(client.ClientId, client.ClientSecret);
        var cloud = LoadClient.Create(waharoa.CloudUrl, connections, waharoa.CaCertificate, waharoa.LoadCloudClientCertificate());
        TokenSource xiamsRefresh = async (n, _) => [.. (await waharoa.XiamsTokensAsync(n)).Select(t => t.Refresh)];
        TokenSource xiamsAccess = async (n, _) => [.. (await waharoa.XiamsTokensAsync(n)).Select(t => t.Access)];
        TokenSource startRefresh = async (n, _) => [.. (await waharoa.StartTokensAsync(n)).Select(t => t.Refresh)];
        TokenSource startAccess = async (n, _) => [.. (await waharoa.StartTokensAsync(n)).Select(t => t.Access)];

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
                return (new GetWorkload(GatewayPath, xiamsAccess), cloud);
            case Direct:
                cloud.Dispose();
                return (new GetWorkload("/hello", null), LoadClient.Create(new Uri($"http://127.0.0.1:{upstreamPort}"), connections, null, null));
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
