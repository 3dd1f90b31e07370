using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Waharoa.Testing;

namespace Waharoa.Tests.Xiams;

/// <summary>Tokens have the seed samples' header and claim set and verify offline against the published JWKS.</summary>
public sealed class TokenFormatTests
{
    private static readonly SeedSamples Samples = SeedSamples.Load();

    [Fact]
    public async Task Tokens_HaveTheSeedSamplesHeaderAndClaimsInOrder()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var code = await TokenCalls.NewCodeAsync(host, host.CloudClient);
        var (_, body, _) = await TokenCalls.ExchangeCodeAsync(cloud, host.CloudClient, code, host.CloudClient.RedirectUri);
        var access = body.GetProperty("access_token").GetString()!;
        var refresh = body.GetProperty("refresh_token").GetString()!;

        // The samples: the code of the redirect example, the access and refresh tokens of the refresh reply.
        var sampleCode = Samples.Blocks[1].Split("code=")[1].Split('\n')[0].Trim();
        var sampleReply = Samples.Response(8).Body;
        AssertSameShape(sampleCode, code, "azc");
        AssertSameShape(sampleReply.GetProperty("access_token").GetString()!, access, "resource_access_tk");
        AssertSameShape(sampleReply.GetProperty("refresh_token").GetString()!, refresh, "refresh_token");

        using var accessPayload = Payload(access);
        var claims = accessPayload.RootElement;
        Assert.Equal("InlandRevenue", claims.GetProperty("iss").GetString());
        Assert.Equal(host.User.Logon, claims.GetProperty("prn").GetString());
        Assert.Equal(host.User.Logon, claims.GetProperty("sub").GetString());
        Assert.Equal(host.CloudClient.ClientId, claims.GetProperty("oracle.oauth.client_origin_id").GetString());
        Assert.Equal("MYIR.Services", claims.GetProperty("oracle.oauth.scope").GetString());
        Assert.Equal(28800, claims.GetProperty("exp").GetInt64() - claims.GetProperty("iat").GetInt64());

        using var refreshPayload = Payload(refresh);
        Assert.Equal(183 * 86400, refreshPayload.RootElement.GetProperty("exp").GetInt64() - refreshPayload.RootElement.GetProperty("iat").GetInt64());
        using var codePayload = Payload(code);
        Assert.Equal(15 * 60, codePayload.RootElement.GetProperty("exp").GetInt64() - codePayload.RootElement.GetProperty("iat").GetInt64());
        Assert.Equal(host.CloudClient.RedirectUri, codePayload.RootElement.GetProperty("oracle.oauth.redirect-uri").GetString());
    }

    [Fact]
    public async Task AccessToken_VerifiesOfflineWithThePublishedJwks_Rs512With2048BitKey()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var (access, _) = await TokenCalls.NewCloudTokensAsync(host, cloud);
        using var desktop = host.CreateDesktopClient();

        var jwks = new JsonWebKeySet(await desktop.GetStringAsync("/.well-known/jwks.json"));
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(access, new TokenValidationParameters
        {
            IssuerSigningKeys = jwks.GetSigningKeys(),
            ValidIssuer = "InlandRevenue",
            ValidateAudience = false,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha512],
        });

        Assert.True(result.IsValid, result.Exception?.Message);
        var key = Assert.Single(jwks.Keys);
        Assert.True(Base64UrlEncoder.DecodeBytes(key.N).Length * 8 >= 2048);
        var header = new JsonWebToken(access);
        Assert.Equal("RS512", header.Alg);
        Assert.Equal(key.Kid, header.Kid);
        Assert.Equal(key.X5t, header.X5t);
    }

    private static void AssertSameShape(string sample, string ours, string context)
    {
        using var sampleHeader = Header(sample);
        using var ourHeader = Header(ours);
        Assert.Equal(["alg", "typ", "x5t", "kid"], sampleHeader.RootElement.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(
            sampleHeader.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal),
            ourHeader.RootElement.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("RS512", ourHeader.RootElement.GetProperty("alg").GetString());
        Assert.Equal("JWT", ourHeader.RootElement.GetProperty("typ").GetString());

        using var samplePayload = Payload(sample);
        using var ourPayload = Payload(ours);
        JsonShape.AssertSame(samplePayload.RootElement, ourPayload.RootElement);
        Assert.Equal(context, ourPayload.RootElement.GetProperty("oracle.oauth.tk_context").GetString());
    }

    private static JsonDocument Header(string jwt) => JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(jwt.Split('.')[0]));

    private static JsonDocument Payload(string jwt) => JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(jwt.Split('.')[1]));
}
