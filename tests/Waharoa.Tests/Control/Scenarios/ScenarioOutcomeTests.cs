using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Waharoa.Testing;
using Waharoa.Tests.AccountApi;
using Waharoa.Tests.Employment;
using Waharoa.Tests.Intermediation;
using Waharoa.Tests.Returns;

namespace Waharoa.Tests.Control.Scenarios;

/// <summary>
/// Each kind of outcome a scenario rule answers with, end to end: a rule put through the control API, a real DSP (the demo
/// cloud client, its certificate, real tokens) calling through the real gateway, and what it gets compared with what the
/// gateway or the service answers on its own.
/// </summary>
public sealed class ScenarioOutcomeTests : IClassFixture<ScenarioHost>, IAsyncLifetime
{
    private const string GstCustomer = "123039858";
    private readonly ScenarioHost _fixture;
    private readonly HttpClient _control;

    public ScenarioOutcomeTests(ScenarioHost fixture)
    {
        _fixture = fixture;
        _control = fixture.Host.CreateControlClient();
    }

    private WaharoaTestHost Host => _fixture.Host;

    public async Task InitializeAsync() => (await _control.DeleteAsync("/control/scenarios")).Dispose();

    public Task DisposeAsync()
    {
        _control.Dispose();
        return Task.CompletedTask;
    }

    private static XDocument Prepop() => ReturnsCalls.Sample("body-gst-returnprepop-request.xml", identifier: GstCustomer, period: "2017-07-31");

    private static XElement PayloadOf(string soap) =>
        XDocument.Parse(soap).Root!.Element(ReturnAnswer.Soap + "Body")!.Elements().Single();

    [Fact]
    public async Task A_Returns_status_is_answered_exactly_as_the_service_answers_that_status_and_only_for_the_next_call_counted()
    {
        using var calls = new ReturnsCalls(Host);
        await ScenarioHost.AddAsync(_control, "gst-prepop-vendor", new
        {
            match = new { service = "returns", operation = "Prepop", ird = GstCustomer },
            answer = new { outcome = "status", code = 5 },
            limit = new { count = 1 },
        });

        using var injected = await calls.PostAsync(Prepop().ToString(SaveOptions.DisableFormatting), await calls.BearerForAsync(ReturnsCalls.DemoUser));
        var injectedText = await injected.Content.ReadAsStringAsync();
        var next = await calls.SendAsync(ReturnsCalls.DemoUser, Prepop());

        // The service's own status 5: a DSP onboarded with another software platform.
        using var onboarded = await IntermediationCalls.AsOnboardedDspAsync(Host, "scenario-platform-dsp", "NotThisPlatform");
        using var natural = await onboarded.PostAsync(Prepop().ToString(SaveOptions.DisableFormatting), await onboarded.BearerForAsync(ReturnsCalls.DemoUser), ReturnsCalls.CloudPath);
        var naturalText = await natural.Content.ReadAsStringAsync();

        Assert.Equal(natural.StatusCode, injected.StatusCode);
        Assert.Equal(natural.Content.Headers.ContentType, injected.Content.Headers.ContentType);
        Assert.Equal(PayloadOf(naturalText).ToString(), PayloadOf(injectedText).ToString());
        Assert.Equal(5, new ReturnAnswer(XDocument.Parse(injectedText)).StatusCode);
        Assert.Equal(0, next.StatusCode);
        var rule = await ScenarioHost.GetAsync(_control, "gst-prepop-vendor");
        Assert.Equal(0, rule.GetProperty("remaining").GetInt64());
        Assert.Equal(1, rule.GetProperty("fired").GetInt64());
        Assert.True(rule.GetProperty("exhausted").GetBoolean());
    }

    [Fact]
    public async Task An_Intermediation_status_comes_in_the_operations_own_response_with_IRs_text()
    {
        using var calls = new IntermediationCalls(Host);
        var request = XDocument.Load(SpecFiles.Path("ir-intermediation", "sample messages", "RetriveClientList-request.xml"));
        var normal = await calls.SendAsync("TaxAgentOwnerFull", request);
        await ScenarioHost.AddAsync(_control, "intermediation-unknown", new
        {
            match = new { service = "intermediation", logon = "TaxAgentOwnerFull" },
            answer = new { outcome = "status", code = "-1" },
        });

        var answer = await calls.SendAsync("TaxAgentOwnerFull", request);

        Assert.Equal(normal.Payload.Name, answer.Payload.Name);
        Assert.Equal(-1, answer.StatusCode);
        Assert.Equal("An unknown error has occurred", answer.ErrorMessage);
        Assert.Equal(0, normal.StatusCode);
    }

    [Fact]
    public async Task An_Employment_status_comes_in_the_operations_own_response_with_IRs_text()
    {
        using var calls = new EmploymentCalls(Host);
        await ScenarioHost.AddAsync(_control, "employment-no-employees", new
        {
            match = new { service = "employment", operation = "RetrieveList", ird = "123456789" },
            answer = new { outcome = "status", code = 104 },
        });

        var answer = await calls.SendAsync(EmploymentCalls.DemoLogon, EmploymentCalls.Sample("body-employment-retrievelist-request.xml"));

        var status = answer.Document.Descendants(EmploymentAnswer.Cmn + "statusMessage").Single();
        Assert.Equal("RetrieveListResponse", answer.Document.Root!.Element(EmploymentAnswer.Soap + "Body")!.Elements().Single().Name.LocalName);
        Assert.Equal("104", status.Element(EmploymentAnswer.Cmn + "statusCode")!.Value);
        Assert.Equal("The specified account has no employees", status.Element(EmploymentAnswer.Cmn + "errorMessage")!.Value);
    }

    [Fact]
    public async Task An_Account_API_error_is_the_body_and_status_the_service_answers_with_it()
    {
        using var cloud = Host.CreateCloudClient();
        var (naturalStatus, naturalBody) = await AccountApiCalls.AccountAsync(cloud, AccountApiCalls.M2m(Host, AccountApiCalls.Stranger), "132243158INC003");
        await ScenarioHost.AddAsync(_control, "account-denied", new
        {
            match = new { service = "account-api", operation = "account/account", ird = "132243158" },
            answer = new { outcome = "account-api", code = "EV1022" },
        });

        var (status, body) = await AccountApiCalls.AccountAsync(cloud, AccountApiCalls.M2m(Host, AccountApiCalls.Owner), "132243158INC003");

        Assert.Equal(HttpStatusCode.Forbidden, naturalStatus);
        Assert.Equal(naturalStatus, status);
        Assert.Equal(naturalBody.GetRawText(), body.GetRawText());
    }

    [Fact]
    public async Task An_xIAMS_OAuth_error_is_the_dialects_own_answer_and_the_next_call_goes_through()
    {
        using var cloud = Host.CreateCloudClient();
        var (_, refresh) = await TokenCalls.NewCloudTokensAsync(Host, cloud);
        var (naturalStatus, naturalBody, naturalResponse) = await TokenCalls.RefreshAsync(cloud, Host.CloudClient, "not-a-refresh-token");
        await ScenarioHost.AddAsync(_control, "xiams-refresh-refused", new
        {
            match = new { dialect = "xiams", operation = "token", grantType = "refresh_token", client = Host.CloudClient.ClientId },
            answer = new { outcome = "oauth-error", code = "invalid_grant", description = "Invalid Grant: grant_type=refresh_token" },
            limit = new { count = 1 },
        });

        var (status, body, response) = await TokenCalls.RefreshAsync(cloud, Host.CloudClient, refresh);
        var (after, _, _) = await TokenCalls.RefreshAsync(cloud, Host.CloudClient, refresh);

        Assert.Equal(naturalStatus, status);
        Assert.Equal(naturalBody.GetRawText(), body.GetRawText());
        Assert.Equal(naturalResponse.Content.Headers.ContentType, response.Content.Headers.ContentType);
        Assert.Equal(HttpStatusCode.OK, after);
        naturalResponse.Dispose();
        response.Dispose();
    }

    [Fact]
    public async Task A_START_OAuth_error_is_the_dialects_own_answer()
    {
        using var http = StartCalls.ClientFor(Host, Host.CloudClient);
        await ScenarioHost.AddAsync(_control, "start-refresh-not-allowed", new
        {
            match = new { dialect = "start", operation = "token", grantType = "refresh_token" },
            answer = new { outcome = "oauth-error", code = "unauthorized_client" },
        });

        var reply = await StartCalls.RefreshAsync(http, Host.CloudClient, "any-refresh-token");

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("unauthorized_client", reply.String("error"));
        Assert.Equal("Token refresh is not allowed for this client.", reply.String("error_description"));
        Assert.Equal(1, (await ScenarioHost.GetAsync(_control, "start-refresh-not-allowed")).GetProperty("fired").GetInt64());
    }

    [Fact]
    public async Task A_gateway_timeout_is_the_gateways_504_GatewayError()
    {
        using var calls = new ReturnsCalls(Host);
        await ScenarioHost.AddAsync(_control, "gst-timeout", new { match = new { ird = GstCustomer }, answer = new { outcome = "gateway-timeout" } });

        using var response = await calls.PostAsync(Prepop().ToString(SaveOptions.DisableFormatting), await calls.BearerForAsync(ReturnsCalls.DemoUser));

        await AssertGatewayTimeoutAsync(response);
    }

    [Fact]
    public async Task A_throttle_is_429_with_Retry_After_on_REST_and_the_UnAuthorised_fault_on_SOAP()
    {
        using var cloud = Host.CreateCloudClient();
        using var calls = new ReturnsCalls(Host);
        await ScenarioHost.AddAsync(_control, "throttled", new { answer = new { outcome = "throttle", retryAfter = 7 } });

        var (status, body, response) = await AccountApiCalls.SendAsync(cloud, AccountApiCalls.Post("list", AccountApiCalls.ListBody("132243158", "IRD"), AccountApiCalls.M2m(Host, AccountApiCalls.Owner)));
        using var soap = await calls.PostAsync(Prepop().ToString(SaveOptions.DisableFormatting), await calls.BearerForAsync(ReturnsCalls.DemoUser));

        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal("7", response.Headers.RetryAfter?.ToString());
        Assert.Equal("429", body.GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.TooManyRequests, soap.StatusCode);
        Assert.Equal("7", soap.Headers.RetryAfter?.ToString());
        Assert.Contains(">UnAuthorised<", await soap.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        response.Dispose();
    }

    [Fact]
    public async Task An_UnAuthorised_fault_is_the_SOAP_fault_the_gateway_sends()
    {
        using var calls = new ReturnsCalls(Host);
        await ScenarioHost.AddAsync(_control, "gst-fault", new { match = new { service = "returns" }, answer = new { outcome = "unauthorised-fault" } });

        using var response = await calls.PostAsync(Prepop().ToString(SaveOptions.DisableFormatting), await calls.BearerForAsync(ReturnsCalls.DemoUser));

        var fault = XDocument.Parse(await response.Content.ReadAsStringAsync()).Descendants(ReturnAnswer.Soap + "Fault").Single();
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/soap+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("UnAuthorised", fault.Element(ReturnAnswer.Soap + "Reason")!.Element(ReturnAnswer.Soap + "Text")!.Value);
    }

    [Fact]
    public async Task Latency_delays_the_call_then_lets_it_through()
    {
        using var calls = new ReturnsCalls(Host);
        var bearer = await calls.BearerForAsync(ReturnsCalls.DemoUser);
        await ScenarioHost.AddAsync(_control, "gst-slow", new { match = new { service = "returns" }, answer = new { outcome = "latency", delay = "700ms" } });

        var clock = Stopwatch.StartNew();
        using var response = await calls.PostAsync(Prepop().ToString(SaveOptions.DisableFormatting), bearer);
        clock.Stop();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, new ReturnAnswer(XDocument.Parse(await response.Content.ReadAsStringAsync())).StatusCode);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(650), $"answered after {clock.Elapsed}");
    }

    [Fact]
    public async Task Latency_past_the_gateway_timeout_ends_in_the_gateways_504_when_the_gateway_gives_up()
    {
        using var calls = new ReturnsCalls(Host);
        var bearer = await calls.BearerForAsync(ReturnsCalls.DemoUser);
        await ScenarioHost.AddAsync(_control, "gst-too-slow", new { match = new { service = "returns" }, answer = new { outcome = "latency", delay = "10m" } });

        var clock = Stopwatch.StartNew();
        using var response = await calls.PostAsync(Prepop().ToString(SaveOptions.DisableFormatting), bearer);
        clock.Stop();

        await AssertGatewayTimeoutAsync(response);
        Assert.True(clock.Elapsed >= ScenarioHost.UpstreamTimeout - TimeSpan.FromMilliseconds(100) && clock.Elapsed < ScenarioHost.UpstreamTimeout * 3, $"answered after {clock.Elapsed}");
    }

    [Fact]
    public async Task Reset_aborts_the_connection()
    {
        using var calls = new ReturnsCalls(Host);
        var bearer = await calls.BearerForAsync(ReturnsCalls.DemoUser);
        await ScenarioHost.AddAsync(_control, "gst-reset", new { match = new { service = "returns" }, answer = new { outcome = "reset" } });

        await Assert.ThrowsAsync<HttpRequestException>(() => calls.PostAsync(Prepop().ToString(SaveOptions.DisableFormatting), bearer));
    }

    [Fact]
    public async Task Pass_lets_the_call_through_and_counts_it()
    {
        using var calls = new ReturnsCalls(Host);
        await ScenarioHost.AddAsync(_control, "gst-count", new { match = new { service = "returns", operation = "Prepop" }, answer = new { outcome = "pass" } });

        var first = await calls.SendAsync(ReturnsCalls.DemoUser, Prepop());
        var second = await calls.SendAsync(ReturnsCalls.DemoUser, Prepop());

        Assert.Equal(0, first.StatusCode);
        Assert.Equal(0, second.StatusCode);
        var rule = await ScenarioHost.GetAsync(_control, "gst-count");
        Assert.Equal(2, rule.GetProperty("fired").GetInt64());
        Assert.False(rule.TryGetProperty("remaining", out _));
    }

    [Fact]
    public async Task A_count_of_N_acts_on_the_next_N_matching_calls_then_calls_are_answered_normally()
    {
        using var cloud = Host.CreateCloudClient();
        var m2m = AccountApiCalls.M2m(Host, AccountApiCalls.Owner);
        await ScenarioHost.AddAsync(_control, "list-twice", new
        {
            match = new { service = "account-api", operation = "account/list" },
            answer = new { outcome = "account-api", code = "EV1100" },
            limit = new { count = 2 },
        });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await AccountApiCalls.ListAsync(cloud, m2m, "132243158")).Status);
        }

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.OK, HttpStatusCode.OK], statuses);
        using var list = JsonDocument.Parse(await _control.GetStringAsync("/control/scenarios"));
        var rule = Assert.Single(list.RootElement.EnumerateArray());
        Assert.Equal("list-twice", rule.GetProperty("name").GetString());
        Assert.True(rule.GetProperty("exhausted").GetBoolean());
        Assert.Equal(2, rule.GetProperty("fired").GetInt64());
    }

    [Fact]
    public async Task A_share_acts_on_some_of_the_matching_calls_and_not_others()
    {
        using var cloud = Host.CreateCloudClient();
        var m2m = AccountApiCalls.M2m(Host, AccountApiCalls.Owner);
        await ScenarioHost.AddAsync(_control, "half", new
        {
            match = new { service = "account-api" },
            answer = new { outcome = "account-api", code = "EV1100" },
            limit = new { share = 0.5 },
        });

        var refused = 0;
        const int Calls = 40;
        for (var i = 0; i < Calls; i++)
        {
            refused += (await AccountApiCalls.ListAsync(cloud, m2m, "132243158")).Status == HttpStatusCode.BadRequest ? 1 : 0;
        }

        Assert.InRange(refused, 1, Calls - 1);
        Assert.Equal(refused, (await ScenarioHost.GetAsync(_control, "half")).GetProperty("fired").GetInt64());
    }

    [Theory]
    [InlineData("""{"match":{"service":"intermediation"},"answer":{"outcome":"status","code":150}}""", "intermediation")]
    [InlineData("""{"match":{"service":"returns"},"answer":{"outcome":"status","code":142}}""", "returns")]
    [InlineData("""{"match":{"service":"account-api"},"answer":{"outcome":"account-api","code":"EV9999"}}""", "account-api")]
    [InlineData("""{"match":{"dialect":"start"},"answer":{"outcome":"oauth-error","code":"no_such_error"}}""", "start")]
    [InlineData("""{"answer":{"outcome":"status","code":5}}""", "SOAP service")]
    [InlineData("""{"match":{"service":"account-api"},"answer":{"outcome":"unauthorised-fault"}}""", "SOAP service")]
    [InlineData("""{"match":{"service":"returns"},"answer":{"outcome":"explode"}}""", "outcome")]
    [InlineData("""{"answer":{"outcome":"latency","delay":"soon"}}""", "delay")]
    [InlineData("""{"answer":{"outcome":"pass"},"limit":{"share":1.5}}""", "share")]
    [InlineData("""{"answer":""", "JSON")]
    public async Task An_outcome_IR_does_not_document_for_the_service_is_refused_with_a_clear_400(string rule, string named)
    {
        using var content = new StringContent(rule, System.Text.Encoding.UTF8, "application/json");
        using var response = await _control.PutAsync("/control/scenarios/refused", content);

        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(named, body.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await _control.GetAsync("/control/scenarios/refused")).StatusCode);
    }

    [Fact]
    public async Task The_documented_set_is_named_when_a_status_is_refused()
    {
        var (status, body) = await ScenarioHost.PutAsync(_control, "bad-status", new { match = new { service = "employment" }, answer = new { outcome = "status", code = 999 } });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var message = body!["message"]!.GetValue<string>();
        Assert.Contains("employment", message, StringComparison.Ordinal);
        Assert.Contains("-1, 1, 2, 3, 4, 5, 7, 20, 21, 100, 101", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rules_are_listed_removed_one_by_one_and_cleared()
    {
        await ScenarioHost.AddAsync(_control, "one", new { answer = new { outcome = "pass" } });
        await ScenarioHost.AddAsync(_control, "two", new { answer = new { outcome = "pass" } });

        using var removed = await _control.DeleteAsync("/control/scenarios/one");
        using var again = await _control.DeleteAsync("/control/scenarios/one");
        var left = JsonDocument.Parse(await _control.GetStringAsync("/control/scenarios")).RootElement;
        using var cleared = await _control.DeleteAsync("/control/scenarios");

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(["two"], left.EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        Assert.Equal(1, JsonDocument.Parse(await cleared.Content.ReadAsStringAsync()).RootElement.GetProperty("removed").GetInt32());
    }

    private static async Task AssertGatewayTimeoutAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(Waharoa.Server.Gateway.GatewayErrors.GatewayErrorCode, body.GetProperty("error").GetString());
        Assert.Equal(Waharoa.Server.Gateway.GatewayErrors.GatewayTimeout, body.GetProperty("error_description").GetString());
    }
}
