using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using Waharoa.Testing;
using Waharoa.Tests.AccountApi;
using Waharoa.Tests.Control.Clock;

namespace Waharoa.Tests.Control.Tokens;

/// <summary><c>/control/keys</c>: a rotation and a retirement over the API show in the JWKS, and a retired key's tokens are refused.</summary>
public sealed class KeyControlTests
{
    [Fact]
    public async Task Rotate_shows_the_new_kid_in_the_jwks_and_retiring_the_old_key_drops_it_and_refuses_its_tokens()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var control = host.CreateControlClient();
        using var cloud = host.CreateCloudClient();
        using var desktop = host.CreateDesktopClient();
        var (oldToken, _) = await TokenCalls.NewCloudTokensAsync(host, cloud);
        var (status, listed) = await ClockApi.SendAsync(control, HttpMethod.Get, "/control/keys", null);
        Assert.Equal(HttpStatusCode.OK, status);
        var oldKid = Assert.Single(listed.GetProperty("keys").EnumerateArray()).GetProperty("kid").GetString()!;
        var links = listed.GetProperty("jwks").EnumerateArray().ToDictionary(l => l.GetProperty("endpoint").GetString()!, l => l.GetProperty("url").GetString()!);
        Assert.Equal(new Uri(host.DesktopUrl, "/.well-known/jwks.json").AbsoluteUri, links["desktop"]);

        var (rotated, rotation) = await ClockApi.SendAsync(control, HttpMethod.Post, "/control/keys/rotate", JsonContent.Create(new { retireAfter = "8h" }));

        Assert.True(rotated == HttpStatusCode.OK, rotation.ToString());
        var newKid = rotation.GetProperty("kid").GetString()!;
        Assert.Equal([oldKid, newKid], await JwksKidsAsync(desktop));
        (_, listed) = await ClockApi.SendAsync(control, HttpMethod.Get, "/control/keys", null);
        Assert.Equal(["verifying", "signing"], listed.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("state").GetString()));
        await AssertGatewayAsync(cloud, oldToken, HttpStatusCode.OK);

        var (refused, refusal) = await ClockApi.SendAsync(control, HttpMethod.Post, $"/control/keys/{newKid}/retire", null);
        Assert.Equal(HttpStatusCode.Conflict, refused);
        Assert.Equal("key_signs", refusal.GetProperty("error").GetString());

        var (retired, body) = await ClockApi.SendAsync(control, HttpMethod.Post, $"/control/keys/{oldKid}/retire", null);

        Assert.True(retired == HttpStatusCode.OK, body.ToString());
        Assert.Equal([newKid], await JwksKidsAsync(desktop));
        await AssertGatewayAsync(cloud, oldToken, HttpStatusCode.BadRequest);
        var (newToken, _) = await TokenCalls.NewCloudTokensAsync(host, cloud);
        await AssertGatewayAsync(cloud, newToken, HttpStatusCode.OK);

        (refused, refusal) = await ClockApi.SendAsync(control, HttpMethod.Post, "/control/keys/rotate", JsonContent.Create(new { retireAfter = "30s" }));
        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.Contains("'retireAfter' must be at least 1m", refusal.GetProperty("message").GetString(), StringComparison.Ordinal);
        foreach (var nonsense in new[] { "NaNd", "4000000d", "Infinityh" })
        {
            (refused, _) = await ClockApi.SendAsync(control, HttpMethod.Post, "/control/keys/rotate", JsonContent.Create(new { retireAfter = nonsense }));
            Assert.Equal(HttpStatusCode.BadRequest, refused);
        }

        (refused, _) = await ClockApi.SendAsync(control, HttpMethod.Post, "/control/keys/NOSUCHKEY/retire", null);
        Assert.Equal(HttpStatusCode.NotFound, refused);
    }

    private static async Task<List<string>> JwksKidsAsync(HttpClient desktop) =>
        [.. new JsonWebKeySet(await desktop.GetStringAsync("/.well-known/jwks.json")).Keys.Select(k => k.Kid)];

    private static async Task AssertGatewayAsync(HttpClient cloud, string token, HttpStatusCode expected)
    {
        var (status, body, _) = await AccountApiCalls.SendAsync(cloud, AccountApiCalls.Post("list", AccountApiCalls.ListBody(AccountApiCalls.DemoCustomer, "IRD"), "Bearer " + token));
        Assert.True(status == expected, $"{(int)status} {body}");
    }
}
