using System.Net;
using System.Text.Json;
using Waharoa.Server.Demo;

namespace Waharoa.Testing;

/// <summary>xIAMS token endpoint calls for tests.</summary>
public static class TokenCalls
{
    public static async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> PostAsync(
        HttpClient http, DemoClient client, string header = "Authorization", params (string Name, string Value)[] form)
    {
        using var request = XiamsUrls.TokenRequest(client.ClientId, client.ClientSecret, form.Select(f => KeyValuePair.Create(f.Name, f.Value)), header);
        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, body, response);
    }

    public static Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> ExchangeCodeAsync(HttpClient http, DemoClient client, string code, string redirectUri) =>
        PostAsync(http, client, "Authorization", ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectUri));

    public static Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> RefreshAsync(HttpClient http, DemoClient client, string refreshToken) =>
        PostAsync(http, client, "Authorization", ("grant_type", "refresh_token"), ("refresh_token", refreshToken));

    public static Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> ValidateAsync(HttpClient http, DemoClient client, string token, string attributes = "prn exp") =>
        PostAsync(http, client, "Authorization",
            ("grant_type", XiamsUrls.ResourceAccessGrant), ("oracle_token_action", "validate"), ("scope", "MYIR.Services"),
            ("assertion", token), ("oracle_token_attrs_retrieval", attributes));

    public static Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> DeleteAsync(HttpClient http, DemoClient client, string token) =>
        PostAsync(http, client, "Authorization",
            ("grant_type", XiamsUrls.ResourceAccessGrant), ("oracle_token_action", "delete"), ("assertion", token));

    /// <summary>Logs the demo user on through the pages and returns a fresh code for <paramref name="client"/>.</summary>
    public static async Task<string> NewCodeAsync(WaharoaEndpoints host, DemoClient client, DemoUser? user = null)
    {
        using var session = new MyIrSession(host);
        user ??= host.User;
        var query = await session.AuthorizeAsync(XiamsUrls.AuthorizeUrl(client.ClientId, client.RedirectUri), user.Logon, user.Password);
        return query["code"];
    }

    /// <summary>A full token set for <paramref name="client"/> (default the cloud client) on the cloud endpoint, as <paramref name="user"/> (default the demo user).</summary>
    public static async Task<(string AccessToken, string RefreshToken)> NewCloudTokensAsync(WaharoaEndpoints host, HttpClient cloud, DemoUser? user = null, DemoClient? client = null)
    {
        client ??= host.CloudClient;
        var code = await NewCodeAsync(host, client, user);
        var (status, body, _) = await ExchangeCodeAsync(cloud, client, code, client.RedirectUri);
        if (status != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"Exchange failed: {(int)status} {body}");
        }

        return (body.GetProperty("access_token").GetString()!, body.GetProperty("refresh_token").GetString()!);
    }
}
