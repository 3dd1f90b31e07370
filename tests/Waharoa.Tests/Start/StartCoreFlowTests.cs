using Microsoft.Extensions.Configuration;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using Waharoa.Testing;

namespace Waharoa.Tests.Start;

/// <summary>START IAM end to end over HTTP: authorize with PKCE, code exchange, introspection, refresh rotation, revocation.</summary>
public sealed class StartCoreFlowTests
{
    private const string Authorize = "/gateway3/oauth/authorize";
    private const string Token = "/gateway3/oauth/token";
    private const string Introspect = "/gateway3/oauth/introspect";
    private const string Revoke = "/gateway3/oauth/revoke";

    [Fact]
    public async Task CloudClient_CodeWithPkce_TokensIntrospectRefreshAndRevoke()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        var client = host.CloudClient;
        var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        using var session = new MyIrSession(host);
        var query = await session.AuthorizeAsync(
            $"{Authorize}?response_type=code&client_id={client.ClientId}&redirect_uri={Uri.EscapeDataString(client.RedirectUri)}&scope=MYIR.Services&state=s-1&code_challenge={challenge}&code_challenge_method=S256",
            host.User.Logon, host.User.Password);
        Assert.Equal("s-1", query["state"]);
        Assert.Equal(100, query["code"].Length);
        using var http = host.CreateCloudClient();

        var (status, body, raw) = await PostAsync(http, Token, client.ClientId, client.ClientSecret,
            ("grant_type", "authorization_code"), ("code", query["code"]), ("redirect_uri", client.RedirectUri), ("code_verifier", verifier));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["access_token", "token_type", "expires_in", "scope", "refresh_token"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal("28800", body.GetProperty("expires_in").GetString());
        Assert.Equal(50, body.GetProperty("refresh_token").GetString()!.Length);
        Assert.DoesNotContain(" ", raw, StringComparison.Ordinal);
        var access = body.GetProperty("access_token").GetString()!;

        var (_, introspected, _) = await PostAsync(http, Introspect, client.ClientId, client.ClientSecret, ("token", access), ("token_type_hint", "access_token"));
        Assert.Equal(["active", "client_id", "username", "scope", "sub", "exp", "iat"], introspected.EnumerateObject().Select(p => p.Name));
        Assert.Equal(host.User.Logon, introspected.GetProperty("username").GetString());

        var refresh = body.GetProperty("refresh_token").GetString()!;
        var (refreshStatus, refreshed, _) = await PostAsync(http, Token, client.ClientId, client.ClientSecret, ("grant_type", "refresh_token"), ("refresh_token", refresh));
        Assert.Equal(HttpStatusCode.OK, refreshStatus);
        var (reuseStatus, reused, _) = await PostAsync(http, Token, client.ClientId, client.ClientSecret, ("grant_type", "refresh_token"), ("refresh_token", refresh));
        Assert.Equal(HttpStatusCode.Unauthorized, reuseStatus);
        Assert.Equal("Refresh token is invalid.", reused.GetProperty("error_description").GetString());
        var (_, afterReuse, _) = await PostAsync(http, Introspect, client.ClientId, client.ClientSecret, ("token", refreshed.GetProperty("access_token").GetString()!));
        Assert.False(afterReuse.GetProperty("active").GetBoolean());

        var (revokeStatus, _, revokeRaw) = await PostAsync(http, Revoke, client.ClientId, client.ClientSecret, ("token", access));
        Assert.Equal(HttpStatusCode.OK, revokeStatus);
        Assert.Equal(string.Empty, revokeRaw);
    }

    [Fact]
    public async Task LogonPage_OfStartAuthorize_RefusesToBeFramed()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var http = host.CreateDesktopClient();

        using var page = await http.GetAsync(
            $"{Authorize}?response_type=code&client_id={host.CloudClient.ClientId}&redirect_uri={Uri.EscapeDataString(host.CloudClient.RedirectUri)}&scope=MYIR.Services");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("action=\"/myir/logon\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lifetimes_ComeFromTheConfigurationsWaharoaSection()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Waharoa:Start:AuthorizationCodeLifetime"] = "00:01:00",
                ["Waharoa:Start:AccessTokenLifetime"] = "00:30:00",
            })
            .Build();
        await using var host = await WaharoaTestHost.StartAsync(time, configuration: configuration);
        var client = host.CloudClient;
        using var http = host.CreateDesktopClient();
        async Task<string> CodeAsync()
        {
            using var session = new MyIrSession(host);
            return (await session.AuthorizeAsync(
                $"{Authorize}?response_type=code&client_id={client.ClientId}&redirect_uri={Uri.EscapeDataString(client.RedirectUri)}&scope=MYIR.Services",
                host.User.Logon, host.User.Password))["code"];
        }

        var stale = await CodeAsync();
        time.Advance(TimeSpan.FromSeconds(61));
        var (expiredStatus, expired, _) = await PostAsync(http, Token, client.ClientId, client.ClientSecret,
            ("grant_type", "authorization_code"), ("code", stale), ("redirect_uri", client.RedirectUri));
        var (status, body, _) = await PostAsync(http, Token, client.ClientId, client.ClientSecret,
            ("grant_type", "authorization_code"), ("code", await CodeAsync()), ("redirect_uri", client.RedirectUri));

        Assert.Equal(HttpStatusCode.Unauthorized, expiredStatus);
        Assert.Equal("The authorization code has expired.", expired.GetProperty("error_description").GetString());
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("1800", body.GetProperty("expires_in").GetString());
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body, string Raw)> PostAsync(
        HttpClient http, string path, string clientId, string secret, params (string Name, string Value)[] form)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent(form.Select(f => KeyValuePair.Create(f.Name, f.Value))),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{secret}")));
        using var response = await http.SendAsync(request);
        var raw = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, raw.Length == 0 ? default : JsonDocument.Parse(raw).RootElement.Clone(), raw);
    }
}
