using System.Net;
using System.Text.Json;
using Waharoa.Testing;
using static Waharoa.Tests.AccountApi.AccountApiCalls;

namespace Waharoa.Tests.AccountApi;

/// <summary>
/// IR's Account API test-report template, one test per scenario (MOCK-ACC-001…014), against the demo data, as a
/// DSP runs them: an OAuth bearer token of the demo user through the real gateway.
/// </summary>
public sealed class AccountApiScenarioTests
{
    [Fact]
    public async Task MOCK_ACC_001_ListByIrd_ReturnsTheAccounts()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var bearer = await BearerAsync(host, cloud);

        var (status, body) = await ListAsync(cloud, bearer, "132243158", "IRD");
        var (otherStatus1, other1) = await ListAsync(cloud, bearer, "069096409", "IRD");
        var (otherStatus2, other2) = await ListAsync(cloud, bearer, "139369673", "IRD");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["132243158INC002", "132243158INC003", "132243158GST004", "132243158KSS004", "132243158FAM005"], AccountIds(body));
        Assert.All(body.GetProperty("Accounts").EnumerateArray(), a => Assert.Equal(["ID", "IDType"], a.EnumerateObject().Select(p => p.Name)));
        Assert.All(body.GetProperty("Accounts").EnumerateArray(), a => Assert.Equal("ACC", a.GetProperty("IDType").GetString()));
        Assert.Equal(HttpStatusCode.OK, otherStatus1);
        Assert.Equal(["069096409INC002", "069096409EMP003"], AccountIds(other1));
        Assert.Equal(HttpStatusCode.OK, otherStatus2);
        Assert.Equal(["139369673INC003"], AccountIds(other2));
    }

    [Fact]
    public async Task MOCK_ACC_002_ListByCustomerIdentifier_ReturnsTheAccounts()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var bearer = await BearerAsync(host, cloud);

        var (status, body) = await ListAsync(cloud, bearer, "1512150403", "CST");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["512150403INC001", "512150403GST002"], AccountIds(body));
    }

    [Fact]
    public async Task MOCK_ACC_003_RetrieveAccount_ReturnsAccountAddressAndContact()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var bearer = await BearerAsync(host, cloud);

        foreach (var accountId in new[] { "132243158INC003", "139369673INC003" })
        {
            var (status, body) = await AccountAsync(cloud, bearer, accountId);

            Assert.Equal(HttpStatusCode.OK, status);
            var account = body.GetProperty("Account");
            Assert.Equal(accountId, account.GetProperty("ID").GetString());
            Assert.Equal("ACC", account.GetProperty("IDType").GetString());
            Assert.Equal(JsonValueKind.Number, account.GetProperty("Address")[0].GetProperty("AddressID").ValueKind);
            Assert.Equal(JsonValueKind.Number, account.GetProperty("Contact")[0].GetProperty("ContactID").ValueKind);
            AccountApiSchema.AssertAccountResponse(body);
        }
    }

    [Fact]
    public async Task MOCK_ACC_004_AccountWithMandatoryAttributesOnly_ReturnsThemOnly()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var bearer = await BearerAsync(host, cloud);

        var (status, body) = await AccountAsync(cloud, bearer, "069096409INC002");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(
            ["ID", "IDType", "AccountType", "FilingFrequency", "Status", "Commence", "Cease"],
            body.GetProperty("Account").EnumerateObject().Select(p => p.Name));
        AccountApiSchema.AssertAccountResponse(body);
    }

    [Fact]
    public async Task MOCK_ACC_005_IncAccount_ReturnsTheIncomeTaxAttributes()
    {
        var account = await RetrieveAsync("132243158INC003");

        Assert.Equal("INC", account.GetProperty("AccountType").GetString());
        Assert.Equal("31-Mar", account.GetProperty("INC").GetProperty("BalanceDate").GetString());
        Assert.Equal("0.0", account.GetProperty("INC").GetProperty("ProvTaxRatio").GetRawText());
    }

    [Fact]
    public async Task MOCK_ACC_006_GstAccount_ReturnsTheGstAttributes()
    {
        var account = await RetrieveAsync("132243158GST004");

        Assert.Equal("GST", account.GetProperty("AccountType").GetString());
        Assert.Equal("INV", account.GetProperty("GST").GetProperty("AccountingBasis").GetString());
        Assert.Equal(JsonValueKind.False, account.GetProperty("GST").GetProperty("GroupMember").ValueKind);
    }

    [Fact]
    public async Task MOCK_ACC_007_FamAccount_ReturnsTheWorkingForFamiliesAttributes()
    {
        var account = await RetrieveAsync("132243158FAM005");

        Assert.Equal("FAM", account.GetProperty("AccountType").GetString());
        Assert.Equal("FAM1A", account.GetProperty("WFFTC").GetProperty("PaymentFrequency").GetString());
        Assert.Equal("IRD", account.GetProperty("WFFTC").GetProperty("CurrentPayer").GetString());
    }

    [Fact]
    public async Task MOCK_ACC_008_EmpAccount_ReturnsTheAccount()
    {
        var account = await RetrieveAsync("069096409EMP003");

        Assert.Equal("069096409EMP003", account.GetProperty("ID").GetString());
        Assert.Equal("EMP", account.GetProperty("AccountType").GetString());
    }

    [Fact]
    public async Task MOCK_ACC_009_KssAccount_IsNotEligible_ACT100()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var bearer = await BearerAsync(host, cloud);

        var (status, body) = await AccountAsync(cloud, bearer, "132243158KSS004");

        AssertError(HttpStatusCode.BadRequest, "ACT100", "validation", "This account type is not eligible to be used in this service.", status, body);
    }

    [Fact]
    public async Task MOCK_ACC_010_UnknownAccount_CST404()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var bearer = await BearerAsync(host, cloud);

        var (status, body) = await AccountAsync(cloud, bearer, "132243158INC999");

        AssertError(HttpStatusCode.BadRequest, "CST404", "validation", "A record could not be located for the given identifier.", status, body);
    }

    [Fact]
    public async Task MOCK_ACC_011_AccountTheRequesterCannotReach_EV1022()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var bearer = await BearerAsync(host, cloud);

        var (status, body) = await AccountAsync(cloud, bearer, "132253579INC002");

        AssertAccessDenied(status, body);
    }

    [Fact]
    public async Task MOCK_ACC_012_InvalidInputParameter_EV1100()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var bearer = await BearerAsync(host, cloud);

        var (status, body) = await AccountAsync(cloud, bearer, "132243158INC003", "XYZ");

        AssertError(HttpStatusCode.BadRequest, "EV1100", "validation", "Invalid input parameters. Please check documentation: AccountIDType", status, body);
    }

    [Fact]
    public async Task MOCK_ACC_013_InvalidOrExpiredToken_EV1020()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        using var certificate = host.LoadCloudClientCertificate();
        var expiredJwt = Gateway.M2mTokens.Create(certificate, DateTimeOffset.UtcNow.AddHours(-2), TimeSpan.FromMinutes(9), DemoUser);

        foreach (var authorization in new[] { "Bearer not-a-valid-token", expiredJwt })
        {
            var (status, body, response) = await SendAsync(cloud, Post("account", AccountBody("132243158INC003"), authorization));
            response.Dispose();

            AssertError(HttpStatusCode.BadRequest, "EV1020", "security", "Authentication failure means the token (JWT or OAuth) provided is not valid", status, body);
        }
    }

    [Fact]
    public async Task MOCK_ACC_014_NoToken_EV1021()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();

        var (status, body, response) = await SendAsync(cloud, Post("account", AccountBody("132243158INC003"), authorization: null));
        response.Dispose();

        AssertError(HttpStatusCode.BadRequest, "EV1021", "security", "No OAuth or JWT token is present as an HTTP header", status, body);
    }

    private static async Task<JsonElement> RetrieveAsync(string accountId)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var bearer = await BearerAsync(host, cloud);

        var (status, body) = await AccountAsync(cloud, bearer, accountId);

        Assert.Equal(HttpStatusCode.OK, status);
        AccountApiSchema.AssertAccountResponse(body);
        return body.GetProperty("Account");
    }
}
