using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Waharoa.Certificates;
using Waharoa.Clients;
using Waharoa.Security;
using Waharoa.Storage;
using Waharoa.Testing;

namespace Waharoa.Tests.Start;

/// <summary>
/// IR's START samples replayed (notes §9.1, S1-S18) from the spec files themselves: Message-Samples.md (MS) and the
/// START build pack (BP). S19, the error-table sweeps, is one test per row in the other Start test classes.
/// </summary>
public sealed class StartSampleReplayTests
{
    private const string SampleRedirect = "https://mycompdomain.com/returnpath/oAuthCallBack";

    private static readonly StartSamples Ms = StartSamples.Load();

    [Fact]
    public async Task S1_MsAuthorizeRequest_RedirectsToTheRequestedUriWithCodeThenState()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var session = new MyIrSession(host);
        Assert.Contains("redirect_uri=" + SampleRedirect, Ms.AuthorizeQuery, StringComparison.Ordinal);

        var query = await session.AuthorizeAsync(StartUrls.Authorize + Ms.AuthorizeQuery, host.User.Logon, host.User.Password);

        // MS:86-88: code then state, the state unchanged.
        Assert.Equal(["code", "state"], query.Keys.ToArray());
        Assert.Equal(["code", "state"], Ms.Redirect.Split('?')[1].Split('&').Select(p => p.Split('=')[0]).ToArray());
        Assert.Equal("2d0fcc2d-8f7a-4f27-8bea-976cb86bd409", query["state"]);
        StartAssert.Code(query["code"]);
    }

    [Fact]
    public async Task S2_MsTokenRequestWithOurCode_AnswersInTheShapeOfMs132AndTokenA()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var code = await StartCalls.NewCodeAsync(host, host.CloudClient, SampleRedirect);
        var sample = StartSamples.FormFields(StartSamples.FormBody(Ms.TokenRequest));
        var form = sample.Select(f => f.Name switch
        {
            "code" => (f.Name, code),
            "redirect_uri" => (f.Name, SampleRedirect),
            _ => f,
        }).ToArray();

        var reply = await StartCalls.PostAsync(cloud, StartUrls.Token, StartSamples.Headers(Ms.TokenRequest)["Authorization"], form);

        StartAssert.TokenResponse(reply, withRefreshToken: true);
        JsonShape.AssertSame(Ms.TokenResponse, reply.Body);
        using var tokenA = new StartJwt(Ms.TokenResponse.GetProperty("access_token").GetString()!);
        using var ours = new StartJwt(reply.String("access_token"));
        JsonShape.AssertSame(tokenA.Header, ours.Header);
        JsonShape.AssertSame(tokenA.Claims, ours.Claims);
        Assert.Equal(tokenA.Claims.GetProperty("iat").GetInt64() - 300, tokenA.Claims.GetProperty("nbf").GetInt64());
        Assert.Equal(ours.Iat - 300, ours.Claims.GetProperty("nbf").GetInt64());
        Assert.Equal(tokenA.Exp - tokenA.Iat, ours.Exp - ours.Iat);
        Assert.Equal(Ms.TokenResponse.GetProperty("refresh_token").GetString()!.Length, reply.String("refresh_token").Length);
    }

    [Fact]
    public async Task S2_MsTokenRequestVerbatim_Returns401InvalidAuthorizationCode()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();

        var reply = await StartCalls.PostAsync(cloud, StartUrls.Token, StartSamples.Headers(Ms.TokenRequest)["Authorization"], StartSamples.FormFields(StartSamples.FormBody(Ms.TokenRequest)));

        StartAssert.Error(reply, HttpStatusCode.Unauthorized, "invalid_grant", "Invalid authorization code.");
    }

    [Fact]
    public async Task S3_ReusedCode_AnswersMs146Exactly()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var code = await StartCalls.NewCodeAsync(host, host.CloudClient);
        await StartCalls.ExchangeCodeAsync(cloud, host.CloudClient, code, host.CloudClient.RedirectUri);

        var reply = await StartCalls.ExchangeCodeAsync(cloud, host.CloudClient, code, host.CloudClient.RedirectUri);

        Assert.StartsWith("HTTP/1.1 401 Unauthorized\nContent-Type: application/json", Ms.TokenError, StringComparison.Ordinal);
        var sample = StartSamples.Json(Ms.TokenError);
        StartAssert.Error(reply, HttpStatusCode.Unauthorized, sample.GetProperty("error").GetString()!, sample.GetProperty("error_description").GetString()!);
    }

    [Fact]
    public async Task S4_MsCurlWithoutCode_Returns400MissingCode()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, StartUrls.Token) { Content = new StringContent(Ms.CurlData, Encoding.ASCII) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        request.Headers.TryAddWithoutValidation("Authorization", StartUrls.Basic(host.CloudClient.ClientId, host.CloudClient.ClientSecret));

        var reply = await StartCalls.SendAsync(cloud, request);

        StartAssert.Error(reply, HttpStatusCode.BadRequest, "invalid_request", "Invalid request format. Missing parameter: code");
    }

    [Fact]
    public async Task S5_MsRefreshRequest_PlaceholderTokenRefused_RealOneRotatesInTheExchangeShape()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var authorization = StartSamples.Headers(Ms.RefreshRequest)["Authorization"];
        var sample = StartSamples.FormFields(StartSamples.FormBody(Ms.RefreshRequest));
        var tokens = await StartCalls.NewTokensAsync(host, cloud, host.CloudClient);

        var verbatim = await StartCalls.PostAsync(cloud, StartUrls.Token, authorization, sample);
        var real = await StartCalls.PostAsync(cloud, StartUrls.Token, authorization,
            sample.Select(f => f.Name == "refresh_token" ? (f.Name, tokens.String("refresh_token")) : f).ToArray());

        StartAssert.Error(verbatim, HttpStatusCode.Unauthorized, "invalid_grant", "Refresh token is invalid.");
        StartAssert.TokenResponse(real, withRefreshToken: true);

        // BP:1498, "the same as an authorisation code exchange" (not MS:207-218, which is xIAMS's, notes D1).
        JsonShape.AssertSame(Ms.TokenResponse, real.Body);
    }

    [Fact]
    public async Task S6_MsIntrospectRequestWithLeadingAmpersand_AnswersInTheShapeOfMs254()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var tokens = await StartCalls.NewTokensAsync(host, cloud, host.CloudClient);
        var body = StartSamples.FormBody(Ms.IntrospectRequest);
        Assert.StartsWith("&", body, StringComparison.Ordinal);
        var ours = body.Split("&token=")[0] + "&token=" + tokens.String("access_token");

        var reply = await PostRawAsync(cloud, StartUrls.Introspect, StartSamples.Headers(Ms.IntrospectRequest)["Authorization"], ours);
        var verbatim = await PostRawAsync(cloud, StartUrls.Introspect, StartSamples.Headers(Ms.IntrospectRequest)["Authorization"], body);

        StartAssert.Active(reply);
        JsonShape.AssertSame(Ms.IntrospectResponse, reply.Body);
        StartAssert.Inactive(verbatim);
    }

    [Fact]
    public async Task S7_MsRevokeRequestWithLeadingAmpersand_Returns200EmptyAndTheTokenTurnsInactive()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var tokens = await StartCalls.NewTokensAsync(host, cloud, host.CloudClient);
        var body = StartSamples.FormBody(Ms.RevokeRequest);
        var ours = body.Split("&token=")[0] + "&token=" + tokens.String("access_token");

        var reply = await PostRawAsync(cloud, StartUrls.Revoke, StartSamples.Headers(Ms.RevokeRequest)["Authorization"], ours);

        StartAssert.EmptyOk(reply);
        StartAssert.Inactive(await StartCalls.IntrospectAsync(cloud, host.CloudClient, tokens.String("access_token")));
    }

    [Fact]
    public async Task S8_Bp360HttpRedirectUri_SuccessInvalidScopeAndDenyRedirectsHaveBpsBytes()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        const string redirect = "http://client.example.com/return";
        await AddNativeClientAsync(host, "IdOfCompanyUsingTheAPI", "secret", redirect);
        var url = StartUrls.Authorize + $"?response_type=code&client_id=IdOfCompanyUsingTheAPI&redirect_uri={redirect}&scope=MYIR.Services&state=xyz";
        using var session = new MyIrSession(host);

        using var invalidScope = await session.GetAsync(url.Replace("scope=MYIR.Services", "scope=Other", StringComparison.Ordinal));
        await session.GetAsync(url);
        await session.LogonAsync(host.User.Logon, host.User.Password);
        using var denied = await session.DecideAsync(authorise: false);
        await session.GetAsync(url);
        using var granted = await session.DecideAsync(authorise: true);

        Assert.Equal($"{redirect}?error=invalid_scope&error_description=Invalid+scope+requested&state=xyz", StartAssert.Location(invalidScope));
        Assert.Equal($"{redirect}?error=access_denied&state=xyz", StartAssert.Location(denied));
        Assert.Matches("^" + System.Text.RegularExpressions.Regex.Escape(redirect) + "\\?code=[2-9bcdfghjkmnpqrstvwxyz]{100}&state=xyz$", StartAssert.Location(granted));
    }

    [Fact]
    public async Task S9_Bp458UnregisteredRedirect_HasBpsExactBytesWithEscapedSlashes()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var session = new MyIrSession(host);

        using var response = await session.GetAsync(StartUrls.Authorize + $"?client_id={host.CloudClient.ClientId}&redirect_uri=http://localhost/webservices/gateway2/SSC/SignIn&scope=MYIR.Services&response_type=code&state=xyz");
        var reply = await StartReply.ReadAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal(
            "{\"error\":\"invalid_request\",\"error_description\":\"Invalid redirect_uri. Provided redirect_uri (http:\\/\\/localhost\\/webservices\\/gateway2\\/SSC\\/SignIn) is not configured for this client.\"}",
            reply.Raw);
        StartAssert.Json(reply);
    }

    [Fact]
    public async Task S10_Bp466UnknownClient_Returns401ClientIsInvalid()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var session = new MyIrSession(host);

        using var response = await session.GetAsync(StartUrls.Authorize + "?client_id=Test99999999&redirect_uri=https://myreturnuri/test/&scope=MYIR.Services&response_type=code&state=123");

        StartAssert.Error(await StartReply.ReadAsync(response), HttpStatusCode.Unauthorized, "invalid_client", "Client is invalid.");
    }

    [Fact]
    public async Task S11_Bp486MissingResponseType_Returns400()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var session = new MyIrSession(host);

        using var response = await session.GetAsync(StartUrls.AuthorizeUrl(host.CloudClient.ClientId, host.CloudClient.RedirectUri, responseType: null));

        StartAssert.Error(await StartReply.ReadAsync(response), HttpStatusCode.BadRequest, "invalid_request", "Invalid request format. Missing parameter: response_type");
    }

    [Fact]
    public async Task S12_Bp597TokenRequest_HeaderWithoutBasicRefused_WithBasicTheSampleCodeIsUnknown()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        const string sampleCode = "kf77pbtw3j55khbgf3t3ygd9379htr88mhxnmd2yrhth7v39hxr63g8yx3xkzj2f6kyjx364dsk58z899sht94pb7q5767txfn3h";
        (string, string)[] form = [("grant_type", "authorization_code"), ("redirect_uri", "http://localhost/webservices/Oauth/SignIn"), ("code", sampleCode)];

        var verbatim = await StartCalls.PostAsync(cloud, StartUrls.Token, "NTQzMjFpZ...ZWxjb21lMQ==", form);
        var withBasic = await StartCalls.PostAsync(cloud, StartUrls.Token, host.CloudClient, form);

        StartAssert.Error(verbatim, HttpStatusCode.BadRequest, "invalid_request", "Invalid authorization header.");
        StartAssert.Error(withBasic, HttpStatusCode.Unauthorized, "invalid_grant", "Invalid authorization code.");

        // IR's own code has the format our codes have.
        StartAssert.Code(sampleCode);
    }

    [Fact]
    public async Task S13_Bp1398Authorize_RedirectsToTrailingSlashUriWithCodeAndState123()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        await AddNativeClientAsync(host, "Test99999999", "secret", "https://myreturnuri/test/");
        using var session = new MyIrSession(host);
        await session.GetAsync(StartUrls.Authorize + "?client_id=Test99999999&redirect_uri=https://myreturnuri/test/&scope=MYIR.Services&response_type=code&state=123");
        await session.LogonAsync(host.User.Logon, host.User.Password);

        using var response = await session.DecideAsync(authorise: true);

        Assert.Matches("^https://myreturnuri/test/\\?code=[2-9bcdfghjkmnpqrstvwxyz]{100}&state=123$", StartAssert.Location(response));
    }

    [Fact]
    public async Task S14_Bp1423ExchangeOfXiamsCode_Returns401InvalidAuthorizationCode()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        await AddCloudClientAsync(host, "Test30206492", "Oauth2IRSecrett", "https://myreturnuri/test/");
        using var cloud = host.CreateCloudClient();
        var body = File.ReadAllText(SpecFiles.Path("ir-identity-and-access", "sample_messages", "access_token", "access-token-requestbody.txt"));
        using var request = new HttpRequestMessage(HttpMethod.Post, StartUrls.Token) { Content = new StringContent(body, Encoding.ASCII) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        request.Headers.TryAddWithoutValidation("Authorization", "Basic VGVzdDMwMjA2NDkyOk9hdXRoMklSU2VjcmV0dA==");

        var reply = await StartCalls.SendAsync(cloud, request);

        Assert.Equal(1090, request.Content.Headers.ContentLength);
        StartAssert.Error(reply, HttpStatusCode.Unauthorized, "invalid_grant", "Invalid authorization code.");
    }

    [Fact]
    public async Task S15_Bp1485RefreshOfUnknownToken_Returns401RefreshTokenIsInvalid()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        await AddCloudClientAsync(host, "Test30206492", "Oauth2IRSecrett", "https://myreturnuri/test/");
        using var cloud = host.CreateCloudClient();

        var reply = await PostRawAsync(cloud, StartUrls.Token, "Basic VGVzdDMwMjA2NDkyOk9hdXRoMklSU2VjcmV0dA==",
            "grant_type=refresh_token&refresh_token=6fgyc4qz4nkk85q9rcmqh67v8jzmxy7b9tt6xb553nqcdwhtn2");

        StartAssert.Error(reply, HttpStatusCode.Unauthorized, "invalid_grant", "Refresh token is invalid.");
    }

    [Fact]
    public async Task S16_Bp1529RefreshWithWrongSecret_Returns401InvalidClient()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var tokens = await StartCalls.NewTokensAsync(host, cloud, host.CloudClient);

        var reply = await StartCalls.PostAsync(cloud, StartUrls.Token, StartUrls.Basic(host.CloudClient.ClientId, "wrong"),
            ("grant_type", "refresh_token"), ("refresh_token", tokens.String("refresh_token")));

        StartAssert.Error(reply, HttpStatusCode.Unauthorized, "invalid_client", "The provided secret or assertion are not valid for this client.");
    }

    [Fact]
    public async Task S17_Bp1541IntrospectOfTokenB_ReturnsActiveFalse_AndTokenBHasOurTokensShape()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        await AddCloudClientAsync(host, "Test30206492", "Oauth2IRSecrett", "https://myreturnuri/test/");
        using var cloud = host.CreateCloudClient();
        var body = BpRequestBody("4.5.1 Introspection token request");
        var tokens = await StartCalls.NewTokensAsync(host, cloud, host.CloudClient);

        var reply = await PostRawAsync(cloud, StartUrls.Introspect, "Basic VGVzdDMwMjA2NDkyOk9hdXRoMklSU2VjcmV0dA==", body);

        Assert.Equal(967, Encoding.ASCII.GetByteCount(body));
        StartAssert.Inactive(reply);
        using var tokenB = new StartJwt(body.Split('&')[0]["token=".Length..]);
        using var ours = new StartJwt(tokens.String("access_token"));
        Assert.Equal(["alg", "typ", "kid"], tokenB.Header.EnumerateObject().Select(p => p.Name));
        JsonShape.AssertSame(tokenB.Header, ours.Header);
        JsonShape.AssertSame(tokenB.Claims, ours.Claims);
        Assert.Equal("at-JWT", tokenB.Header.GetProperty("typ").GetString());
    }

    [Fact]
    public async Task S18_Bp1598RevokeOfTokenB_Returns200Empty()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        await AddCloudClientAsync(host, "Test30206492", "Oauth2IRSecrett", "https://myreturnuri/test/");
        using var cloud = host.CreateCloudClient();

        var reply = await PostRawAsync(cloud, StartUrls.Revoke, "Basic VGVzdDMwMjA2NDkyOk9hdXRoMklSU2VjcmV0dA==", BpRequestBody("4.6.1 Revocation token request"));

        StartAssert.EmptyOk(reply);
    }

    private static Task<StartReply> PostRawAsync(HttpClient http, string path, string authorization, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.ASCII) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return StartCalls.SendAsync(http, request);
    }

    /// <summary>The request body under <paramref name="heading"/> of the build pack, without the PDF's line wraps and page furniture.</summary>
    private static string BpRequestBody(string heading)
    {
        var lines = File.ReadAllLines(SpecFiles.Path("ir-identity-and-access", "build-pack-current-start-iam.txt"));
        var start = Array.FindLastIndex(lines, l => l.StartsWith(heading, StringComparison.Ordinal));
        var body = Array.FindIndex(lines, start, l => l.StartsWith("Request body:", StringComparison.Ordinal)) + 1;
        var text = new StringBuilder();
        for (var i = body; ; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.Contains("UNCLASSIFIED", StringComparison.Ordinal))
            {
                continue;
            }

            text.Append(line);
            if (line.StartsWith("&token_type_hint", StringComparison.Ordinal))
            {
                return text.ToString();
            }
        }
    }

    private static async Task AddNativeClientAsync(WaharoaTestHost host, string clientId, string secret, string redirectUri)
    {
        var clients = (IClientStore)host.Server.Services.GetService(typeof(IClientStore))!;
        await clients.AddClientAsync(
            new DspClient(clientId, clientId, ClientKind.Native, SecretHasher.Hash(secret), [redirectUri], null, DateTimeOffset.UtcNow) { Services = ["*"] },
            CancellationToken.None);
    }

    /// <summary>A cloud client enrolled with the demo cloud client's certificate, so the cloud endpoint's mTLS lets it in.</summary>
    private static async Task AddCloudClientAsync(WaharoaTestHost host, string clientId, string secret, string redirectUri)
    {
        using var certificate = host.LoadCloudClientCertificate();
        var clients = (IClientStore)host.Server.Services.GetService(typeof(IClientStore))!;
        await clients.AddClientAsync(
            new DspClient(clientId, clientId, ClientKind.Cloud, SecretHasher.Hash(secret), [redirectUri], CertificateFiles.Sha256Thumbprint(certificate), DateTimeOffset.UtcNow) { Services = ["*"] },
            CancellationToken.None);
    }
}
