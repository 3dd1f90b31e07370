using System.Net;
using System.Text.Json;
using Waharoa.Testing;

namespace Waharoa.Tests.Xiams;

/// <summary>
/// Every request of the founding xIAMS message samples, replayed against a running server over real TLS:
/// the demo cloud client is the samples' own (<c>xyzComp_FooBar</c>, its secret and redirect URI), so the
/// samples' literal <c>Authentication</c> headers work unchanged.
/// </summary>
public sealed class SeedSampleReplayTests
{
    private static readonly SeedSamples Samples = SeedSamples.Load();

    [Fact]
    public async Task Authorize_SampleRequest_RedirectsToSampleRedirectUriWithCodeAndSameState()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var session = new MyIrSession(host);

        var query = await session.AuthorizeAsync(Samples.AuthorizePathAndQuery(), host.User.Logon, host.User.Password);

        Assert.Equal("2d0fcc2d-8f7a-4f27-8bea-976cb86bd409", query["state"]);
        Assert.StartsWith("eyJ", query["code"], StringComparison.Ordinal);
        Assert.Equal(["code", "state"], query.Keys.Order().ToArray());
    }

    [Fact]
    public async Task Tokens_SampleCodeExchange_ReturnsTheSampleShape()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var code = await NewSampleCodeAsync(host);

        using var request = Samples.Request(3).ToHttp(("code", code));
        using var response = await cloud.SendAsync(request);

        var (expectedStatus, expected) = Samples.Response(4);
        Assert.Equal(expectedStatus, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.ToString());
        var actual = await JsonAsync(response);
        JsonShape.AssertSame(expected, actual);
        Assert.Equal(28800, actual.GetProperty("expires_in").GetInt32());
        Assert.Equal("Bearer", actual.GetProperty("token_type").GetString());
    }

    [Fact]
    public async Task Tokens_SampleCodeExchangeWithIrSignedCode_ReturnsTheFailedSampleShape()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();

        using var request = Samples.Request(3).ToHttp();
        using var response = await cloud.SendAsync(request);

        var (expectedStatus, expected) = Samples.Response(5);
        Assert.Equal(expectedStatus, response.StatusCode);
        var actual = await JsonAsync(response);
        JsonShape.AssertSame(expected, actual);
        Assert.Equal("invalid_grant", actual.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Tokens_SampleRefresh_ReturnsTheSampleShape()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var (_, refreshToken) = await TokenCalls.NewCloudTokensAsync(host, cloud);

        using var request = Samples.Request(7).ToHttp(("refresh_token", refreshToken));
        using var response = await cloud.SendAsync(request);

        var (expectedStatus, expected) = Samples.Response(8);
        Assert.Equal(expectedStatus, response.StatusCode);
        JsonShape.AssertSame(expected, await JsonAsync(response));
    }

    [Fact]
    public async Task Tokens_SampleRefreshWithUnknownToken_ReturnsTheSampleError()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();

        using var request = Samples.Request(7).ToHttp();
        using var response = await cloud.SendAsync(request);

        var (expectedStatus, expected) = Samples.Response(5);
        Assert.Equal(expectedStatus, response.StatusCode);
        Assert.Equal(Compact(expected), (await JsonAsync(response)).GetRawText());
    }

    [Fact]
    public async Task Tokens_SampleValidate_ReturnsTheSampleShapeWithThisTokensValues()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var (accessToken, _) = await TokenCalls.NewCloudTokensAsync(host, cloud);

        using var request = Samples.Request(9).ToHttp(("assertion", accessToken));
        using var response = await cloud.SendAsync(request);

        var (expectedStatus, expected) = Samples.Response(10);
        Assert.Equal(expectedStatus, response.StatusCode);
        var actual = await JsonAsync(response);
        JsonShape.AssertSame(expected, actual);
        Assert.Equal(host.User.Logon, actual.GetProperty("oracle_token_attrs_retrieval").GetProperty("prn").GetString());
    }

    [Fact]
    public async Task Tokens_SampleValidateWithIrSignedToken_ReturnsInvalidGrant()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();

        using var request = Samples.Request(9).ToHttp();
        using var response = await cloud.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_grant", (await JsonAsync(response)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task Tokens_SampleDeleteOfOwnRefreshToken_ReturnsTheSampleSuccess()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var (_, refreshToken) = await TokenCalls.NewCloudTokensAsync(host, cloud);

        using var request = Samples.Request(11).ToHttp(("assertion", refreshToken));
        using var response = await cloud.SendAsync(request);

        var (expectedStatus, expected) = Samples.Response(12);
        Assert.Equal(expectedStatus, response.StatusCode);
        Assert.Equal(expected.GetRawText(), (await JsonAsync(response)).GetRawText());
    }

    [Fact]
    public async Task Tokens_SampleDeleteOfIrSignedToken_ReturnsTheSampleCannotTerminate()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();

        using var request = Samples.Request(11).ToHttp();
        using var response = await cloud.SendAsync(request);

        var (expectedStatus, expected) = Samples.Response(13);
        Assert.Equal(expectedStatus, response.StatusCode);
        Assert.Equal(Compact(expected), (await JsonAsync(response)).GetRawText());
    }

    [Fact]
    public async Task Tokens_SampleDeleteWithActionDeleted_ReturnsTheSampleInvalidTokenAction()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var (accessToken, _) = await TokenCalls.NewCloudTokensAsync(host, cloud);

        using var request = Samples.Request(11).ToHttp(("assertion", accessToken), ("oracle_token_action", "deleted"));
        using var response = await cloud.SendAsync(request);

        var (expectedStatus, expected) = Samples.Response(14);
        Assert.Equal(expectedStatus, response.StatusCode);
        Assert.Equal(Compact(expected), (await JsonAsync(response)).GetRawText());
    }

    private static async Task<string> NewSampleCodeAsync(WaharoaTestHost host)
    {
        using var session = new MyIrSession(host);
        var query = await session.AuthorizeAsync(Samples.AuthorizePathAndQuery(), host.User.Logon, host.User.Password);
        return query["code"];
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    private static string Compact(JsonElement element) => JsonSerializer.Serialize(element);
}
