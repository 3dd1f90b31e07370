using System.Net;
using Waharoa.Testing;
using Waharoa.Tests.AccountApi;
using static Waharoa.Tests.Control.Clock.ClockApi;

namespace Waharoa.Tests.Control.Clock;

/// <summary>The gateway's throttle window ends when the clock is advanced past it.</summary>
public sealed class ClockThrottleTests
{
    [Fact]
    public async Task A_throttled_DSP_is_let_through_again_once_the_clock_is_advanced_past_its_window()
    {
        await using var host = await WaharoaTestHost.StartAsync(configure: o =>
        {
            // One call every 100 seconds, two at once.
            o.Gateway.Cloud.RatePerSecond = 0.01;
            o.Gateway.Cloud.Burst = 2;
        });
        using var cloud = host.CreateCloudClient();
        using var control = host.CreateControlClient();
        var jwt = AccountApiCalls.M2m(host, AccountApiCalls.DemoUser);
        Assert.Equal(HttpStatusCode.OK, (await AccountApiCalls.ListAsync(cloud, jwt, AccountApiCalls.DemoCustomer)).Status);
        Assert.Equal(HttpStatusCode.OK, (await AccountApiCalls.ListAsync(cloud, jwt, AccountApiCalls.DemoCustomer)).Status);
        using (var throttled = await cloud.SendAsync(AccountApiCalls.Post("list", AccountApiCalls.ListBody(AccountApiCalls.DemoCustomer, "IRD"), jwt)))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
            Assert.InRange(throttled.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(101));
        }

        await MovedAsync(AdvanceAsync(control, "2m"));

        // The M2M JWT was signed at the real clock's now, 9 minutes long: still good two minutes on.
        Assert.Equal(HttpStatusCode.OK, (await AccountApiCalls.ListAsync(cloud, jwt, AccountApiCalls.DemoCustomer)).Status);
    }
}
