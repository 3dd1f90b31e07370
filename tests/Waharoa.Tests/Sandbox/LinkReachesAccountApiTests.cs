using System.Net;
using Waharoa.Tests.AccountApi;
using Waharoa.Tests.Intermediation;

namespace Waharoa.Tests.Sandbox;

/// <summary>Both sandbox services over one store: what an agent links through Intermediation it reaches in the Account API at once.</summary>
public sealed class LinkReachesAccountApiTests
{
    private const string Agency = "132261132";
    private const string Logon = "TaxAgentOwnerFull";
    private const string Client = "132243158";
    private const string Account = "132243158INC003";

    [Fact]
    public async Task LinkThenDelinkThroughIntermediation_OpensThenClosesTheAccountInTheAccountApi()
    {
        await using var sandbox = await IntermediationSandbox.StartAsync();
        var http = sandbox.Calls.Http;
        var authorization = await sandbox.Calls.BearerForAsync(Logon);

        var before = await AccountApiCalls.AccountAsync(http, authorization, Account);
        AccountApiCalls.AssertAccessDenied(before.Status, before.Body);

        var link = await sandbox.SendAsync(Logon, Envelopes.Link(Agency, "132261555", "LSTID", Client, "INC"));
        Assert.Equal(0, link.StatusCode);

        var linked = await AccountApiCalls.AccountAsync(http, authorization, Account);
        Assert.Equal(HttpStatusCode.OK, linked.Status);
        Assert.Equal(Account, linked.Body.GetProperty("Account").GetProperty("ID").GetString());
        var list = await AccountApiCalls.ListAsync(http, authorization, Client);
        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.All(AccountApiCalls.AccountIds(list.Body), id => Assert.Equal("INC", id[9..12]));
        var gst = await AccountApiCalls.AccountAsync(http, authorization, "132243158GST004");
        AccountApiCalls.AssertAccessDenied(gst.Status, gst.Body);

        var delink = await sandbox.SendAsync(Logon, Envelopes.Delink(Agency, "132261555", "LSTID", Client, "INC"));
        Assert.Equal(0, delink.StatusCode);

        var after = await AccountApiCalls.AccountAsync(http, authorization, Account);
        AccountApiCalls.AssertAccessDenied(after.Status, after.Body);
    }
}
