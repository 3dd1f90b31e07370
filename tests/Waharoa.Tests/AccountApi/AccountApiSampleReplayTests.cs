using System.Net;
using System.Text.Json;
using Waharoa.Testing;
using static Waharoa.Tests.AccountApi.AccountApiCalls;

namespace Waharoa.Tests.AccountApi;

/// <summary>
/// IR's Account API sample messages, replayed byte for byte as the demo user (who, as in IR's mock, reaches the test
/// data; 132253579 is nobody's in the demo) and compared with the sample response: names, order, types and values.
/// </summary>
public sealed class AccountApiSampleReplayTests
{
    public static TheoryData<string, string, HttpStatusCode> Samples => new()
    {
        { "account", "POST_200_Account_with_FAM_account", HttpStatusCode.OK },
        { "account", "POST_200_Account_with_GST_account", HttpStatusCode.OK },
        { "account", "POST_200_Account_with_INC_account", HttpStatusCode.OK },
        { "list", "POST_200_list", HttpStatusCode.OK },

        // The file name says 400; the OpenAPI file (account_POST_Response403) and IR's test template (MOCK-ACC-011) say 403.
        { "account", "POST_400_account_EV1022", HttpStatusCode.Forbidden },
        { "list", "POST_400_list_EV1100", HttpStatusCode.BadRequest },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Sample_ReplayedAsTheDemoUser_ReturnsTheSampleResponse(string service, string sample, HttpStatusCode expectedStatus)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var authorization = await BearerAsync(host, cloud);
        var request = await File.ReadAllTextAsync(SpecFiles.Path("ir-account-api", "sample messages", sample + "_request.json"));
        using var expected = JsonDocument.Parse(await File.ReadAllTextAsync(SpecFiles.Path("ir-account-api", "sample messages", sample + "_response.json")));

        var (status, body, response) = await SendAsync(cloud, Post(service, request, authorization));

        using (response)
        {
            Assert.Equal(expectedStatus, status);
            Assert.Equal(JsonContentType, response.Content.Headers.ContentType?.ToString());
            JsonEquality.AssertEqual(expected.RootElement, body);
        }
    }
}
