using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Waharoa.Testing;
using Waharoa.Tokens;

namespace Waharoa.Tests.Keys;

/// <summary>Rotating the token-signing key: new tokens use the new key; tokens of the old key verify until it retires.</summary>
public sealed class KeyRotationTests
{
    [Fact]
    public async Task AfterRotation_NewTokensUseTheNewKey_OldTokensStillVerify_JwksListsBoth()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        using var desktop = host.CreateDesktopClient();
        var ring = host.Server.Services.GetRequiredService<SigningKeyRing>();
        var old = ring.Current;
        var (oldXiams, _) = await TokenCalls.NewCloudTokensAsync(host, cloud);
        var oldStart = (await StartCalls.NewTokensAsync(host, cloud, host.CloudClient)).String("access_token");
        var oldKid = new JsonWebToken(oldStart).Kid;
        Assert.Equal(old.KeyId, oldKid);
        Assert.Equal(XiamsTokenHeaders.Expected(old.Certificate), XiamsTokenHeaders.Text(oldXiams));

        var rotated = await ring.RotateAsync(TimeSpan.FromHours(8), CancellationToken.None);

        var (newXiams, _) = await TokenCalls.NewCloudTokensAsync(host, cloud);
        var newStart = (await StartCalls.NewTokensAsync(host, cloud, host.CloudClient)).String("access_token");
        Assert.Equal(XiamsTokenHeaders.Expected(rotated.Certificate), XiamsTokenHeaders.Text(newXiams));
        Assert.Equal(rotated.KeyId, new JsonWebToken(newStart).Kid);
        Assert.NotEqual(oldKid, rotated.KeyId);

        // Both generations validate and introspect as active.
        foreach (var token in new[] { oldXiams, newXiams, oldStart, newStart })
        {
            var (status, _, _) = await TokenCalls.ValidateAsync(cloud, host.CloudClient, token);
            Assert.Equal(HttpStatusCode.OK, status);
        }

        foreach (var token in new[] { oldStart, newStart })
        {
            Assert.True((await StartCalls.IntrospectAsync(cloud, host.CloudClient, token)).Body.GetProperty("active").GetBoolean());
        }

        // A resource server holding the published JWKS verifies both generations offline.
        var jwks = new JsonWebKeySet(await desktop.GetStringAsync("/.well-known/jwks.json"));
        Assert.Equal([oldKid, rotated.KeyId], jwks.Keys.Select(k => k.Kid));
        Assert.Equal([XiamsTokenHeaders.X5t(old.Certificate), XiamsTokenHeaders.X5t(rotated.Certificate)], jwks.Keys.Select(k => k.X5t));
        foreach (var token in new[] { oldXiams, newXiams, oldStart, newStart })
        {
            var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
            {
                IssuerSigningKeys = jwks.GetSigningKeys(),
                ValidateIssuer = false,
                ValidateAudience = false,
                ValidateLifetime = false,
            });
            Assert.True(result.IsValid, result.Exception?.Message);
        }
    }

    [Fact]
    public async Task AfterRotation_AnXiamsTokenOfThePreviousStillPublishedKey_IsFoundByItsX5t_AndValidates()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        using var desktop = host.CreateDesktopClient();
        var ring = host.Server.Services.GetRequiredService<SigningKeyRing>();
        var old = ring.Current;
        var (oldAccess, oldRefresh) = await TokenCalls.NewCloudTokensAsync(host, cloud);

        var rotated = await ring.RotateAsync(TimeSpan.FromHours(8), CancellationToken.None);

        // The old tokens' header names the old key by x5t alone (kid is orakey for every key), and the JWKS still has it.
        Assert.NotEqual(old.KeyId, rotated.KeyId);
        Assert.Equal(XiamsTokenHeaders.Expected(old.Certificate), XiamsTokenHeaders.Text(oldAccess));
        var jwks = new JsonWebKeySet(await desktop.GetStringAsync("/.well-known/jwks.json"));
        Assert.Contains(jwks.Keys, k => k.X5t == XiamsTokenHeaders.X5t(old.Certificate));
        foreach (var token in new[] { oldAccess, oldRefresh })
        {
            var (status, _, _) = await TokenCalls.ValidateAsync(cloud, host.CloudClient, token);
            Assert.Equal(HttpStatusCode.OK, status);
        }

        var (refreshStatus, refreshed, _) = await TokenCalls.RefreshAsync(cloud, host.CloudClient, oldRefresh);
        Assert.Equal(HttpStatusCode.OK, refreshStatus);
        Assert.Equal(XiamsTokenHeaders.Expected(rotated.Certificate), XiamsTokenHeaders.Text(refreshed.GetProperty("access_token").GetString()!));
    }

    [Fact]
    public async Task OnceTheOldKeyRetires_ItsTokensAreRefused_AndTheJwksDropsIt()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await WaharoaTestHost.StartAsync(time, o => o.Xiams.AccessTokenLifetime = TimeSpan.FromDays(2));
        using var cloud = host.CreateCloudClient();
        using var desktop = host.CreateDesktopClient();
        var (oldToken, _) = await TokenCalls.NewCloudTokensAsync(host, cloud);

        var ring = host.Server.Services.GetRequiredService<SigningKeyRing>();
        var rotated = await ring.RotateAsync(TimeSpan.FromHours(1), CancellationToken.None);
        var (newToken, _) = await TokenCalls.NewCloudTokensAsync(host, cloud);
        var (stillValid, _, _) = await TokenCalls.ValidateAsync(cloud, host.CloudClient, oldToken);
        Assert.Equal(HttpStatusCode.OK, stillValid);

        // The token was verified a moment ago: that is not trusted past its key's retirement.
        time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));

        var (oldStatus, oldBody, _) = await TokenCalls.ValidateAsync(cloud, host.CloudClient, oldToken);
        Assert.Equal(HttpStatusCode.Unauthorized, oldStatus);
        Assert.Equal("Access Token Validation Failed", oldBody.GetProperty("error_description").GetString());
        var (newStatus, _, _) = await TokenCalls.ValidateAsync(cloud, host.CloudClient, newToken);
        Assert.Equal(HttpStatusCode.OK, newStatus);

        var jwks = new JsonWebKeySet(await desktop.GetStringAsync("/.well-known/jwks.json"));
        Assert.Equal(rotated.KeyId, Assert.Single(jwks.Keys).Kid);
    }

    [Fact]
    public async Task KeysRotateVerb_OnARunningServer_IsTakenUpWithoutARestart_AndListShowsWhichSigns()
    {
        var data = Path.Combine(Path.GetTempPath(), "waharoa-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var server = await WaharoaProcess.StartAsync(data);
            using var cloud = server.CreateCloudClient();
            var (oldToken, _) = await TokenCalls.NewCloudTokensAsync(server, cloud);

            var (exit, output) = await WaharoaProcess.RunAsync("keys", "rotate", "--data", data, "--retire-after", "8h");
            Assert.Equal(0, exit);
            var newKid = output.Split(' ')[2];
            Assert.Matches("^[0-9A-F]{40}$", newKid);

            var (_, list) = await WaharoaProcess.RunAsync("keys", "list", "--data", data);
            Assert.Contains($"{newKid}\t", list, StringComparison.Ordinal);
            Assert.Contains($"{KeyIdOf(oldToken)}\t", list, StringComparison.Ordinal);
            Assert.Contains("\tsigning", list, StringComparison.Ordinal);
            Assert.Contains("\tverifies until ", list, StringComparison.Ordinal);

            // The server re-reads its keys every 10 s: within a few rounds of that, new tokens carry the new kid.
            var deadline = DateTime.UtcNow.AddSeconds(30);
            string kid;
            do
            {
                await Task.Delay(1000);
                var (token, _) = await TokenCalls.NewCloudTokensAsync(server, cloud);
                kid = KeyIdOf(token);
            }
            while (kid != newKid && DateTime.UtcNow < deadline);

            Assert.Equal(newKid, kid);
            var (status, _, _) = await TokenCalls.ValidateAsync(cloud, server.CloudClient, oldToken);
            Assert.Equal(HttpStatusCode.OK, status);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Theory]
    [InlineData("soon", "--retire-after must be a number followed by d, h, m or s")]
    [InlineData("0s", "--retire-after must be at least 1m")]
    [InlineData("30s", "--retire-after must be at least 1m")]
    public async Task KeysRotateVerb_RefusesAnUnreadableOrTooShortDuration_AndRotatesNothing(string value, string message)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        var (exit, output) = await WaharoaProcess.RunAsync("keys", "rotate", "--data", host.DataDirectory, "--retire-after", value);
        Assert.Equal(2, exit);
        Assert.Contains(message, output, StringComparison.Ordinal);
        var (_, list) = await WaharoaProcess.RunAsync("keys", "list", "--data", host.DataDirectory);
        Assert.Single(list.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>The key id (hex SHA-1 thumbprint) an xIAMS token's header names by its base64url <c>x5t</c>.</summary>
    private static string KeyIdOf(string xiamsToken) => Convert.ToHexString(Base64UrlEncoder.DecodeBytes(new JsonWebToken(xiamsToken).X5t));
}
