using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Waharoa.Testing;
using Waharoa.Tokens;

namespace Waharoa.Tests.Xiams;

/// <summary>Tokens have the seed samples' header and claim set and verify offline against the published JWKS.</summary>
public sealed class TokenFormatTests
{
    private static readonly SeedSamples Samples = SeedSamples.Load();

    // Every xIAMS token of IR's founding samples has this header; its x5t is IR's signing certificate's.
    private const string SampleHeader = """{"alg":"RS512","typ":"JWT","x5t":"z9TTuGjGIRMwMiB4ZPlco8Cgre8","kid":"orakey"}""";
    private const string SampleX5t = "z9TTuGjGIRMwMiB4ZPlco8Cgre8";

    [Fact]
    public async Task Tokens_HaveTheSeedSamplesHeaderTextAndClaimsInOrder()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var code = await TokenCalls.NewCodeAsync(host, host.CloudClient);
        var (_, body, _) = await TokenCalls.ExchangeCodeAsync(cloud, host.CloudClient, code, host.CloudClient.RedirectUri);
        var access = body.GetProperty("access_token").GetString()!;
        var refresh = body.GetProperty("refresh_token").GetString()!;
        var x5t = XiamsTokenHeaders.X5t(host.Server.Services.GetRequiredService<SigningKeyRing>().Current.Certificate);

        // The samples: the code of the redirect example, the access and refresh tokens of the refresh reply.
        var sampleCode = Samples.Blocks[1].Split("code=")[1].Split('\n')[0].Trim();
        var sampleReply = Samples.Response(8).Body;
        AssertSameShape(sampleCode, code, "azc", x5t);
        AssertSameShape(sampleReply.GetProperty("access_token").GetString()!, access, "resource_access_tk", x5t);
        AssertSameShape(sampleReply.GetProperty("refresh_token").GetString()!, refresh, "refresh_token", x5t);
        Assert.Equal(SampleX5t.Length, x5t.Length);
        Assert.Equal($$"""{"alg":"RS512","typ":"JWT","x5t":"{{x5t}}","kid":"orakey"}""", XiamsTokenHeaders.Text(access));

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
    public async Task Validate_TokenOfOursUnderAnX5tOfNoKeyOfOurs_IsRefused_UnderOurX5tIsValid()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var (access, _) = await TokenCalls.NewCloudTokensAsync(host, cloud);
        var certificate = host.Server.Services.GetRequiredService<SigningKeyRing>().Current.Certificate;

        // Both are signed by our own key over the issued payload: only the key the header names tells them apart.
        var strange = XiamsTokenHeaders.Resign(access, SampleHeader, certificate);
        var ours = XiamsTokenHeaders.Resign(access, XiamsTokenHeaders.Expected(certificate), certificate);

        var (strangeStatus, strangeBody, _) = await TokenCalls.ValidateAsync(cloud, host.CloudClient, strange);
        Assert.Equal(HttpStatusCode.Unauthorized, strangeStatus);
        Assert.Equal("invalid_grant", strangeBody.GetProperty("error").GetString());
        Assert.Equal("Access Token Validation Failed", strangeBody.GetProperty("error_description").GetString());
        var (oursStatus, _, _) = await TokenCalls.ValidateAsync(cloud, host.CloudClient, ours);
        Assert.Equal(HttpStatusCode.OK, oursStatus);
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
        // The header names the key by x5t (its kid is the constant orakey); the JWKS also gives the kid START tokens use.
        Assert.Equal("orakey", header.Kid);
        Assert.Equal(key.X5t, header.X5t);
        Assert.Equal(key.Kid, Convert.ToHexString(Base64UrlEncoder.DecodeBytes(header.X5t)));
    }

    private static void AssertSameShape(string sample, string ours, string context, string x5t)
    {
        // The seed's header, byte for byte, but for the x5t: ours names our signing certificate.
        Assert.Equal(SampleHeader, XiamsTokenHeaders.Text(sample));
        Assert.Equal(SampleHeader.Replace(SampleX5t, x5t, StringComparison.Ordinal), XiamsTokenHeaders.Text(ours));

        using var samplePayload = Payload(sample);
        using var ourPayload = Payload(ours);
        JsonShape.AssertSame(samplePayload.RootElement, ourPayload.RootElement);
        Assert.Equal(context, ourPayload.RootElement.GetProperty("oracle.oauth.tk_context").GetString());
    }

    private static JsonDocument Payload(string jwt) => JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(jwt.Split('.')[1]));
}
