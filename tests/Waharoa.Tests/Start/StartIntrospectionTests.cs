using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Waharoa.Testing;

namespace Waharoa.Tests.Start;

/// <summary>START <c>POST /gateway3/oauth/introspect</c> (RFC 7662 as IR answers it) and <c>POST /gateway3/oauth/revoke</c> (RFC 7009).</summary>
public sealed class StartIntrospectionTests
{
    private static readonly string[] ActiveOrder = ["active", "client_id", "username", "scope", "sub", "exp", "iat"];

    [Theory]
    [InlineData(null)]
    [InlineData("access_token")]
    [InlineData("refresh_token")]
    [InlineData("something_else")]
    public async Task Introspect_ActiveAccessToken_ReturnsIrsSevenFieldsInOrderWithTheTokensValues(string? hint)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var tokens = await StartCalls.NewTokensAsync(host, cloud, host.CloudClient);
        using var jwt = new StartJwt(tokens.String("access_token"));

        var reply = await StartCalls.IntrospectAsync(cloud, host.CloudClient, tokens.String("access_token"), hint);

        StartAssert.Active(reply);
        Assert.Equal(ActiveOrder, reply.Names);
        Assert.Equal(host.CloudClient.ClientId, reply.String("client_id"));
        Assert.Equal(host.User.Logon, reply.String("username"));
        Assert.Equal(StartUrls.Scope, reply.String("scope"));
        Assert.Equal(jwt.Sub, reply.String("sub"));
        Assert.Equal(JsonValueKind.Number, reply.Body.GetProperty("exp").ValueKind);
        Assert.Equal(JsonValueKind.Number, reply.Body.GetProperty("iat").ValueKind);
        Assert.Equal(jwt.Exp, reply.Body.GetProperty("exp").GetInt64());
        Assert.Equal(jwt.Iat, reply.Body.GetProperty("iat").GetInt64());
        Assert.StartsWith("{\"active\":true,\"client_id\":", reply.Raw, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("refresh_token")]
    [InlineData("access_token")]
    public async Task Introspect_ActiveRefreshToken_ReturnsSevenFieldsWithAYearsLifetime(string? hint)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var tokens = await StartCalls.NewTokensAsync(host, cloud, host.CloudClient);
        using var jwt = new StartJwt(tokens.String("access_token"));

        var reply = await StartCalls.IntrospectAsync(cloud, host.CloudClient, tokens.String("refresh_token"), hint);

        StartAssert.Active(reply);
        Assert.Equal(ActiveOrder, reply.Names);
        Assert.Equal(host.User.Logon, reply.String("username"));
        Assert.Equal(jwt.Sub, reply.String("sub"));
        var lifetime = TimeSpan.FromSeconds(reply.Body.GetProperty("exp").GetInt64() - reply.Body.GetProperty("iat").GetInt64());
        Assert.InRange(lifetime, TimeSpan.FromDays(365), TimeSpan.FromDays(366));
    }

    [Fact]
    public async Task Introspect_XiamsAccessToken_IsActive()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var (access, _) = await TokenCalls.NewCloudTokensAsync(host, cloud);

        var reply = await StartCalls.IntrospectAsync(cloud, host.CloudClient, access, "access_token");

        StartAssert.Active(reply);
        Assert.Equal(ActiveOrder, reply.Names);
        Assert.Equal(host.User.Logon, reply.String("username"));
        Assert.Equal(host.CloudClient.ClientId, reply.String("client_id"));
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJqdGkiOiIxIn0.")]
    [InlineData("jdjwx6rkdkrz73dxc6nwk7zmmcnjvjzttp3854t2b4khq4frrz")]
    public async Task Introspect_UnknownToken_ReturnsExactlyActiveFalse(string token)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();

        StartAssert.Inactive(await StartCalls.IntrospectAsync(cloud, host.CloudClient, token));
    }

    [Fact]
    public async Task Introspect_AnotherClientsToken_ReturnsActiveFalse()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        using var desktop = host.CreateDesktopClient();
        var tokens = await StartCalls.NewTokensAsync(host, cloud, host.CloudClient);

        StartAssert.Inactive(await StartCalls.IntrospectAsync(desktop, host.NativeClient, tokens.String("access_token")));
        StartAssert.Active(await StartCalls.IntrospectAsync(cloud, host.CloudClient, tokens.String("access_token")));
    }

    [Fact]
    public async Task Introspect_AccessTokenAfter8Hours_ReturnsActiveFalse()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await WaharoaTestHost.StartAsync(time);
        using var cloud = host.CreateCloudClient();
        var tokens = await StartCalls.NewTokensAsync(host, cloud, host.CloudClient);

        time.Advance(TimeSpan.FromHours(8) - TimeSpan.FromSeconds(1));
        StartAssert.Active(await StartCalls.IntrospectAsync(cloud, host.CloudClient, tokens.String("access_token")));
        time.Advance(TimeSpan.FromSeconds(2));
        StartAssert.Inactive(await StartCalls.IntrospectAsync(cloud, host.CloudClient, tokens.String("access_token")));
        StartAssert.Active(await StartCalls.IntrospectAsync(cloud, host.CloudClient, tokens.String("refresh_token")));
    }

    [Fact]
    public async Task Introspect_NoCredentials_Returns401MustAuthenticate()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var desktop = host.CreateDesktopClient();

        var reply = await StartCalls.PostAsync(desktop, StartUrls.Introspect, authorization: null, ("token", "x"));

        StartAssert.Error(reply, HttpStatusCode.Unauthorized, "invalid_client", "Your client must authenticate to use this API.");
    }

    [Theory]
    [InlineData(StartUrls.Introspect)]
    [InlineData(StartUrls.Revoke)]
    public async Task IntrospectAndRevoke_MalformedHeader_Returns401InvalidAuthorizationHeader(string path)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var desktop = host.CreateDesktopClient();

        var reply = await StartCalls.PostAsync(desktop, path, "Basic !!!", ("token", "x"));

        StartAssert.Error(reply, HttpStatusCode.Unauthorized, "invalid_client", "Invalid authorization header.");
    }

    [Theory]
    [InlineData(StartUrls.Introspect)]
    [InlineData(StartUrls.Revoke)]
    public async Task IntrospectAndRevoke_UnknownClient_Returns401ClientIsInvalid(string path)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var desktop = host.CreateDesktopClient();

        var reply = await StartCalls.PostAsync(desktop, path, StartUrls.Basic("NoSuchClient", "x"), ("token", "x"));

        StartAssert.Error(reply, HttpStatusCode.Unauthorized, "invalid_client", "Client is invalid.");
    }

    [Theory]
    [InlineData(StartUrls.Introspect)]
    [InlineData(StartUrls.Revoke)]
    public async Task IntrospectAndRevoke_WrongSecret_Returns401SecretNotValid(string path)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var desktop = host.CreateDesktopClient();

        var reply = await StartCalls.PostAsync(desktop, path, StartUrls.Basic(host.NativeClient.ClientId, "wrong"), ("token", "x"));

        StartAssert.Error(reply, HttpStatusCode.Unauthorized, "invalid_client", "The provided secret or assertion are not valid for this client.");
    }

    [Theory]
    [InlineData(StartUrls.Introspect)]
    [InlineData(StartUrls.Revoke)]
    public async Task IntrospectAndRevoke_TokenMissing_Returns400MissingToken(string path)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var desktop = host.CreateDesktopClient();

        var reply = await StartCalls.PostAsync(desktop, path, host.NativeClient, ("token_type_hint", "access_token"));

        StartAssert.Error(reply, HttpStatusCode.BadRequest, "invalid_request", "Invalid request format. Missing parameter: token");
    }

    [Fact]
    public async Task Introspect_RefreshHintFromNativeClient_Returns400UnauthorizedClient()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var desktop = host.CreateDesktopClient();

        var reply = await StartCalls.IntrospectAsync(desktop, host.NativeClient, "jdjwx6rkdkrz73dxc6nwk7zmmcnjvjzttp3854t2b4khq4frrz", "refresh_token");

        StartAssert.Error(reply, HttpStatusCode.BadRequest, "unauthorized_client", "Token refresh is not allowed for this client.");
    }

    [Fact]
    public async Task Revoke_NoCredentials_Returns401MissingClientId()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var desktop = host.CreateDesktopClient();

        var reply = await StartCalls.PostAsync(desktop, StartUrls.Revoke, authorization: null, ("token", "x"));

        StartAssert.Error(reply, HttpStatusCode.Unauthorized, "invalid_client", "Invalid request format. Missing parameter: client_id");
    }

    [Fact]
    public async Task Revoke_AccessToken_Returns200EmptyAndRevokesThatTokenOnly()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var tokens = await StartCalls.NewTokensAsync(host, cloud, host.CloudClient);

        var reply = await StartCalls.RevokeAsync(cloud, host.CloudClient, tokens.String("access_token"), "access_token");

        StartAssert.EmptyOk(reply);
        StartAssert.Inactive(await StartCalls.IntrospectAsync(cloud, host.CloudClient, tokens.String("access_token")));
        StartAssert.Active(await StartCalls.IntrospectAsync(cloud, host.CloudClient, tokens.String("refresh_token")));
        StartAssert.TokenResponse(await StartCalls.RefreshAsync(cloud, host.CloudClient, tokens.String("refresh_token")), withRefreshToken: true);
    }

    [Fact]
    public async Task Revoke_RefreshToken_RevokesTheWholeGrant()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var first = await StartCalls.NewTokensAsync(host, cloud, host.CloudClient);
        var second = await StartCalls.RefreshAsync(cloud, host.CloudClient, first.String("refresh_token"));

        var reply = await StartCalls.RevokeAsync(cloud, host.CloudClient, second.String("refresh_token"));

        StartAssert.EmptyOk(reply);
        StartAssert.Inactive(await StartCalls.IntrospectAsync(cloud, host.CloudClient, second.String("refresh_token")));
        StartAssert.Inactive(await StartCalls.IntrospectAsync(cloud, host.CloudClient, second.String("access_token")));
        StartAssert.Inactive(await StartCalls.IntrospectAsync(cloud, host.CloudClient, first.String("access_token")));
    }

    [Fact]
    public async Task Revoke_UnknownOrAlreadyRevokedToken_Returns200Empty()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var tokens = await StartCalls.NewTokensAsync(host, cloud, host.CloudClient);
        StartAssert.EmptyOk(await StartCalls.RevokeAsync(cloud, host.CloudClient, tokens.String("access_token")));

        StartAssert.EmptyOk(await StartCalls.RevokeAsync(cloud, host.CloudClient, tokens.String("access_token")));
        StartAssert.EmptyOk(await StartCalls.RevokeAsync(cloud, host.CloudClient, "garbage"));
    }

    [Fact]
    public async Task Revoke_AnotherClientsToken_Returns200AndChangesNothing()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        using var desktop = host.CreateDesktopClient();
        var tokens = await StartCalls.NewTokensAsync(host, cloud, host.CloudClient);

        StartAssert.EmptyOk(await StartCalls.RevokeAsync(desktop, host.NativeClient, tokens.String("access_token")));
        StartAssert.EmptyOk(await StartCalls.RevokeAsync(desktop, host.NativeClient, tokens.String("refresh_token")));

        StartAssert.Active(await StartCalls.IntrospectAsync(cloud, host.CloudClient, tokens.String("access_token")));
        StartAssert.TokenResponse(await StartCalls.RefreshAsync(cloud, host.CloudClient, tokens.String("refresh_token")), withRefreshToken: true);
    }
}
