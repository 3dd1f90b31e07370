using System.Net;
using System.Text;
using Waharoa.Testing;
using Waharoa.Tests.Control.Calls;

namespace Waharoa.Tests.Control.Scenarios;

/// <summary>The demo seed's trigger IRD numbers answer on the sandbox services only, never on a route of the operator's own.</summary>
public sealed class DemoTriggerRouteTests(CallRecordingFixture fixture) : IClassFixture<CallRecordingFixture>
{
    [Theory]
    [InlineData("123999010")]
    [InlineData("123999029")]
    public async Task A_trigger_number_in_a_call_on_an_own_route_reaches_the_upstream(string ird)
    {
        fixture.NextWindow();
        using var cloud = fixture.Host.CreateCloudClient();
        var (access, _) = await TokenCalls.NewCloudTokensAsync(fixture.Host, cloud);
        using var request = CallRecordingFixture.Get(CallRecordingFixture.EchoPath, "Bearer " + access);
        request.Method = HttpMethod.Post;
        request.Content = new StringContent($"{{\"customerId\":\"{ird}\"}}", Encoding.UTF8, "application/json");

        using var response = await cloud.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"path\":\"/things\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
