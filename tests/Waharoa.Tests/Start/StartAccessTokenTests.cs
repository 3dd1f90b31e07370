using Waharoa.Server.Endpoints;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Waharoa.Server.Demo;
using Waharoa.Server.Gateway;
using Waharoa.Testing;

namespace Waharoa.Tests.Start;

/// <summary>START access tokens: IR's at-JWT header and claim set, in order, with their types and values, verifiable offline.</summary>
public sealed class StartAccessTokenTests
{
    private static readonly string[] ClaimOrder = ["nbf", "jti", "iss", "iat", "sub", "startLogon", "scope", "clientid", "aud", "grant", "exp"];

    [Fact]
    public async Task AccessToken_HeaderIsExactlyAlgTypKid_KidIsTheSigningCertificatesSha1Thumbprint()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var tokens = await StartCalls.NewTokensAsync(host, cloud, host.CloudClient);

        using var jwt = new StartJwt(tokens.String("access_token"));

        // The signing certificate as the JWKS publishes it (x5c).
        using var desktop = host.CreateDesktopClient();
        var jwks = new JsonWebKeySet(await desktop.GetStringAsync("/.well-known/jwks.json"));
        using var signing = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(Assert.Single(Assert.Single(jwks.Keys).X5c)));
        Assert.Matches("^[0-9A-F]{40}$", signing.Thumbprint);
        Assert.Equal($"{{\"alg\":\"RS512\",\"typ\":\"at-JWT\",\"kid\":\"{signing.Thumbprint}\"}}", jwt.HeaderText);
    }

    [Fact]
    public async Task AccessToken_ClaimsInIrsOrderWithIrsTypesAndValues()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await WaharoaTestHost.StartAsync(time);
        using var cloud = host.CreateCloudClient();
        var tokens = await StartCalls.NewTokensAsync(host, cloud, host.CloudClient);

        using var jwt = new StartJwt(tokens.String("access_token"));

        Assert.Equal(ClaimOrder, jwt.ClaimNames);
        foreach (var claim in jwt.Claims.EnumerateObject())
        {
            var expected = claim.Name is "nbf" or "iat" or "exp" ? JsonValueKind.Number : JsonValueKind.String;
            Assert.True(expected == claim.Value.ValueKind, $"{claim.Name} is {claim.Value.ValueKind}");
        }

        Assert.Equal(time.GetUtcNow().ToUnixTimeSeconds(), jwt.Iat);
        Assert.Equal(jwt.Iat - 300, jwt.Claims.GetProperty("nbf").GetInt64());
        Assert.Equal(28800, jwt.Exp - jwt.Iat);
        Assert.True(Guid.TryParse(jwt.String("jti"), out var jti));
        Assert.Equal(4, jti.Version);
        Assert.Equal(StartUrls.MockIssuer, jwt.String("iss"));
        Assert.Equal(StartUrls.MockIssuer, jwt.String("aud"));
        Assert.True(Guid.TryParse(jwt.Sub, out _), jwt.Sub);
        Assert.Equal(host.User.Logon, jwt.String("startLogon"));
        Assert.Equal(StartUrls.Scope, jwt.String("scope"));
        Assert.Equal(host.CloudClient.ClientId, jwt.String("clientid"));
        Assert.Equal("AUTHORIZATION_CODE", jwt.String("grant"));
    }

    [Fact]
    public async Task AccessToken_PayloadIsCompactWithEscapedSlashes_AsIrsBytes()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var tokens = await StartCalls.NewTokensAsync(host, cloud, host.CloudClient);

        using var jwt = new StartJwt(tokens.String("access_token"));

        Assert.Contains("\"iss\":\"https:\\/\\/oauth.test.services.ird.govt.nz\\/gateway3\\/oauth\\/\"", jwt.PayloadText, StringComparison.Ordinal);
        Assert.Contains("\"aud\":\"https:\\/\\/oauth.test.services.ird.govt.nz\\/gateway3\\/oauth\\/\"", jwt.PayloadText, StringComparison.Ordinal);
        Assert.StartsWith("{\"nbf\":", jwt.PayloadText, StringComparison.Ordinal);
        Assert.DoesNotContain(" ", jwt.PayloadText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccessToken_VerifiesOfflineAgainstThePublishedJwks()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        using var desktop = host.CreateDesktopClient();
        var tokens = await StartCalls.NewTokensAsync(host, cloud, host.CloudClient);
        var refreshed = await StartCalls.RefreshAsync(cloud, host.CloudClient, tokens.String("refresh_token"));
        var jwks = new JsonWebKeySet(await desktop.GetStringAsync("/.well-known/jwks.json"));

        foreach (var token in new[] { tokens.String("access_token"), refreshed.String("access_token") })
        {
            var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
            {
                IssuerSigningKeys = jwks.GetSigningKeys(),
                ValidIssuer = StartUrls.MockIssuer,
                ValidAudience = StartUrls.MockIssuer,
                ValidTypes = ["at-JWT"],
                ValidAlgorithms = [SecurityAlgorithms.RsaSha512],
            });

            Assert.True(result.IsValid, result.Exception?.Message);
            Assert.Contains(jwks.Keys, k => k.Kid == new JsonWebToken(token).Kid);
        }
    }

    [Fact]
    public async Task AccessToken_TamperedPayload_FailsOfflineVerification()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        using var desktop = host.CreateDesktopClient();
        var tokens = await StartCalls.NewTokensAsync(host, cloud, host.CloudClient);
        var parts = tokens.String("access_token").Split('.');
        using var jwt = new StartJwt(tokens.String("access_token"));
        var forged = $"{parts[0]}.{Base64UrlEncoder.Encode(jwt.PayloadText.Replace(host.User.Logon, "Client008", StringComparison.Ordinal))}.{parts[2]}";
        var jwks = new JsonWebKeySet(await desktop.GetStringAsync("/.well-known/jwks.json"));

        var result = await new JsonWebTokenHandler().ValidateTokenAsync(forged, new TokenValidationParameters
        {
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidIssuer = StartUrls.MockIssuer,
            ValidAudience = StartUrls.MockIssuer,
        });

        Assert.False(result.IsValid);
        StartAssert.Inactive(await StartCalls.IntrospectAsync(cloud, host.CloudClient, forged));
    }

    [Theory]
    [InlineData(GatewayEnvironment.Mock, "https://oauth.test.services.ird.govt.nz/gateway3/oauth/")]
    [InlineData(GatewayEnvironment.Test, "https://test5.services.ird.govt.nz/gateway3/oauth/")]
    [InlineData(GatewayEnvironment.Production, "https://services.ird.govt.nz/gateway3/oauth/")]
    public async Task AccessToken_IssAndAudAreTheEnvironmentProfilesIssuer(GatewayEnvironment environment, string issuer)
    {
        await using var host = await WaharoaTestHost.StartAsync(configure: o => o.Gateway.Environment = environment);
        using var cloud = host.CreateCloudClient();
        var tokens = await StartCalls.NewTokensAsync(host, cloud, host.CloudClient);

        using var jwt = new StartJwt(tokens.String("access_token"));

        Assert.Equal(issuer, jwt.String("iss"));
        Assert.Equal(issuer, jwt.String("aud"));
    }

    [Fact]
    public async Task Sub_IsOneGuidPerUser_SameForEveryClient_DifferentForAnotherUser()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        using var desktop = host.CreateDesktopClient();
        var other = host.Demo.Users[1];

        var viaCloud = await StartCalls.NewTokensAsync(host, cloud, host.CloudClient);
        var viaNative = await StartCalls.NewTokensAsync(host, desktop, host.NativeClient);
        var otherUser = await StartCalls.NewTokensAsync(host, cloud, host.CloudClient, other);

        using var a = new StartJwt(viaCloud.String("access_token"));
        using var b = new StartJwt(viaNative.String("access_token"));
        using var c = new StartJwt(otherUser.String("access_token"));
        Assert.Equal(a.Sub, b.Sub);
        Assert.NotEqual(a.Sub, c.Sub);
        Assert.Equal(other.Logon, c.String("startLogon"));
        Assert.Equal(host.NativeClient.ClientId, b.String("clientid"));
    }

    [Fact]
    public async Task Sub_IsTheSameAfterAServerRestart()
    {
        var folder = Path.Combine(Path.GetTempPath(), "waharoa-test-" + Guid.NewGuid().ToString("N"));
        const string redirect = "https://mycompdomain.com/returnpath";
        try
        {
            string before;
            await using (var host = await WaharoaTestHost.StartAsync(dataDirectory: folder))
            {
                using var cloud = host.CreateCloudClient();
                using var jwt = new StartJwt((await StartCalls.NewTokensAsync(host, cloud, host.CloudClient, redirectUri: redirect)).String("access_token"));
                before = jwt.Sub;
            }

            await using (var host = await WaharoaTestHost.StartAsync(dataDirectory: folder))
            {
                using var cloud = host.CreateCloudClient();
                using var jwt = new StartJwt((await StartCalls.NewTokensAsync(host, cloud, host.CloudClient, redirectUri: redirect)).String("access_token"));
                Assert.Equal(before, jwt.Sub);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task AccessToken_NativeClient_SameShapeWithItsClientId()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var desktop = host.CreateDesktopClient();
        var tokens = await StartCalls.NewTokensAsync(host, desktop, host.NativeClient, new DemoUser(host.Demo.Users[1].Logon, host.Demo.Users[1].Password));

        using var jwt = new StartJwt(tokens.String("access_token"));

        Assert.Equal(ClaimOrder, jwt.ClaimNames);
        Assert.Equal(host.NativeClient.ClientId, jwt.String("clientid"));
        Assert.Equal(host.Demo.Users[1].Logon, jwt.String("startLogon"));
    }
}
