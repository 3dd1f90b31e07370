using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Waharoa.Bench.Load;
using Waharoa.Bench.Workloads;

namespace Waharoa.Bench.Tokens;

/// <summary>
/// node's oidc-provider as <c>bench/oidc/server.mjs</c> runs it, and refresh tokens from it got through its own
/// authorization code flow: authorize, its interaction pages (which that script answers as a signed-in user who
/// consents), the redirect with the code, and the code exchanged with PKCE and HTTP Basic.
/// </summary>
internal sealed class OidcProviderTarget(Uri baseUrl, X509Certificate2 trustedCa, X509Certificate2 clientCertificate, string clientId, string clientSecret, string redirectUri)
{
    public const string Scope = "MYIR.Services";

    public Uri BaseUrl => baseUrl;

    /// <summary><paramref name="count"/> refresh tokens, each from its own browser session and so its own grant.</summary>
    public async Task<IReadOnlyList<string>> RefreshTokensAsync(int count, CancellationToken cancellationToken)
    {
        var tokens = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            tokens.Add(await RefreshTokenAsync(cancellationToken));
        }

        return tokens;
    }

    private async Task<string> RefreshTokenAsync(CancellationToken cancellationToken)
    {
        using var browser = LoadClient.Create(baseUrl, 1, trustedCa, clientCertificate, new CookieContainer());
        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var location = QueryHelpers.AddQueryString("/auth", new Dictionary<string, string?>
        {
            ["client_id"] = clientId,
            ["response_type"] = "code",
            ["redirect_uri"] = redirectUri,
            ["scope"] = Scope,
            ["state"] = Guid.NewGuid().ToString(),
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
        });

        string? code = null;
        for (var hop = 0; hop < 10 && code is null; hop++)
        {
            using var response = await browser.GetAsync(location, cancellationToken);
            var next = response.Headers.Location ?? throw new InvalidOperationException(
                $"oidc-provider: expected a redirect from {location}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            location = next.IsAbsoluteUri ? next.ToString() : new Uri(baseUrl, next).ToString();
            if (location.StartsWith(redirectUri, StringComparison.Ordinal))
            {
                var query = QueryHelpers.ParseQuery(new Uri(location).Query);
                code = query.TryGetValue("code", out var value) ? value.ToString()
                    : throw new InvalidOperationException($"oidc-provider refused the authorization: {location}");
            }
        }

        using var exchange = new HttpRequestMessage(HttpMethod.Post, "/token")
        {
            Content = FormBody.Create(("grant_type", "authorization_code"), ("code", code!), ("redirect_uri", redirectUri), ("code_verifier", verifier)),
        };
        exchange.Headers.TryAddWithoutValidation("Authorization", FormBody.Basic(clientId, clientSecret));
        using var answer = await browser.SendAsync(exchange, cancellationToken);
        var body = await answer.Content.ReadAsByteArrayAsync(cancellationToken);
        return answer.StatusCode == HttpStatusCode.OK && FormBody.ReadString(body, "refresh_token") is { Length: > 0 } refresh
            ? refresh
            : throw new InvalidOperationException("oidc-provider code exchange failed: " + FormBody.Describe(answer.StatusCode, body));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
