using System.Net;
using Microsoft.Extensions.Time.Testing;
using Waharoa.Testing;
using Waharoa.Tests.Start;

namespace Waharoa.Tests.Security;

/// <summary>Guessing client secrets or passwords from one address is slowed to a standstill, with the documented errors.</summary>
public sealed class GuessingThreatTests
{
    private const string WrongSecretDescription = "The provided secret or assertion are not valid for this client.";

    [Fact]
    public async Task Threat_ClientSecretGuessing_TenFailuresLockThatAddressOutOfTheClientFor15Minutes()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await WaharoaTestHost.StartAsync(time);
        using var cloud = host.CreateCloudClient();
        var token = (await StartCalls.NewTokensAsync(host, cloud, host.CloudClient)).String("access_token");
        var guessing = host.CloudClient with { ClientSecret = "a-guess" };

        for (var i = 0; i < 10; i++)
        {
            StartAssert.Error(await StartCalls.IntrospectAsync(cloud, guessing, token), HttpStatusCode.Unauthorized, "invalid_client", WrongSecretDescription);
        }

        // Now even the right secret is answered as a wrong one: the guesser cannot tell when it hits.
        StartAssert.Error(await StartCalls.IntrospectAsync(cloud, host.CloudClient, token), HttpStatusCode.Unauthorized, "invalid_client", WrongSecretDescription);
        var (status, body, _) = await TokenCalls.ValidateAsync(cloud, host.CloudClient, token);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("invalid_client", body.GetProperty("error").GetString());

        time.Advance(TimeSpan.FromMinutes(15));
        StartAssert.Active(await StartCalls.IntrospectAsync(cloud, host.CloudClient, token));
    }

    [Fact]
    public async Task Threat_ClientSecretGuessing_NineFailuresLockNothing()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var token = (await StartCalls.NewTokensAsync(host, cloud, host.CloudClient)).String("access_token");

        for (var i = 0; i < 9; i++)
        {
            await StartCalls.IntrospectAsync(cloud, host.CloudClient with { ClientSecret = "a-guess" }, token);
        }

        StartAssert.Active(await StartCalls.IntrospectAsync(cloud, host.CloudClient, token));
    }

    [Fact]
    public async Task Threat_PasswordSpraying_TwentyFailedLogonsFromOneAddressLockLogonsFromIt()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await WaharoaTestHost.StartAsync(time);
        using var session = new MyIrSession(host);
        var url = XiamsUrls.AuthorizeUrl(host.CloudClient.ClientId, host.CloudClient.RedirectUri);

        // One guess at each of twenty logons: no logon reaches its own lockout of five.
        for (var i = 0; i < 20; i++)
        {
            await session.GetAsync(url);
            await session.LogonAsync($"Sprayed{i:00}", "Password1");
        }

        await session.GetAsync(url);
        using var refused = await session.LogonAsync(host.User.Logon, host.User.Password);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Too many failed logons from your network. Try again in 15 minutes.", session.LastPage, StringComparison.Ordinal);

        time.Advance(TimeSpan.FromMinutes(15));
        var query = await session.AuthorizeAsync(url, host.User.Logon, host.User.Password);
        Assert.True(query.ContainsKey("code"));
    }
}
