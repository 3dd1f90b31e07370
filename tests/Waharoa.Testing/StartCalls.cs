using System.Net;
using Waharoa.Server.Demo;

namespace Waharoa.Testing;

/// <summary>START IAM token, introspect and revoke calls, and the browser-free logon flow, for tests.</summary>
public static class StartCalls
{
    /// <summary>The HTTP client a real DSP of this kind uses: the cloud endpoint with its certificate, or the desktop endpoint.</summary>
    public static HttpClient ClientFor(WaharoaEndpoints host, DemoClient client) =>
        client.Kind == "cloud" ? host.CreateCloudClient() : host.CreateDesktopClient();

    public static async Task<StartReply> SendAsync(HttpClient http, HttpRequestMessage request)
    {
        using (request)
        {
            return await StartReply.ReadAsync(await http.SendAsync(request));
        }
    }

    /// <summary>POSTs a form to <paramref name="path"/> with a raw <c>Authorization</c> header (null: none).</summary>
    public static Task<StartReply> PostAsync(HttpClient http, string path, string? authorization, params (string Name, string Value)[] form) =>
        SendAsync(http, StartUrls.FormRequest(path, authorization, form));

    /// <summary>POSTs a form to <paramref name="path"/> authenticated with HTTP Basic as <paramref name="client"/>.</summary>
    public static Task<StartReply> PostAsync(HttpClient http, string path, DemoClient client, params (string Name, string Value)[] form) =>
        PostAsync(http, path, StartUrls.Basic(client.ClientId, client.ClientSecret), form);

    public static Task<StartReply> ExchangeCodeAsync(HttpClient http, DemoClient client, string code, string redirectUri, string? codeVerifier = null)
    {
        var form = new List<(string, string)> { ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectUri) };
        if (codeVerifier is not null)
        {
            form.Add(("code_verifier", codeVerifier));
        }

        return PostAsync(http, StartUrls.Token, client, [.. form]);
    }

    public static Task<StartReply> RefreshAsync(HttpClient http, DemoClient client, string refreshToken) =>
        PostAsync(http, StartUrls.Token, client, ("grant_type", "refresh_token"), ("refresh_token", refreshToken));

    public static Task<StartReply> IntrospectAsync(HttpClient http, DemoClient client, string token, string? hint = null) =>
        PostAsync(http, StartUrls.Introspect, client, hint is null ? [("token", token)] : [("token", token), ("token_type_hint", hint)]);

    public static Task<StartReply> RevokeAsync(HttpClient http, DemoClient client, string token, string? hint = null) =>
        PostAsync(http, StartUrls.Revoke, client, hint is null ? [("token", token)] : [("token", token), ("token_type_hint", hint)]);

    /// <summary>Runs START authorize → logon → (consent) in a fresh session and returns the code.</summary>
    public static async Task<string> NewCodeAsync(
        WaharoaEndpoints host, DemoClient client, string? redirectUri = null, DemoUser? user = null, string? codeChallenge = null)
    {
        using var session = new MyIrSession(host);
        user ??= host.User;
        var query = await session.AuthorizeAsync(
            StartUrls.AuthorizeUrl(client.ClientId, redirectUri ?? client.RedirectUri, codeChallenge: codeChallenge, codeChallengeMethod: codeChallenge is null ? null : "S256"),
            user.Logon, user.Password);
        return query["code"];
    }

    /// <summary>A code exchanged through START for <paramref name="client"/>; throws unless the exchange answered 200.</summary>
    public static async Task<StartReply> NewTokensAsync(WaharoaEndpoints host, HttpClient http, DemoClient client, DemoUser? user = null, string? redirectUri = null)
    {
        redirectUri ??= client.RedirectUri;
        var code = await NewCodeAsync(host, client, redirectUri, user);
        var reply = await ExchangeCodeAsync(http, client, code, redirectUri);
        if (reply.Status != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"START code exchange failed: {reply}");
        }

        return reply;
    }
}
