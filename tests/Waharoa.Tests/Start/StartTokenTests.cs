using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Waharoa.Testing;

namespace Waharoa.Tests.Start;

/// <summary>START <c>POST /gateway3/oauth/token</c>: client authentication, the authorization_code grant, the code and PKCE.</summary>
public sealed class StartTokenTests
{
    private const string RequiresAuthentication = "This API requires authentication using HTTP Basic Auth or by including credentials in the request body.";

    [Fact]
    public async Task Token_CodeExchangeOnCloud_ReturnsIrsFiveFieldsInOrderWithStringExpiresIn()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var code = await StartCalls.NewCodeAsync(host, host.CloudClient);

        var reply = await StartCalls.ExchangeCodeAsync(cloud, host.CloudClient, code, host.CloudClient.RedirectUri);

        StartAssert.TokenResponse(reply, withRefreshToken: true);
    }

    [Fact]
    public async Task Token_NativeClientOnDesktop_GetsNoRefreshTokenMember()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var desktop = host.CreateDesktopClient();
        var code = await StartCalls.NewCodeAsync(host, host.NativeClient);

        var reply = await StartCalls.ExchangeCodeAsync(desktop, host.NativeClient, code, host.NativeClient.RedirectUri);

        StartAssert.TokenResponse(reply, withRefreshToken: false);
        Assert.DoesNotContain("refresh_token", reply.Raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_CredentialsInFormBody_AreAccepted()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var desktop = host.CreateDesktopClient();
        var client = host.NativeClient;
        var code = await StartCalls.NewCodeAsync(host, client);

        var reply = await StartCalls.PostAsync(desktop, StartUrls.Token, authorization: null,
            ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", client.RedirectUri), ("client_id", client.ClientId), ("client_secret", client.ClientSecret));

        StartAssert.TokenResponse(reply, withRefreshToken: false);
    }

    [Fact]
    public async Task Token_HeaderAndWrongFormCredentials_HeaderWins()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var desktop = host.CreateDesktopClient();
        var client = host.NativeClient;
        var code = await StartCalls.NewCodeAsync(host, client);

        var reply = await StartCalls.PostAsync(desktop, StartUrls.Token, client,
            ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", client.RedirectUri), ("client_id", client.ClientId), ("client_secret", "wrong"));

        StartAssert.TokenResponse(reply, withRefreshToken: false);
    }

    [Fact]
    public async Task Token_NoCredentials_Returns400RequiresAuthentication()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var desktop = host.CreateDesktopClient();

        var reply = await StartCalls.PostAsync(desktop, StartUrls.Token, authorization: null, ("grant_type", "authorization_code"), ("code", "x"), ("redirect_uri", host.NativeClient.RedirectUri));

        StartAssert.Error(reply, HttpStatusCode.BadRequest, "invalid_request", RequiresAuthentication);
    }

    [Fact]
    public async Task Token_FormClientIdWithoutSecret_Returns400MissingAuthorizationHeader()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var desktop = host.CreateDesktopClient();

        var reply = await StartCalls.PostAsync(desktop, StartUrls.Token, authorization: null, ("grant_type", "authorization_code"), ("client_id", host.NativeClient.ClientId));

        StartAssert.Error(reply, HttpStatusCode.BadRequest, "invalid_request", "Invalid client. Missing authorization header.");
    }

    [Theory]
    [InlineData("Bearer abc")]
    [InlineData("Basic !!!not-base64!!!")]
    [InlineData("Basic U21hcnRTb2Z0d2FyZV9TbWFydFBheQ==")] // "SmartSoftware_SmartPay": no colon
    [InlineData("NTQzMjFpZ...ZWxjb21lMQ==")] // BP:598, without "Basic "
    public async Task Token_MalformedAuthorizationHeader_Returns400InvalidAuthorizationHeader(string header)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var desktop = host.CreateDesktopClient();

        var reply = await StartCalls.PostAsync(desktop, StartUrls.Token, header, ("grant_type", "authorization_code"));

        StartAssert.Error(reply, HttpStatusCode.BadRequest, "invalid_request", "Invalid authorization header.");
    }

    [Fact]
    public async Task Token_UnknownClient_Returns400ClientIsInvalid()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var desktop = host.CreateDesktopClient();

        var reply = await StartCalls.PostAsync(desktop, StartUrls.Token, StartUrls.Basic("NoSuchClient", "x"), ("grant_type", "authorization_code"));

        StartAssert.Error(reply, HttpStatusCode.BadRequest, "invalid_client", "Client is invalid.");
    }

    [Fact]
    public async Task Token_WrongSecret_Returns401SecretNotValid()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var desktop = host.CreateDesktopClient();

        var reply = await StartCalls.PostAsync(desktop, StartUrls.Token, StartUrls.Basic(host.NativeClient.ClientId, "wrong"), ("grant_type", "authorization_code"));

        StartAssert.Error(reply, HttpStatusCode.Unauthorized, "invalid_client", "The provided secret or assertion are not valid for this client.");
    }

    [Fact]
    public async Task Token_CloudClientOnCloudEndpointWithAnotherTrustedCertificate_Returns401ClientIsInvalid()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var ca = host.DevelopmentCa();
        using var other = ca.IssueClientCertificate("SomeoneElse");
        using var cloud = host.CreateCloudClient(other);
        var code = await StartCalls.NewCodeAsync(host, host.CloudClient);

        var reply = await StartCalls.ExchangeCodeAsync(cloud, host.CloudClient, code, host.CloudClient.RedirectUri);

        StartAssert.Error(reply, HttpStatusCode.Unauthorized, "invalid_client", "Client is invalid.");
    }

    [Theory]
    [InlineData(StartUrls.Token)]
    [InlineData(StartUrls.Introspect)]
    [InlineData(StartUrls.Revoke)]
    public async Task CloudEndpoint_NativeClientWithoutEnrolledCertificate_Returns401ClientIsInvalid(string path)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();

        var reply = await StartCalls.PostAsync(cloud, path, host.NativeClient, ("grant_type", "authorization_code"), ("token", "x"));

        StartAssert.Error(reply, HttpStatusCode.Unauthorized, "invalid_client", "Client is invalid.");
    }

    [Fact]
    public async Task Token_GrantTypeMissing_Returns400MissingGrantType()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var desktop = host.CreateDesktopClient();

        var reply = await StartCalls.PostAsync(desktop, StartUrls.Token, host.NativeClient, ("code", "x"));

        StartAssert.Error(reply, HttpStatusCode.BadRequest, "invalid_request", "Invalid request format. Missing parameter: grant_type");
    }

    [Theory]
    [InlineData("password")]
    [InlineData("client_credentials")]
    [InlineData("oracle-idm:/oauth/grant-type/resource-access-token/jwt")]
    [InlineData("AUTHORIZATION_CODE")]
    public async Task Token_OtherGrantType_Returns400UnsupportedGrantType(string grantType)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var desktop = host.CreateDesktopClient();

        var reply = await StartCalls.PostAsync(desktop, StartUrls.Token, host.NativeClient, ("grant_type", grantType));

        StartAssert.Error(reply, HttpStatusCode.BadRequest, "unsupported_grant_type", "Invalid grant_type.");
    }

    [Theory]
    [InlineData("code")]
    [InlineData("redirect_uri")]
    public async Task Token_AuthorizationCodeParameterMissing_Returns400MissingParameter(string omitted)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var desktop = host.CreateDesktopClient();
        var form = new[] { ("grant_type", "authorization_code"), ("code", "x"), ("redirect_uri", host.NativeClient.RedirectUri) }.Where(f => f.Item1 != omitted).ToArray();

        var reply = await StartCalls.PostAsync(desktop, StartUrls.Token, host.NativeClient, form);

        StartAssert.Error(reply, HttpStatusCode.BadRequest, "invalid_request", "Invalid request format. Missing parameter: " + omitted);
    }

    [Fact]
    public async Task Token_ParametersInQueryStringOfPost_AreIgnored()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var desktop = host.CreateDesktopClient();
        var client = host.NativeClient;
        var code = await StartCalls.NewCodeAsync(host, client);
        using var request = StartUrls.FormRequest(StartUrls.Token + "?code=" + code, StartUrls.Basic(client.ClientId, client.ClientSecret),
            [("grant_type", "authorization_code"), ("redirect_uri", client.RedirectUri)]);

        var reply = await StartCalls.SendAsync(desktop, request);

        StartAssert.Error(reply, HttpStatusCode.BadRequest, "invalid_request", "Invalid request format. Missing parameter: code");
        StartAssert.TokenResponse(await StartCalls.ExchangeCodeAsync(desktop, client, code, client.RedirectUri), withRefreshToken: false);
    }

    [Theory]
    [InlineData(StartUrls.Token)]
    [InlineData(StartUrls.Introspect)]
    [InlineData(StartUrls.Revoke)]
    public async Task Post_ChunkedBodyWithoutContentLength_Returns411(string path)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var desktop = host.CreateDesktopClient();
        var client = host.NativeClient;
        var code = await StartCalls.NewCodeAsync(host, client);
        var body = Encoding.ASCII.GetBytes($"grant_type=authorization_code&code={code}&redirect_uri={Uri.EscapeDataString(client.RedirectUri)}&token={code}");
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StreamContent(new MemoryStream(body)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        request.Headers.TransferEncodingChunked = true;
        request.Headers.TryAddWithoutValidation("Authorization", StartUrls.Basic(client.ClientId, client.ClientSecret));

        var reply = await StartCalls.SendAsync(desktop, request);

        Assert.Null(request.Content.Headers.ContentLength);
        StartAssert.Error(reply, HttpStatusCode.LengthRequired, "invalid_request", "Content-Length is required.");

        // Refused before anything was read: the code is still good.
        if (path == StartUrls.Token)
        {
            StartAssert.TokenResponse(await StartCalls.ExchangeCodeAsync(desktop, client, code, client.RedirectUri), withRefreshToken: false);
        }
    }

    [Fact]
    public async Task Introspect_TokenInQueryStringOfPost_IsIgnored()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var tokens = await StartCalls.NewTokensAsync(host, cloud, host.CloudClient);
        using var request = StartUrls.FormRequest(StartUrls.Introspect + "?token=" + tokens.String("access_token"),
            StartUrls.Basic(host.CloudClient.ClientId, host.CloudClient.ClientSecret), [("token_type_hint", "access_token")]);

        var reply = await StartCalls.SendAsync(cloud, request);

        StartAssert.Error(reply, HttpStatusCode.BadRequest, "invalid_request", "Invalid request format. Missing parameter: token");
    }

    [Fact]
    public async Task Code_ConcurrentRedemptions_OnlyOneSucceeds()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var code = await StartCalls.NewCodeAsync(host, host.CloudClient);

        var replies = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => StartCalls.ExchangeCodeAsync(cloud, host.CloudClient, code, host.CloudClient.RedirectUri)));

        Assert.Equal(1, replies.Count(r => r.Status == HttpStatusCode.OK));
        Assert.All(replies.Where(r => r.Status != HttpStatusCode.OK), r => StartAssert.Error(r, HttpStatusCode.Unauthorized, "invalid_grant", "Invalid authorization code."));
    }

    [Fact]
    public async Task Token_FormContentTypeWithCharset_IsAccepted()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var desktop = host.CreateDesktopClient();
        var client = host.NativeClient;
        var code = await StartCalls.NewCodeAsync(host, client);
        using var request = StartUrls.FormRequest(StartUrls.Token, StartUrls.Basic(client.ClientId, client.ClientSecret),
            [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", client.RedirectUri)]);
        request.Content!.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded;charset=UTF-8");

        StartAssert.TokenResponse(await StartCalls.SendAsync(desktop, request), withRefreshToken: false);
    }

    [Fact]
    public async Task Code_Is100CharactersOfIrsAlphabet_AndDiffersEachTime()
    {
        await using var host = await WaharoaTestHost.StartAsync();

        var first = await StartCalls.NewCodeAsync(host, host.CloudClient);
        var second = await StartCalls.NewCodeAsync(host, host.CloudClient);

        StartAssert.Code(first);
        StartAssert.Code(second);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task Code_UsedTwice_Returns401AndTheFirstUsesAccessTokenTurnsInactive()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var code = await StartCalls.NewCodeAsync(host, host.CloudClient);
        var first = await StartCalls.ExchangeCodeAsync(cloud, host.CloudClient, code, host.CloudClient.RedirectUri);
        StartAssert.Active(await StartCalls.IntrospectAsync(cloud, host.CloudClient, first.String("access_token")));

        var second = await StartCalls.ExchangeCodeAsync(cloud, host.CloudClient, code, host.CloudClient.RedirectUri);

        StartAssert.Error(second, HttpStatusCode.Unauthorized, "invalid_grant", "Invalid authorization code.");
        StartAssert.Inactive(await StartCalls.IntrospectAsync(cloud, host.CloudClient, first.String("access_token")));
        StartAssert.Inactive(await StartCalls.IntrospectAsync(cloud, host.CloudClient, first.String("refresh_token")));
        StartAssert.Error(await StartCalls.RefreshAsync(cloud, host.CloudClient, first.String("refresh_token")), HttpStatusCode.Unauthorized, "invalid_grant", "Refresh token is invalid.");
    }

    [Fact]
    public async Task Code_After10Minutes_Returns401Expired_AndJustBeforeWorks()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await WaharoaTestHost.StartAsync(time);
        using var cloud = host.CreateCloudClient();
        var expiring = await StartCalls.NewCodeAsync(host, host.CloudClient);
        time.Advance(TimeSpan.FromSeconds(2));
        var fresh = await StartCalls.NewCodeAsync(host, host.CloudClient);

        // Now the first code is 10 min 1 s old, the second 9 min 59 s.
        time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        var expired = await StartCalls.ExchangeCodeAsync(cloud, host.CloudClient, expiring, host.CloudClient.RedirectUri);
        var justInTime = await StartCalls.ExchangeCodeAsync(cloud, host.CloudClient, fresh, host.CloudClient.RedirectUri);

        StartAssert.Error(expired, HttpStatusCode.Unauthorized, "invalid_grant", "The authorization code has expired.");
        StartAssert.TokenResponse(justInTime, withRefreshToken: true);
    }

    [Fact]
    public async Task Code_OfAnotherClient_Returns401InvalidAuthorizationCode()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var desktop = host.CreateDesktopClient();
        var code = await StartCalls.NewCodeAsync(host, host.CloudClient);

        var reply = await StartCalls.ExchangeCodeAsync(desktop, host.NativeClient, code, host.CloudClient.RedirectUri);

        StartAssert.Error(reply, HttpStatusCode.Unauthorized, "invalid_grant", "Invalid authorization code.");
    }

    [Fact]
    public async Task Code_WithOtherRegisteredRedirectUri_Returns401RedirectMismatch()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var code = await StartCalls.NewCodeAsync(host, host.CloudClient);

        var reply = await StartCalls.ExchangeCodeAsync(cloud, host.CloudClient, code, "https://mycompdomain.com/returnpath");

        StartAssert.Error(reply, HttpStatusCode.Unauthorized, "invalid_grant", "Invalid redirect_uri. Value does not match the authorization request.");
    }

    [Theory]
    [InlineData("x")]
    [InlineData("kf77pbtw3j55khbgf3t3ygd9379htr88mhxnmd2yrhth7v39hxr63g8yx3xkzj2f6kyjx364dsk58z899sht94pb7q5767txfn3h")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJqdGkiOiIxIn0.")]
    public async Task Code_Unknown_Returns401InvalidAuthorizationCode(string code)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var desktop = host.CreateDesktopClient();

        var reply = await StartCalls.ExchangeCodeAsync(desktop, host.NativeClient, code, host.NativeClient.RedirectUri);

        StartAssert.Error(reply, HttpStatusCode.Unauthorized, "invalid_grant", "Invalid authorization code.");
    }

    [Fact]
    public async Task Code_IssuedThroughXiams_IsNotAStartCode()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var xiamsCode = await TokenCalls.NewCodeAsync(host, host.CloudClient);

        var reply = await StartCalls.ExchangeCodeAsync(cloud, host.CloudClient, xiamsCode, host.CloudClient.RedirectUri);

        StartAssert.Error(reply, HttpStatusCode.Unauthorized, "invalid_grant", "Invalid authorization code.");
    }

    [Fact]
    public async Task Pkce_RightVerifier_ExchangesTheCode()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var verifier = StartUrls.NewCodeVerifier();
        var code = await StartCalls.NewCodeAsync(host, host.CloudClient, codeChallenge: StartUrls.S256(verifier));

        var reply = await StartCalls.ExchangeCodeAsync(cloud, host.CloudClient, code, host.CloudClient.RedirectUri, verifier);

        StartAssert.TokenResponse(reply, withRefreshToken: true);
    }

    [Fact]
    public async Task Pkce_Rfc7636AppendixBVector_ExchangesTheCode()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        const string verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        var code = await StartCalls.NewCodeAsync(host, host.CloudClient, codeChallenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");

        var reply = await StartCalls.ExchangeCodeAsync(cloud, host.CloudClient, code, host.CloudClient.RedirectUri, verifier);

        StartAssert.TokenResponse(reply, withRefreshToken: true);
    }

    [Theory]
    [InlineData("wrong")]
    [InlineData("missing")]
    [InlineData("malformed")]
    [InlineData("challenge")]
    public async Task Pkce_VerifierWrongMissingMalformedOrTheChallengeItself_Returns401InvalidAuthorizationCode(string kind)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var verifier = StartUrls.NewCodeVerifier();
        var challenge = StartUrls.S256(verifier);
        var code = await StartCalls.NewCodeAsync(host, host.CloudClient, codeChallenge: challenge);
        var sent = kind switch
        {
            "wrong" => StartUrls.NewCodeVerifier(),
            "missing" => null,
            "malformed" => "short",
            _ => challenge,
        };

        var reply = await StartCalls.ExchangeCodeAsync(cloud, host.CloudClient, code, host.CloudClient.RedirectUri, sent);

        StartAssert.Error(reply, HttpStatusCode.Unauthorized, "invalid_grant", "Invalid authorization code.");
    }

    [Fact]
    public async Task Threat_PkceDowngrade_VerifierWithoutChallenge_Returns401InvalidAuthorizationCode()
    {
        // RFC 9700 §2.1.1: a verifier for a code issued without a challenge means the challenge was stripped.
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var code = await StartCalls.NewCodeAsync(host, host.CloudClient);

        var reply = await StartCalls.ExchangeCodeAsync(cloud, host.CloudClient, code, host.CloudClient.RedirectUri, StartUrls.NewCodeVerifier());

        StartAssert.Error(reply, HttpStatusCode.Unauthorized, "invalid_grant", "Invalid authorization code.");
        var retried = await StartCalls.ExchangeCodeAsync(cloud, host.CloudClient, code, host.CloudClient.RedirectUri, null);
        StartAssert.TokenResponse(retried, withRefreshToken: true);
    }
}
