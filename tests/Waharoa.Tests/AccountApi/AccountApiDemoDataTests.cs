using System.Net;
using Waharoa.Testing;
using static Waharoa.Tests.AccountApi.AccountApiCalls;

namespace Waharoa.Tests.AccountApi;

/// <summary>The demo seed (Demo/Seeds/accounts.yaml) gives answers that meet IR's OpenAPI file, every one of them.</summary>
public sealed class AccountApiDemoDataTests
{
    [Fact]
    public async Task DemoAccounts_EveryListAndEligibleAccount_ConformsToTheOpenApiSchema()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var jwt = M2m(host, DemoUser);
        var retrieved = 0;

        foreach (var (customerId, idType) in new[] { ("132243158", "IRD"), ("069096409", "IRD"), ("139369673", "IRD"), ("1512100301", "CST"), ("1512150403", "CST") })
        {
            var (listStatus, list) = await ListAsync(cloud, jwt, customerId, idType);
            Assert.Equal(HttpStatusCode.OK, listStatus);
            AccountApiSchema.AssertListResponse(list);
            foreach (var accountId in AccountIds(list).Where(id => id[9..12] != "KSS"))
            {
                var (status, account) = await AccountAsync(cloud, jwt, accountId);
                Assert.True(status == HttpStatusCode.OK, $"{accountId}: {(int)status}");
                AccountApiSchema.AssertAccountResponse(account);
                retrieved++;
            }
        }

        Assert.Equal(12, retrieved);
    }
}
