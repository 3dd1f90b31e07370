using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Waharoa.Certificates;
using Waharoa.Clients;
using Waharoa.Security;
using Waharoa.Storage;
using Waharoa.Testing;
using Waharoa.Tests.AccountApi;
using Waharoa.Tests.Gateway;
using Waharoa.Tests.Start;

namespace Waharoa.Tests.Security;

/// <summary>
/// RFC 8725 §2.1 and §3.1: a JWT re-signed with <c>alg</c> <c>none</c>, or with HS256 keyed by the public key (algorithm
/// confusion), is no token, whether it is one of Waharoa's own tokens or a DSP's M2M JWT; and an M2M JWT is bound to
/// the certificate that signed it.
/// </summary>
public sealed class TokenForgeryThreatTests
{
    public enum Forgery
    {
        AlgNone,
        AlgNoneKeepingTheSignature,
        Hs256KeyedByThePublicCertificate,
        Hs256KeyedByThePublicModulus,
    }

    [Theory]
    [InlineData(Forgery.AlgNone)]
    [InlineData(Forgery.AlgNoneKeepingTheSignature)]
    [InlineData(Forgery.Hs256KeyedByThePublicCertificate)]
    [InlineData(Forgery.Hs256KeyedByThePublicModulus)]
    public async Task Threat_ForgedAlgorithmOnWaharoasAccessTokens_IsRefusedByIntrospectValidateAndTheGateway(Forgery forgery)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        using var desktop = host.CreateDesktopClient();
        var jwks = new JsonWebKeySet(await desktop.GetStringAsync("/.well-known/jwks.json"));
        var start = (await StartCalls.NewTokensAsync(host, cloud, host.CloudClient)).String("access_token");
        var (xiams, _) = await TokenCalls.NewCloudTokensAsync(host, cloud);

        foreach (var genuine in new[] { start, xiams })
        {
            var key = jwks.Keys.FirstOrDefault(k => k.Kid == new JsonWebToken(genuine).Kid) ?? jwks.Keys[0];
            var forged = Forge(genuine, forgery, key.X5c.Count > 0 ? Convert.FromBase64String(key.X5c[0]) : Base64UrlEncoder.DecodeBytes(key.N), Base64UrlEncoder.DecodeBytes(key.N));

            StartAssert.Inactive(await StartCalls.IntrospectAsync(cloud, host.CloudClient, forged));
            Assert.Equal(HttpStatusCode.Unauthorized, (await TokenCalls.ValidateAsync(cloud, host.CloudClient, forged)).Status);
            var (status, body) = await AccountApiCalls.ListAsync(cloud, "Bearer " + forged, AccountApiCalls.DemoCustomer);
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Contains("EV1020", body.ToString(), StringComparison.Ordinal);
        }

        // The genuine tokens still work, so the refusals above are the forgery's doing.
        Assert.Equal(HttpStatusCode.OK, (await AccountApiCalls.ListAsync(cloud, "Bearer " + start, AccountApiCalls.DemoCustomer)).Status);
    }

    [Theory]
    [InlineData(Forgery.AlgNone)]
    [InlineData(Forgery.AlgNoneKeepingTheSignature)]
    [InlineData(Forgery.Hs256KeyedByThePublicCertificate)]
    [InlineData(Forgery.Hs256KeyedByThePublicModulus)]
    public async Task Threat_ForgedAlgorithmOnAnM2mJwt_IsRefusedWithEV1020(Forgery forgery)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        using var certificate = host.LoadCloudClientCertificate();
        var genuine = M2mTokens.Create(certificate, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(9), host.User.Logon);
        var modulus = certificate.GetRSAPublicKey()!.ExportParameters(false).Modulus!;

        var forged = await AccountApiCalls.ListAsync(cloud, Forge(genuine, forgery, certificate.RawData, modulus), AccountApiCalls.DemoCustomer);
        var accepted = await AccountApiCalls.ListAsync(cloud, genuine, AccountApiCalls.DemoCustomer);

        Assert.Equal(HttpStatusCode.BadRequest, forged.Status);
        Assert.Contains("EV1020", forged.Body.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, accepted.Status);
    }

    [Fact]
    public async Task Threat_M2mJwtReplayedWithinItsLifetimeOverAnotherDspsCertificate_IsRefusedWithEV1020()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var ca = host.DevelopmentCa();
        using var other = ca.IssueClientCertificate("Other_Dsp");
        var clients = (IClientStore)host.Server.Services.GetService(typeof(IClientStore))!;
        await clients.AddClientAsync(
            new DspClient("Other_Dsp", "Other", ClientKind.Cloud, SecretHasher.Hash("unused-secret"), ["https://other.example/cb"], CertificateFiles.Sha256Thumbprint(other), DateTimeOffset.UtcNow)
            {
                Services = ["*"],
            },
            CancellationToken.None);
        using var victim = host.LoadCloudClientCertificate();
        using var asVictim = host.CreateCloudClient();
        using var asAttacker = host.CreateCloudClient(other);

        // A JWT the victim sent, captured (a log, a proxy) and replayed at once by a DSP with its own enrolled certificate.
        var captured = M2mTokens.Create(victim, DateTimeOffset.UtcNow, TimeSpan.FromHours(8), host.User.Logon);
        var replayed = await AccountApiCalls.ListAsync(asAttacker, captured, AccountApiCalls.DemoCustomer);
        var original = await AccountApiCalls.ListAsync(asVictim, captured, AccountApiCalls.DemoCustomer);

        Assert.Equal(HttpStatusCode.BadRequest, replayed.Status);
        Assert.Contains("EV1020", replayed.Body.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, original.Status);
    }

    /// <summary>Re-signs <paramref name="jwt"/>'s payload as the forgery says, keeping every other header member.</summary>
    private static string Forge(string jwt, Forgery forgery, byte[] certificate, byte[] modulus)
    {
        var parts = jwt.Split('.');
        var header = JsonNode.Parse(Base64UrlEncoder.Decode(parts[0]))!.AsObject();
        header["alg"] = forgery is Forgery.AlgNone or Forgery.AlgNoneKeepingTheSignature ? "none" : "HS256";
        var input = $"{Base64UrlEncoder.Encode(header.ToJsonString())}.{parts[1]}";
        return forgery switch
        {
            Forgery.AlgNone => input + ".",
            Forgery.AlgNoneKeepingTheSignature => $"{input}.{parts[2]}",
            Forgery.Hs256KeyedByThePublicCertificate => $"{input}.{Base64UrlEncoder.Encode(HMACSHA256.HashData(certificate, Encoding.ASCII.GetBytes(input)))}",
            _ => $"{input}.{Base64UrlEncoder.Encode(HMACSHA256.HashData(modulus, Encoding.ASCII.GetBytes(input)))}",
        };
    }
}
