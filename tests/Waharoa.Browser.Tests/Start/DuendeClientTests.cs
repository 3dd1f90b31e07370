using System.Net;
using System.Text.Json;
using Duende.IdentityModel;
using Duende.IdentityModel.Client;
using Waharoa.Server.Demo;
using Waharoa.Testing;
using static Microsoft.Playwright.Assertions;

namespace Waharoa.Browser.Tests.Start;

/// <summary>
/// START IAM driven by an OAuth client nobody here wrote (Duende.IdentityModel): its authorize URL and PKCE in
/// Chromium through the myIR logon and consent pages, then its code exchange, refresh, introspection and revocation.
/// </summary>
public sealed class DuendeClientTests
{
    [Fact]
    public async Task Duende_CloudClientWithPkce_ExchangesRefreshesIntrospectsAndRevokes()
    {
        await using var session = await BrowserSession.StartAsync();
        var host = session.Host;
        var client = host.CloudClient;
        var verifier = CryptoRandom.CreateUniqueId(32, CryptoRandom.OutputFormat.Base64Url);
        var state = CryptoRandom.CreateUniqueId(16, CryptoRandom.OutputFormat.Hex);

        var callback = await AuthorizeInBrowserAsync(session, client, state, StartUrls.S256(verifier));

        Assert.False(callback.IsError, callback.Error);
        Assert.Equal(state, callback.State);
        Assert.Matches("^[2-9bcdfghjkmnpqrstvwxyz]{100}$", callback.Code);

        using var cloud = host.CreateCloudClient();
        var token = await cloud.RequestAuthorizationCodeTokenAsync(new AuthorizationCodeTokenRequest
        {
            Address = Endpoint(host.CloudUrl, StartUrls.Token),
            ClientId = client.ClientId,
            ClientSecret = client.ClientSecret,
            Code = callback.Code!,
            RedirectUri = client.RedirectUri,
            CodeVerifier = verifier,
        });

        Assert.False(token.IsError, $"{token.Error}: {token.ErrorDescription} {token.Raw}");
        Assert.Equal(HttpStatusCode.OK, token.HttpStatusCode);
        Assert.False(string.IsNullOrEmpty(token.AccessToken));
        Assert.Equal(50, token.RefreshToken?.Length);
        Assert.Equal("Bearer", token.TokenType);
        Assert.Equal(28800, token.ExpiresIn);
        Assert.Equal("MYIR.Services", token.Scope);
        Assert.Equal(JsonValueKind.String, token.Json?.GetProperty("expires_in").ValueKind);
        Assert.Contains("\"expires_in\":\"28800\"", token.Raw, StringComparison.Ordinal);

        var introspection = await cloud.IntrospectTokenAsync(new TokenIntrospectionRequest
        {
            Address = Endpoint(host.CloudUrl, StartUrls.Introspect),
            ClientId = client.ClientId,
            ClientSecret = client.ClientSecret,
            Token = token.AccessToken,
            TokenTypeHint = "access_token",
        });

        Assert.False(introspection.IsError, introspection.Error);
        Assert.True(introspection.IsActive);
        Assert.Equal(host.User.Logon, introspection.UserName);
        Assert.Equal(client.ClientId, introspection.ClientId);
        Assert.True(Guid.TryParse(introspection.Subject, out _), introspection.Subject);
        Assert.Contains("MYIR.Services", introspection.Scopes);

        var refreshed = await cloud.RequestRefreshTokenAsync(new RefreshTokenRequest
        {
            Address = Endpoint(host.CloudUrl, StartUrls.Token),
            ClientId = client.ClientId,
            ClientSecret = client.ClientSecret,
            RefreshToken = token.RefreshToken!,
        });

        Assert.False(refreshed.IsError, $"{refreshed.Error}: {refreshed.ErrorDescription}");
        Assert.NotEqual(token.AccessToken, refreshed.AccessToken);
        Assert.NotEqual(token.RefreshToken, refreshed.RefreshToken);
        Assert.Equal(28800, refreshed.ExpiresIn);

        var revocation = await cloud.RevokeTokenAsync(new TokenRevocationRequest
        {
            Address = Endpoint(host.CloudUrl, StartUrls.Revoke),
            ClientId = client.ClientId,
            ClientSecret = client.ClientSecret,
            Token = refreshed.AccessToken!,
            TokenTypeHint = "access_token",
        });

        Assert.False(revocation.IsError, revocation.Error);
        Assert.Equal(HttpStatusCode.OK, revocation.HttpStatusCode);
        Assert.False((await Introspect(cloud, host, client, refreshed.AccessToken!)).IsActive);
        Assert.True((await Introspect(cloud, host, client, refreshed.RefreshToken!, "refresh_token")).IsActive);

        // The first refresh token once more: reuse. Duende's user sees the error, and the newest refresh token is dead.
        var reuse = await cloud.RequestRefreshTokenAsync(new RefreshTokenRequest
        {
            Address = Endpoint(host.CloudUrl, StartUrls.Token),
            ClientId = client.ClientId,
            ClientSecret = client.ClientSecret,
            RefreshToken = token.RefreshToken!,
        });

        // IR answers invalid_grant with 401 (MS:146), which Duende reports as an HTTP error ("Unauthorized");
        // the OAuth error is still there in the body it parsed.
        Assert.True(reuse.IsError);
        Assert.Equal(ResponseErrorType.Http, reuse.ErrorType);
        Assert.Equal(HttpStatusCode.Unauthorized, reuse.HttpStatusCode);
        Assert.Equal("invalid_grant", reuse.Json?.GetProperty("error").GetString());
        Assert.Equal("Refresh token is invalid.", reuse.ErrorDescription);
        Assert.False((await Introspect(cloud, host, client, refreshed.RefreshToken!, "refresh_token")).IsActive);
        Assert.Empty(session.ConsoleErrors);
    }

    [Fact]
    public async Task Duende_NativeClient_GetsNoRefreshToken_AndAWrongVerifierIsAnInvalidGrant()
    {
        await using var session = await BrowserSession.StartAsync();
        var host = session.Host;
        var client = host.NativeClient;
        var verifier = CryptoRandom.CreateUniqueId(32, CryptoRandom.OutputFormat.Base64Url);
        var callback = await AuthorizeInBrowserAsync(session, client, "native-1", StartUrls.S256(verifier));
        using var desktop = host.CreateDesktopClient();
        var request = new AuthorizationCodeTokenRequest
        {
            Address = Endpoint(host.DesktopUrl, StartUrls.Token),
            ClientId = client.ClientId,
            ClientSecret = client.ClientSecret,
            Code = callback.Code!,
            RedirectUri = client.RedirectUri,
            CodeVerifier = CryptoRandom.CreateUniqueId(32, CryptoRandom.OutputFormat.Base64Url),
        };

        var wrong = await desktop.RequestAuthorizationCodeTokenAsync(request);

        Assert.True(wrong.IsError);
        Assert.Equal(ResponseErrorType.Http, wrong.ErrorType);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.HttpStatusCode);
        Assert.Equal("invalid_grant", wrong.Json?.GetProperty("error").GetString());
        Assert.Equal("Invalid authorization code.", wrong.ErrorDescription);

        // A fresh code (the session is logged on and has consented: straight back to the callback).
        var again = await AuthorizeInBrowserAsync(session, client, "native-2", StartUrls.S256(verifier));
        request.Code = again.Code!;
        request.CodeVerifier = verifier;
        var token = await desktop.RequestAuthorizationCodeTokenAsync(request);

        Assert.False(token.IsError, $"{token.Error}: {token.ErrorDescription}");
        Assert.False(string.IsNullOrEmpty(token.AccessToken));
        Assert.Null(token.RefreshToken);
        Assert.Equal(28800, token.ExpiresIn);

        var refresh = await desktop.RequestRefreshTokenAsync(new RefreshTokenRequest
        {
            Address = Endpoint(host.DesktopUrl, StartUrls.Token),
            ClientId = client.ClientId,
            ClientSecret = client.ClientSecret,
            RefreshToken = "jdjwx6rkdkrz73dxc6nwk7zmmcnjvjzttp3854t2b4khq4frrz",
        });

        // A 400 is an OAuth error to Duende: Error is the body's error.
        Assert.True(refresh.IsError);
        Assert.Equal(ResponseErrorType.Protocol, refresh.ErrorType);
        Assert.Equal("unauthorized_client", refresh.Error);
        Assert.Equal("Token refresh is not allowed for this client.", refresh.ErrorDescription);
    }

    [Fact]
    public async Task Duende_ConsentDenied_AuthorizeResponseIsAccessDenied()
    {
        await using var session = await BrowserSession.StartAsync();
        var client = session.Host.CloudClient;
        var url = new RequestUrl(Endpoint(session.Host.DesktopUrl, StartUrls.Authorize))
            .CreateAuthorizeUrl(client.ClientId, "code", "MYIR.Services", client.RedirectUri, state: "deny.42");
        await session.Page.GotoAsync(url);
        await session.LogOnAsync(session.Host.User.Logon, session.Host.User.Password);

        await session.DecideAsync(authorise: false);
        await session.WaitForCallbackAsync(client);
        var callback = new AuthorizeResponse(session.Page.Url);

        Assert.True(callback.IsError);
        Assert.Equal("access_denied", callback.Error);
        Assert.Equal("deny.42", callback.State);
        Assert.Null(callback.Code);
    }

    /// <summary>Duende builds the authorize URL; Chromium goes through the logon and consent pages (whichever are shown) to the callback.</summary>
    private static async Task<AuthorizeResponse> AuthorizeInBrowserAsync(BrowserSession session, DemoClient client, string state, string codeChallenge)
    {
        var url = new RequestUrl(Endpoint(session.Host.DesktopUrl, StartUrls.Authorize)).CreateAuthorizeUrl(
            clientId: client.ClientId, responseType: OidcConstants.ResponseTypes.Code, scope: "MYIR.Services", redirectUri: client.RedirectUri,
            state: state, codeChallenge: codeChallenge, codeChallengeMethod: OidcConstants.CodeChallengeMethods.Sha256);
        await session.Page.GotoAsync(url);
        if (await session.Page.TitleAsync() == "myIR - Log in")
        {
            await session.LogOnAsync(session.Host.User.Logon, session.Host.User.Password);
            await Expect(session.Page).ToHaveTitleAsync("myIR - Authorise consent");
            await session.DecideAsync(authorise: true);
        }

        await session.WaitForCallbackAsync(client);
        return new AuthorizeResponse(session.Page.Url);
    }

    private static Task<TokenIntrospectionResponse> Introspect(HttpClient http, WaharoaTestHost host, DemoClient client, string token, string hint = "access_token") =>
        http.IntrospectTokenAsync(new TokenIntrospectionRequest
        {
            Address = Endpoint(host.CloudUrl, StartUrls.Introspect),
            ClientId = client.ClientId,
            ClientSecret = client.ClientSecret,
            Token = token,
            TokenTypeHint = hint,
        });

    private static string Endpoint(Uri baseUrl, string path) => baseUrl.GetLeftPart(UriPartial.Authority) + path;
}
