using System.Net;
using Microsoft.Extensions.Configuration;
using Waharoa.Testing;

namespace Waharoa.Tests.Start;

/// <summary>START <c>GET /gateway3/oauth/authorize</c>: the contract's ten checks in order, PKCE and state rules, and the redirects.</summary>
public sealed class StartAuthorizeTests
{
    private const string Unregistered = "http://localhost/webservices/gateway2/SSC/SignIn";
    private const string BadState = "has space";

    // A well-formed S256 challenge (RFC 7636 appendix B), so that with method "plain" only the method is wrong.
    private const string Challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    /// <summary>
    /// Row n of the contract's ordered checks: the request breaks rule n and every later rule, and no earlier one,
    /// so the error that comes back pins the order.
    /// </summary>
    public static TheoryData<int> Rows => new(1, 2, 3, 4, 5, 6, 7, 8, 9);

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Authorize_CheckN_WinsOverEveryLaterCheck(int row)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var session = new MyIrSession(host);
        var client = host.CloudClient.ClientId;
        var redirect = host.CloudClient.RedirectUri;
        var (url, status, description) = row switch
        {
            1 => (StartUrls.AuthorizeUrl(null, null, scope: null, responseType: null, state: BadState, codeChallenge: Challenge, codeChallengeMethod: "plain"),
                HttpStatusCode.BadRequest, "Invalid request format. Missing parameter: client_id"),
            2 => (StartUrls.AuthorizeUrl("NoSuchClient", Unregistered, scope: null, responseType: "token", state: BadState, codeChallenge: Challenge, codeChallengeMethod: "plain"),
                HttpStatusCode.Unauthorized, "Client is invalid."),
            3 => (StartUrls.AuthorizeUrl(client, null, scope: null, responseType: null, state: BadState, codeChallenge: Challenge, codeChallengeMethod: "plain"),
                HttpStatusCode.BadRequest, "Invalid request format. Missing parameter: redirect_uri"),
            4 => (StartUrls.AuthorizeUrl(client, Unregistered, scope: null, responseType: null, state: BadState, codeChallenge: Challenge, codeChallengeMethod: "plain"),
                HttpStatusCode.BadRequest, $"Invalid redirect_uri. Provided redirect_uri ({Unregistered}) is not configured for this client."),
            5 => (StartUrls.AuthorizeUrl(client, redirect, scope: null, responseType: null, state: BadState, codeChallenge: Challenge, codeChallengeMethod: "plain"),
                HttpStatusCode.BadRequest, "Invalid request format. Missing parameter: response_type"),
            6 => (StartUrls.AuthorizeUrl(client, redirect, scope: null, responseType: "token", state: BadState, codeChallenge: Challenge, codeChallengeMethod: "plain"),
                HttpStatusCode.BadRequest, "Invalid response_type. Response type must be 'code'"),
            7 => (StartUrls.AuthorizeUrl(client, redirect, scope: null, state: BadState, codeChallenge: Challenge, codeChallengeMethod: "plain"),
                HttpStatusCode.BadRequest, "Invalid request format. Missing parameter: scope"),
            8 => (StartUrls.AuthorizeUrl(client, redirect, scope: "openid", state: BadState, codeChallenge: Challenge, codeChallengeMethod: "plain"),
                HttpStatusCode.BadRequest, "Invalid request format. Invalid parameter: state"),
            _ => (StartUrls.AuthorizeUrl(client, redirect, scope: "openid", codeChallenge: Challenge, codeChallengeMethod: "plain"),
                HttpStatusCode.BadRequest, "Invalid code_challenge_method. Code challenge method must be 'S256'"),
        };

        using var response = await session.GetAsync(url);
        var reply = await StartReply.ReadAsync(response);

        Assert.Null(response.Headers.Location);
        StartAssert.Error(reply, status, status == HttpStatusCode.Unauthorized ? "invalid_client" : "invalid_request", description);
    }

    [Fact]
    public async Task Authorize_Check10OtherScope_RedirectsWithInvalidScopeBytesOfBp483()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var session = new MyIrSession(host);
        var redirect = host.CloudClient.RedirectUri;

        using var response = await session.GetAsync(StartUrls.AuthorizeUrl(host.CloudClient.ClientId, redirect, scope: "openid", state: "xyz"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"{redirect}?error=invalid_scope&error_description=Invalid+scope+requested&state=xyz", StartAssert.Location(response));
    }

    [Fact]
    public async Task Authorize_OtherScopeWithoutState_RedirectsWithoutState()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var session = new MyIrSession(host);
        var redirect = host.CloudClient.RedirectUri;

        using var response = await session.GetAsync(StartUrls.AuthorizeUrl(host.CloudClient.ClientId, redirect, scope: "openid", state: null));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"{redirect}?error=invalid_scope&error_description=Invalid+scope+requested", StartAssert.Location(response));
    }

    [Theory]
    [InlineData("https://mycompdomain.com/returnpath/")]
    [InlineData("https://MYCOMPDOMAIN.com/returnpath")]
    [InlineData("https://mycompdomain.com/returnpath?x=1")]
    [InlineData("http://127.0.0.1:7891/callback")]
    public async Task Authorize_RedirectUriNotExactlyRegistered_Returns400JsonWithEscapedUri(string redirectUri)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var session = new MyIrSession(host);
        var client = redirectUri.StartsWith("http://127.0.0.1", StringComparison.Ordinal) ? host.NativeClient : host.CloudClient;

        using var response = await session.GetAsync(StartUrls.AuthorizeUrl(client.ClientId, redirectUri));
        var reply = await StartReply.ReadAsync(response);

        StartAssert.Error(reply, HttpStatusCode.BadRequest, "invalid_request", $"Invalid redirect_uri. Provided redirect_uri ({redirectUri}) is not configured for this client.");
        Assert.Contains("\\/", reply.Raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorize_NativeLoopbackOnRegisteredPort_RedirectsThereWithCode()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var session = new MyIrSession(host);
        const string loopback = "http://127.0.0.1:7890/callback";

        var query = await session.AuthorizeAsync(StartUrls.AuthorizeUrl(host.NativeClient.ClientId, loopback, state: "n1"), host.User.Logon, host.User.Password);

        StartAssert.Code(query["code"]);
        Assert.Equal("n1", query["state"]);
        using var desktop = host.CreateDesktopClient();
        StartAssert.TokenResponse(await StartCalls.ExchangeCodeAsync(desktop, host.NativeClient, query["code"], loopback), withRefreshToken: false);
    }

    [Fact]
    public async Task Authorize_Success_RedirectsWith100CharCodeThenStateInThatOrder()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var session = new MyIrSession(host);
        var redirect = host.CloudClient.RedirectUri;
        const string state = "2d0fcc2d-8f7a-4f27-8bea-976cb86bd409";
        await session.GetAsync(StartUrls.AuthorizeUrl(host.CloudClient.ClientId, redirect, state: state));
        await session.LogonAsync(host.User.Logon, host.User.Password);

        using var response = await session.DecideAsync(authorise: true);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = StartAssert.Location(response);
        Assert.StartsWith(redirect + "?code=", location, StringComparison.Ordinal);
        Assert.EndsWith("&state=" + state, location, StringComparison.Ordinal);
        StartAssert.Code(MyIrSession.RedirectQuery(response)["code"]);
    }

    [Fact]
    public async Task Authorize_StateWithEveryAllowedSymbol_ComesBackUnchanged()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var session = new MyIrSession(host);
        const string state = "aZ09-.?,:'/\\+=$#_";

        var query = await session.AuthorizeAsync(StartUrls.AuthorizeUrl(host.CloudClient.ClientId, host.CloudClient.RedirectUri, state: state), host.User.Logon, host.User.Password);

        Assert.Equal(state, query["state"]);
    }

    [Fact]
    public async Task Authorize_NoState_RedirectsWithCodeOnly()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var session = new MyIrSession(host);

        var query = await session.AuthorizeAsync(StartUrls.AuthorizeUrl(host.CloudClient.ClientId, host.CloudClient.RedirectUri, state: null), host.User.Logon, host.User.Password);

        Assert.Equal(["code"], query.Keys.ToArray());
    }

    [Theory]
    [InlineData(200, "a")]
    [InlineData(1, "~")]
    [InlineData(1, "!")]
    [InlineData(1, "<")]
    [InlineData(1, "%")]
    public async Task Authorize_StateTooLongOrForbiddenCharacter_Returns400Json(int count, string character)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var session = new MyIrSession(host);

        using var response = await session.GetAsync(StartUrls.AuthorizeUrl(host.CloudClient.ClientId, host.CloudClient.RedirectUri, state: "ok" + string.Concat(Enumerable.Repeat(character, count))));

        StartAssert.Error(await StartReply.ReadAsync(response), HttpStatusCode.BadRequest, "invalid_request", "Invalid request format. Invalid parameter: state");
    }

    [Fact]
    public async Task Authorize_StateOf199Characters_IsAccepted()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var session = new MyIrSession(host);

        using var response = await session.GetAsync(StartUrls.AuthorizeUrl(host.CloudClient.ClientId, host.CloudClient.RedirectUri, state: new string('a', 199)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("action=\"/myir/logon\"", session.LastPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorize_PkcePlain_IsRefused()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var session = new MyIrSession(host);
        using var response = await session.GetAsync(StartUrls.AuthorizeUrl(host.CloudClient.ClientId, host.CloudClient.RedirectUri, codeChallenge: Challenge, codeChallengeMethod: "plain"));

        StartAssert.Error(await StartReply.ReadAsync(response), HttpStatusCode.BadRequest, "invalid_request", "Invalid code_challenge_method. Code challenge method must be 'S256'");
    }

    [Fact]
    public async Task Authorize_ChallengeWithoutMethod_ReturnsMissingCodeChallengeMethod()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var session = new MyIrSession(host);

        using var response = await session.GetAsync(StartUrls.AuthorizeUrl(host.CloudClient.ClientId, host.CloudClient.RedirectUri, codeChallenge: StartUrls.S256(StartUrls.NewCodeVerifier())));

        StartAssert.Error(await StartReply.ReadAsync(response), HttpStatusCode.BadRequest, "invalid_request", "Invalid request format. Missing parameter: code_challenge_method");
    }

    [Fact]
    public async Task Authorize_MethodWithoutChallenge_ReturnsMissingCodeChallenge()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var session = new MyIrSession(host);

        using var response = await session.GetAsync(StartUrls.AuthorizeUrl(host.CloudClient.ClientId, host.CloudClient.RedirectUri, codeChallengeMethod: "S256"));

        StartAssert.Error(await StartReply.ReadAsync(response), HttpStatusCode.BadRequest, "invalid_request", "Invalid request format. Missing parameter: code_challenge");
    }

    [Theory]
    [InlineData("tooShort")]
    [InlineData("47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuF")]
    [InlineData("47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU=")]
    [InlineData("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU")]
    public async Task Authorize_ChallengeNot43Base64UrlCharacters_IsRefused(string challenge)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var session = new MyIrSession(host);

        using var response = await session.GetAsync(StartUrls.AuthorizeUrl(host.CloudClient.ClientId, host.CloudClient.RedirectUri, codeChallenge: challenge, codeChallengeMethod: "S256"));

        StartAssert.Error(await StartReply.ReadAsync(response), HttpStatusCode.BadRequest, "invalid_request",
            "Invalid code_challenge. Code challenge must be the BASE64URL-encoded SHA-256 hash of the code verifier");
    }

    [Fact]
    public async Task Authorize_Post_Returns405WithAllowGet()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var desktop = host.CreateDesktopClient();
        var url = StartUrls.AuthorizeUrl(host.CloudClient.ClientId, host.CloudClient.RedirectUri);

        using var response = await desktop.PostAsync(url, new FormUrlEncodedContent([KeyValuePair.Create("client_id", host.CloudClient.ClientId)]));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("GET", response.Content.Headers.Allow);
        Assert.DoesNotContain("POST", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task Consent_Denied_RedirectsWithAccessDeniedAndStateOnly()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var session = new MyIrSession(host);
        var redirect = host.CloudClient.RedirectUri;
        await session.GetAsync(StartUrls.AuthorizeUrl(host.CloudClient.ClientId, redirect, state: "xyz"));
        await session.LogonAsync(host.User.Logon, host.User.Password);

        using var response = await session.DecideAsync(authorise: false);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"{redirect}?error=access_denied&state=xyz", StartAssert.Location(response));
    }

    [Fact]
    public async Task Authorize_SecondTimeInSameSession_RedirectsAtOnceUnlessLogoutTrue()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var session = new MyIrSession(host);
        var redirect = host.CloudClient.RedirectUri;
        await session.AuthorizeAsync(StartUrls.AuthorizeUrl(host.CloudClient.ClientId, redirect, state: "one"), host.User.Logon, host.User.Password);

        using var again = await session.GetAsync(StartUrls.AuthorizeUrl(host.CloudClient.ClientId, redirect, state: "two"));
        using var logout = await session.GetAsync(StartUrls.AuthorizeUrl(host.CloudClient.ClientId, redirect, state: "three", logout: true));

        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("two", MyIrSession.RedirectQuery(again)["state"]);
        Assert.Equal(HttpStatusCode.OK, logout.StatusCode);
        Assert.Contains("action=\"/myir/logon\"", session.LastPage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("NativeClients", "native", true)]
    [InlineData("NativeClients", "cloud", false)]
    [InlineData("AllClients", "cloud", true)]
    [InlineData("Optional", "native", false)]
    public async Task Authorize_RequirePkce_RefusesARequestWithoutAChallengeFromTheClientsItCovers(string requirement, string kind, bool refused)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Waharoa:Start:RequirePkce"] = requirement })
            .Build();
        await using var host = await WaharoaTestHost.StartAsync(configuration: configuration);
        var client = kind == "native" ? host.NativeClient : host.CloudClient;
        using var session = new MyIrSession(host);

        using var without = await session.GetAsync(StartUrls.AuthorizeUrl(client.ClientId, client.RedirectUri));
        using var with = await session.GetAsync(StartUrls.AuthorizeUrl(client.ClientId, client.RedirectUri, codeChallenge: Challenge, codeChallengeMethod: "S256"));

        if (refused)
        {
            StartAssert.Error(await StartReply.ReadAsync(without), HttpStatusCode.BadRequest, "invalid_request", "Invalid request format. Missing parameter: code_challenge");
        }
        else
        {
            Assert.Equal(HttpStatusCode.OK, without.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, with.StatusCode);
        Assert.Contains("action=\"/myir/logon\"", session.LastPage, StringComparison.Ordinal);
    }
}
