using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;
using Waharoa.Testing;

namespace Waharoa.Tests.Xiams;

/// <summary>The xIAMS token endpoint: grants, validate, delete, client authentication and bad input.</summary>
public sealed class TokenEndpointTests
{
    [Fact]
    public async Task Token_AuthorizationCodeOnCloud_ReturnsExactlyTheSeedFields()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var code = await TokenCalls.NewCodeAsync(host, host.CloudClient);

        var (status, body, response) = await TokenCalls.ExchangeCodeAsync(cloud, host.CloudClient, code, host.CloudClient.RedirectUri);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["expires_in", "token_type", "access_token", "refresh_token"], body.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(28800, body.GetProperty("expires_in").GetInt32());
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
    }

    [Theory]
    [InlineData("Waharoa:Xiams:Issuer")]
    [InlineData("Waharoa:XiamsIssuer")]
    public async Task Token_IssuerFromTheConfiguration_NestedOrAsEarlierReleasesReadIt(string key)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = "IR-Test-Issuer" }).Build();
        await using var host = await WaharoaTestHost.StartAsync(configuration: configuration);
        using var cloud = host.CreateCloudClient();

        var (access, refresh) = await TokenCalls.NewCloudTokensAsync(host, cloud);

        foreach (var token in new[] { access, refresh })
        {
            using var payload = JsonDocument.Parse(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(token.Split('.')[1]));
            Assert.Equal("IR-Test-Issuer", payload.RootElement.GetProperty("iss").GetString());
        }
    }

    [Theory]
    [InlineData("Waharoa:Xiams:AccessTokenLifetime")]
    [InlineData("Waharoa:AccessTokenLifetime")]
    public async Task Token_AccessTokenLifetimeFromTheConfiguration_NestedOrAsEarlierReleasesReadIt(string key)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = "00:30:00" }).Build();
        await using var host = await WaharoaTestHost.StartAsync(configuration: configuration);
        using var cloud = host.CreateCloudClient();
        var code = await TokenCalls.NewCodeAsync(host, host.CloudClient);

        var (status, body, _) = await TokenCalls.ExchangeCodeAsync(cloud, host.CloudClient, code, host.CloudClient.RedirectUri);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1800, body.GetProperty("expires_in").GetInt32());
    }

    [Fact]
    public async Task Token_SeedAuthenticationHeaderSpelling_IsAccepted()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var code = await TokenCalls.NewCodeAsync(host, host.CloudClient);

        var (status, _, _) = await TokenCalls.PostAsync(cloud, host.CloudClient, "Authentication",
            ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", host.CloudClient.RedirectUri));

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Theory]
    [InlineData("%5F", "")]
    [InlineData("%5f", "%50assword")]
    public async Task Token_BasicCredentialsFormUrlEncoded_AreDecoded(string underscore, string secretTail)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var code = await TokenCalls.NewCodeAsync(host, host.CloudClient);
        var encoded = host.CloudClient with
        {
            ClientId = host.CloudClient.ClientId.Replace("_", underscore, StringComparison.Ordinal),
            ClientSecret = secretTail.Length == 0 ? host.CloudClient.ClientSecret : host.CloudClient.ClientSecret.Replace("Password", secretTail, StringComparison.Ordinal),
        };
        Assert.NotEqual(host.CloudClient.ClientId, encoded.ClientId);

        var (status, _, _) = await TokenCalls.PostAsync(cloud, encoded, "Authentication",
            ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", host.CloudClient.RedirectUri));

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task Token_AuthorizationCodeOnDesktop_IssuesNoRefreshToken()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var desktop = host.CreateDesktopClient();
        var code = await TokenCalls.NewCodeAsync(host, host.NativeClient);

        var (status, body, _) = await TokenCalls.ExchangeCodeAsync(desktop, host.NativeClient, code, host.NativeClient.RedirectUri);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["expires_in", "token_type", "access_token"], body.EnumerateObject().Select(p => p.Name).ToArray());
    }

    [Fact]
    public async Task Token_RefreshTokenGrantOnDesktop_IsUnsupported()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        using var desktop = host.CreateDesktopClient();
        var (_, refresh) = await TokenCalls.NewCloudTokensAsync(host, cloud);

        var (status, body, _) = await TokenCalls.RefreshAsync(desktop, host.CloudClient, refresh);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("unsupported_grant_type", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Token_ReusedCode_ReturnsInvalidGrantAndRevokesTheTokensIssuedFromIt()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var code = await TokenCalls.NewCodeAsync(host, host.CloudClient);
        var (_, first, _) = await TokenCalls.ExchangeCodeAsync(cloud, host.CloudClient, code, host.CloudClient.RedirectUri);

        var (status, body, _) = await TokenCalls.ExchangeCodeAsync(cloud, host.CloudClient, code, host.CloudClient.RedirectUri);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
        var (validateStatus, _, _) = await TokenCalls.ValidateAsync(cloud, host.CloudClient, first.GetProperty("access_token").GetString()!);
        Assert.Equal(HttpStatusCode.Unauthorized, validateStatus);
        var (refreshStatus, _, _) = await TokenCalls.RefreshAsync(cloud, host.CloudClient, first.GetProperty("refresh_token").GetString()!);
        Assert.Equal(HttpStatusCode.Unauthorized, refreshStatus);
    }

    [Fact]
    public async Task Token_ConcurrentRedemptionsOfOneCode_OnlyOneSucceeds()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var code = await TokenCalls.NewCodeAsync(host, host.CloudClient);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => TokenCalls.ExchangeCodeAsync(cloud, host.CloudClient, code, host.CloudClient.RedirectUri)));

        Assert.Equal(1, results.Count(r => r.Status == HttpStatusCode.OK));
        Assert.All(results.Where(r => r.Status != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Unauthorized, r.Status));
    }

    [Fact]
    public async Task Token_CodeWithOtherRedirectUri_ReturnsInvalidGrant()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var code = await TokenCalls.NewCodeAsync(host, host.CloudClient);

        var (status, body, _) = await TokenCalls.ExchangeCodeAsync(cloud, host.CloudClient, code, "https://mycompdomain.com/returnpath");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
        Assert.Equal("Invalid Redirect URI", body.GetProperty("error_description").GetString());

        // The failed attempt did not consume the code.
        var (retry, _, _) = await TokenCalls.ExchangeCodeAsync(cloud, host.CloudClient, code, host.CloudClient.RedirectUri);
        Assert.Equal(HttpStatusCode.OK, retry);
    }

    [Fact]
    public async Task Token_CodeOfAnotherClient_ReturnsInvalidGrant()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var desktop = host.CreateDesktopClient();
        var code = await TokenCalls.NewCodeAsync(host, host.CloudClient);

        var (status, body, _) = await TokenCalls.ExchangeCodeAsync(desktop, host.NativeClient, code, host.CloudClient.RedirectUri);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Token_CodeAfter15Minutes_ReturnsInvalidGrant()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await WaharoaTestHost.StartAsync(time);
        using var cloud = host.CreateCloudClient();
        var code = await TokenCalls.NewCodeAsync(host, host.CloudClient);

        time.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));
        var (status, body, _) = await TokenCalls.ExchangeCodeAsync(cloud, host.CloudClient, code, host.CloudClient.RedirectUri);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Token_Refresh_ReturnsNewAccessAndRefreshTokens()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var (access, refresh) = await TokenCalls.NewCloudTokensAsync(host, cloud);

        var (status, body, _) = await TokenCalls.RefreshAsync(cloud, host.CloudClient, refresh);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["expires_in", "token_type", "access_token", "refresh_token"], body.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.NotEqual(access, body.GetProperty("access_token").GetString());
        Assert.NotEqual(refresh, body.GetProperty("refresh_token").GetString());
        var (validate, _, _) = await TokenCalls.ValidateAsync(cloud, host.CloudClient, body.GetProperty("access_token").GetString()!);
        Assert.Equal(HttpStatusCode.OK, validate);
    }

    [Fact]
    public async Task Token_RefreshAfterSixMonths_ReturnsInvalidGrant()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await WaharoaTestHost.StartAsync(time);
        using var cloud = host.CreateCloudClient();
        var (_, refresh) = await TokenCalls.NewCloudTokensAsync(host, cloud);

        time.Advance(TimeSpan.FromDays(182));
        Assert.Equal(HttpStatusCode.OK, (await TokenCalls.RefreshAsync(cloud, host.CloudClient, refresh)).Status);

        time.Advance(TimeSpan.FromDays(2));
        var (status, body, _) = await TokenCalls.RefreshAsync(cloud, host.CloudClient, refresh);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("Invalid Grant: grant_type=refresh_token", body.GetProperty("error_description").GetString());
    }

    [Fact]
    public async Task Token_AfterConsentRevoked_Refresh401InvalidGrant_Validate403UnauthorizedClient()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var (access, refresh) = await TokenCalls.NewCloudTokensAsync(host, cloud);
        var revocations = (Waharoa.OAuth.Revocations)host.Server.Services.GetService(typeof(Waharoa.OAuth.Revocations))!;

        Assert.True(await revocations.RevokeConsentAsync(host.User.Logon, host.CloudClient.ClientId, CancellationToken.None));

        var (refreshStatus, refreshBody, _) = await TokenCalls.RefreshAsync(cloud, host.CloudClient, refresh);
        Assert.Equal(HttpStatusCode.Unauthorized, refreshStatus);
        Assert.Equal("invalid_grant", refreshBody.GetProperty("error").GetString());

        // Build pack v2.8 §2.1.5: validate after the user revoked consent is 403 unauthorized_client.
        var (validateStatus, validateBody, _) = await TokenCalls.ValidateAsync(cloud, host.CloudClient, access);
        Assert.Equal(HttpStatusCode.Forbidden, validateStatus);
        Assert.Equal("unauthorized_client", validateBody.GetProperty("error").GetString());
        Assert.Equal(
            "The access token is no longer valid as the user has revoked consent. Clients should re-authorize the user.",
            validateBody.GetProperty("error_description").GetString());

        // And the user is asked for consent again.
        using var session = new MyIrSession(host);
        await session.GetAsync(XiamsUrls.AuthorizeUrl(host.CloudClient.ClientId, host.CloudClient.RedirectUri));
        await session.LogonAsync(host.User.Logon, host.User.Password);
        Assert.Contains("Authorise consent", session.LastPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_AllAttributesAskedFor_AreReturnedInNameOrder()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var (access, _) = await TokenCalls.NewCloudTokensAsync(host, cloud);

        var (status, body, _) = await TokenCalls.ValidateAsync(cloud, host.CloudClient, access, "startLogon exp prn oracle.oauth.client_origin_id jti");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(body.GetProperty("successful").GetBoolean());
        var attributes = body.GetProperty("oracle_token_attrs_retrieval");
        Assert.Equal(["exp", "jti", "oracle.oauth.client_origin_id", "prn", "startlogon"], attributes.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(host.User.Logon, attributes.GetProperty("startlogon").GetString());
        Assert.Equal(host.User.Logon, attributes.GetProperty("prn").GetString());
        Assert.Equal(host.CloudClient.ClientId, attributes.GetProperty("oracle.oauth.client_origin_id").GetString());
        Assert.Equal(JsonValueKind.Number, attributes.GetProperty("exp").ValueKind);
    }

    [Fact]
    public async Task Validate_ExpiredAccessToken_ReturnsInvalidGrant()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await WaharoaTestHost.StartAsync(time);
        using var cloud = host.CreateCloudClient();
        var (access, _) = await TokenCalls.NewCloudTokensAsync(host, cloud);

        time.Advance(TimeSpan.FromHours(8));
        var (status, body, _) = await TokenCalls.ValidateAsync(cloud, host.CloudClient, access);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
        Assert.Equal("Access Token Validation Failed", body.GetProperty("error_description").GetString());
    }

    [Fact]
    public async Task Validate_TamperedToken_ReturnsInvalidGrant()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var (access, _) = await TokenCalls.NewCloudTokensAsync(host, cloud);
        var parts = access.Split('.');
        var payload = Encoding.UTF8.GetString(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(parts[1]))
            .Replace(host.User.Logon, "Client008", StringComparison.Ordinal);
        var forged = $"{parts[0]}.{Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(payload)}.{parts[2]}";

        var (status, _, _) = await TokenCalls.ValidateAsync(cloud, host.CloudClient, forged);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task Validate_WrongScope_ReturnsInvalidScope()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var (access, _) = await TokenCalls.NewCloudTokensAsync(host, cloud);

        var (status, body, _) = await TokenCalls.PostAsync(cloud, host.CloudClient, "Authorization",
            ("grant_type", XiamsUrls.ResourceAccessGrant), ("oracle_token_action", "validate"), ("scope", "Other"),
            ("assertion", access), ("oracle_token_attrs_retrieval", "prn exp"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_scope", body.GetProperty("error").GetString());
        Assert.Equal(": Invalid parameter value: ", body.GetProperty("error_description").GetString());
    }

    [Fact]
    public async Task Delete_AccessToken_RevokesItOnly()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var (access, refresh) = await TokenCalls.NewCloudTokensAsync(host, cloud);

        var (status, body, _) = await TokenCalls.DeleteAsync(cloud, host.CloudClient, access);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("{\"successful\":true}", body.GetRawText());
        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenCalls.ValidateAsync(cloud, host.CloudClient, access)).Status);
        Assert.Equal(HttpStatusCode.OK, (await TokenCalls.RefreshAsync(cloud, host.CloudClient, refresh)).Status);

        var (again, againBody, _) = await TokenCalls.DeleteAsync(cloud, host.CloudClient, access);
        Assert.Equal(HttpStatusCode.BadRequest, again);
        Assert.Equal("Cannot terminate invalid token.", againBody.GetProperty("error_description").GetString());
    }

    [Fact]
    public async Task Delete_RefreshToken_StopsRefresh()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var (_, refresh) = await TokenCalls.NewCloudTokensAsync(host, cloud);

        Assert.Equal(HttpStatusCode.OK, (await TokenCalls.DeleteAsync(cloud, host.CloudClient, refresh)).Status);

        Assert.Equal(HttpStatusCode.Unauthorized, (await TokenCalls.RefreshAsync(cloud, host.CloudClient, refresh)).Status);
    }

    [Theory]
    [InlineData("", "Invalid client_id or client_secret")]
    [InlineData("Bearer abc", "Invalid client_id or client_secret")]
    [InlineData("Basic !!!notbase64", "Invalid client_id or client_secret")]
    public async Task Token_MissingOrMalformedClientCredentials_ReturnsInvalidClient(string header, string description)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var desktop = host.CreateDesktopClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, XiamsUrls.Tokens)
        {
            Content = new FormUrlEncodedContent([KeyValuePair.Create("grant_type", "authorization_code")]),
        };
        if (header.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("Authorization", header);
        }

        using var response = await desktop.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("invalid_client", body.GetProperty("error").GetString());
        Assert.Equal(description, body.GetProperty("error_description").GetString());
    }

    [Fact]
    public async Task Token_WrongSecret_ReturnsInvalidClient()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var desktop = host.CreateDesktopClient();

        var (status, body, _) = await TokenCalls.PostAsync(desktop, host.NativeClient with { ClientSecret = "wrong" }, "Authorization", ("grant_type", "authorization_code"));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("invalid_client", body.GetProperty("error").GetString());
        Assert.Equal("Invalid client_id or client_secret", body.GetProperty("error_description").GetString());
    }

    [Fact]
    public async Task Token_UnknownClient_ReturnsInvalidClient()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var desktop = host.CreateDesktopClient();

        var (status, body, _) = await TokenCalls.PostAsync(desktop, host.NativeClient with { ClientId = "Nobody" }, "Authorization", ("grant_type", "authorization_code"));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("invalid_client", body.GetProperty("error").GetString());
        Assert.Equal("Invalid client ID", body.GetProperty("error_description").GetString());
    }

    [Fact]
    public async Task Token_UnknownGrantType_ReturnsUnsupportedGrantType()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var desktop = host.CreateDesktopClient();

        var (status, body, _) = await TokenCalls.PostAsync(desktop, host.NativeClient, "Authorization", ("grant_type", "password"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("unsupported_grant_type", body.GetProperty("error").GetString());
        Assert.Equal("Invalid/unsupported value for grant_type", body.GetProperty("error_description").GetString());
    }

    [Fact]
    public async Task Token_UnknownTokenAction_ReturnsInvalidTokenAction()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var desktop = host.CreateDesktopClient();

        var (status, body, _) = await TokenCalls.PostAsync(desktop, host.NativeClient, "Authorization",
            ("grant_type", XiamsUrls.ResourceAccessGrant), ("oracle_token_action", "revoke"), ("assertion", "x"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("{\"error\":\"invalid_request\",\"error_description\":\"Invalid token action: revoke\"}", body.GetRawText());
    }

    [Theory]
    [InlineData("grant_type")]
    [InlineData("code")]
    [InlineData("redirect_uri")]
    public async Task Token_MissingParameter_ReturnsInvalidRequest(string omitted)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var desktop = host.CreateDesktopClient();
        var form = new[] { ("grant_type", "authorization_code"), ("code", "abc"), ("redirect_uri", host.NativeClient.RedirectUri) }
            .Where(f => f.Item1 != omitted).ToArray();

        var (status, body, _) = await TokenCalls.PostAsync(desktop, host.NativeClient, "Authorization", form);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_request", body.GetProperty("error").GetString());
        Assert.Equal($"Missing parameter: {omitted}", body.GetProperty("error_description").GetString());
    }

    [Fact]
    public async Task Token_RepeatedParameter_ReturnsInvalidRequest()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var desktop = host.CreateDesktopClient();

        var (status, body, _) = await TokenCalls.PostAsync(desktop, host.NativeClient, "Authorization",
            ("grant_type", "authorization_code"), ("code", "a"), ("code", "b"), ("redirect_uri", host.NativeClient.RedirectUri));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("invalid_request", body.GetProperty("error").GetString());
        Assert.Equal("Repeated parameter: code", body.GetProperty("error_description").GetString());
    }

    [Theory]
    [InlineData("application/json", "{\"grant_type\":\"authorization_code\"}")]
    [InlineData("text/plain", "grant_type=authorization_code")]
    [InlineData(null, "grant_type=authorization_code")]
    public async Task Token_WrongContentType_ReturnsInvalidRequest(string? contentType, string body)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var desktop = host.CreateDesktopClient();
        using var request = XiamsUrls.TokenRequest(host.NativeClient.ClientId, host.NativeClient.ClientSecret, []);
        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null)
        {
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        }

        using var response = await desktop.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Token_BodyOver64KiB_ReturnsInvalidRequest(bool chunked)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var desktop = host.CreateDesktopClient();
        using var request = XiamsUrls.TokenRequest(host.NativeClient.ClientId, host.NativeClient.ClientSecret, []);
        var bytes = Encoding.ASCII.GetBytes("grant_type=authorization_code&code=" + new string('a', 70 * 1024));
        request.Content = chunked ? new StreamContent(new MemoryStream(bytes)) : new ByteArrayContent(bytes);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        request.Headers.TransferEncodingChunked = chunked;

        using var response = await desktop.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Token_GarbageCodeOfAnyShape_ReturnsInvalidGrantNever500()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var desktop = host.CreateDesktopClient();
        string[] codes = ["x", "a.b.c", "eyJhbGciOiJub25lIn0.eyJqdGkiOiIxIn0.", new string('.', 500), "%00%ff", "eyJhbGciOiJSUzUxMiJ9.e30.AAAA"];

        foreach (var code in codes)
        {
            var (status, body, _) = await TokenCalls.ExchangeCodeAsync(desktop, host.NativeClient, code, host.NativeClient.RedirectUri);
            Assert.Equal(HttpStatusCode.Unauthorized, status);
            Assert.Equal("invalid_grant", body.GetProperty("error").GetString());
        }
    }
}
