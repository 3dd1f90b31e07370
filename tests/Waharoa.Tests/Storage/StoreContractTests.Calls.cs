using Waharoa.Calls;

namespace Waharoa.Tests.Storage;

public abstract partial class StoreContractTests
{
    private static RecordedCall Call(string? clientId, DateTimeOffset at, string path = "/gateway/services/Returns", int status = 200, params string[] flags) =>
        new(0, at, 12.5, clientId, "cloud", "gateway", "returns", "File", null, "bearer", "alice", "123456789", "POST", path, status, "0", null, null, flags,
            "Content-Type: text/xml", "<Envelope/>", "Content-Type: text/xml", "<Envelope><statusCode>0</statusCode></Envelope>");

    [Fact]
    public async Task AddCall_ReadBackWhole()
    {
        var id = await Store.AddCallAsync(Call("dsp-a", Now, flags: [CallFlags.NoToken, CallFlags.SecretInQuery]) with { Reason = "no token", Scenario = "slow" }, 10, default);

        var call = await Store.GetCallAsync(id, default);

        Assert.NotNull(call);
        Assert.Equal(id, call.Id);
        Assert.Equal(Now, call.At);
        Assert.Equal(12.5, call.DurationMs);
        Assert.Equal(("dsp-a", "cloud", "gateway", "returns", "File"), (call.ClientId, call.Endpoint, call.Area, call.Service, call.Operation));
        Assert.Equal(("bearer", "alice", "123456789", "POST", 200, "0"), (call.Authentication, call.Logon, call.IrdNumber, call.Method, call.Status, call.IrCode));
        Assert.Equal(("no token", "slow"), (call.Reason, call.Scenario));
        Assert.Equal([CallFlags.NoToken, CallFlags.SecretInQuery], call.Flags);
        Assert.Equal("<Envelope><statusCode>0</statusCode></Envelope>", call.ResponseBody);
        Assert.Null(await Store.GetCallAsync(id + 1000, default));
    }

    [Fact]
    public async Task AddCall_BeyondTheBound_DropsTheClientsOldestOnly()
    {
        for (var i = 0; i < 5; i++)
        {
            await Store.AddCallAsync(Call("dsp-a", Now.AddSeconds(i), $"/a/{i}"), 3, default);
        }

        await Store.AddCallsAsync([Call("dsp-b", Now, "/b/0"), Call(null, Now, "/none")], 3, default);

        var a = await Store.ListCallsAsync(new CallQuery("dsp-a"), default);
        Assert.Equal(["/a/4", "/a/3", "/a/2"], a.Select(c => c.Path));
        Assert.Single(await Store.ListCallsAsync(new CallQuery("dsp-b"), default));
        Assert.Equal(5, (await Store.ListCallsAsync(new CallQuery(), default)).Count);
    }

    [Fact]
    public async Task AddCalls_OneBatch_NumberedInItsOrder_EachValueItsOwn()
    {
        await Store.AddCallsAsync(
        [
            Call("dsp-a", Now, "/first") with { GrantType = "refresh_token", IrdNumber = null },
            Call(null, Now.AddSeconds(1), "/second", 401, CallFlags.NoToken) with { Authentication = null, Reason = "no token" },
            Call("dsp-a", Now.AddSeconds(2), "/third", 0),
        ], 10, default);

        var calls = await Store.ListCallsAsync(new CallQuery(OldestFirst: true), default);

        Assert.Equal(["/first", "/second", "/third"], calls.Select(c => c.Path));
        Assert.True(calls[0].Id < calls[1].Id && calls[1].Id < calls[2].Id);
        Assert.Equal(("dsp-a", "refresh_token", null, 200), (calls[0].ClientId, calls[0].GrantType, calls[0].IrdNumber, calls[0].Status));
        Assert.Equal((null, null, "no token", 401), (calls[1].ClientId, calls[1].Authentication, calls[1].Reason, calls[1].Status));
        Assert.Equal([CallFlags.NoToken], calls[1].Flags);
        Assert.Equal((Now.AddSeconds(2), "123456789", 0, null), (calls[2].At, calls[2].IrdNumber, calls[2].Status, calls[2].Reason));

        // A call of no known client, stored alone: the number returned is its own.
        var fourth = await Store.AddCallAsync(Call(null, Now, "/fourth"), 10, default);
        Assert.True(fourth > calls[2].Id);
        Assert.Equal("/fourth", (await Store.GetCallAsync(fourth, default))?.Path);
    }

    [Fact]
    public async Task ListCalls_WindowAndPaging_NewestFirst()
    {
        var ids = new List<long>();
        for (var i = 0; i < 6; i++)
        {
            ids.Add(await Store.AddCallAsync(Call("dsp-a", Now.AddMinutes(i), $"/a/{i}"), 100, default));
        }

        var window = await Store.ListCallsAsync(new CallQuery("dsp-a", Now.AddMinutes(1), Now.AddMinutes(4)), default);
        Assert.Equal(["/a/3", "/a/2", "/a/1"], window.Select(c => c.Path));

        var page = await Store.ListCallsAsync(new CallQuery("dsp-a", BeforeId: ids[4], Limit: 2), default);
        Assert.Equal(["/a/3", "/a/2"], page.Select(c => c.Path));
        Assert.Empty(await Store.ListCallsAsync(new CallQuery("dsp-z"), default));
    }

    [Fact]
    public async Task AddCall_ConcurrentlyFromInstances_EachKeptUpToTheBound()
    {
        await ConcurrentlyAsync(6, (store, i) => store.AddCallAsync(Call("dsp-a", Now.AddSeconds(i), $"/a/{i}"), 4, default));

        var kept = await Store.ListCallsAsync(new CallQuery("dsp-a"), default);
        Assert.Equal(4, kept.Count);
        Assert.Equal(kept.Select(c => c.Id).OrderDescending(), kept.Select(c => c.Id));
    }

    [Fact]
    public async Task ListCalls_ByEndpointAreaServiceIrdAndStatus()
    {
        var ok = await Store.AddCallAsync(Call("dsp-a", Now, "/ok"), 100, default);
        await Store.AddCallsAsync(
        [
            Call("dsp-a", Now, "/desktop", 401) with { Endpoint = "desktop", Reason = "no token" },
            Call("dsp-a", Now, "/oauth", 400) with { Area = "oauth", Service = "xiams", IrdNumber = null },
            Call("dsp-a", Now, "/ird", 500) with { IrdNumber = "987654321" },
            Call("dsp-a", Now, "/reset", 0),
            Call("dsp-a", Now, "/fault-at-200") with { Reason = "scenario fault" },
        ], 100, default);

        async Task<string[]> PathsAsync(CallQuery query) => [.. (await Store.ListCallsAsync(query with { ClientId = "dsp-a" }, default)).Select(c => c.Path).Order()];

        Assert.Equal(["/desktop"], await PathsAsync(new CallQuery(Endpoint: "desktop")));
        Assert.Equal(["/oauth"], await PathsAsync(new CallQuery(Area: "oauth")));
        Assert.Equal(["/oauth"], await PathsAsync(new CallQuery(Service: "xiams")));
        Assert.Equal(["/ird"], await PathsAsync(new CallQuery(IrdNumber: "987654321")));
        Assert.Equal(["/desktop"], await PathsAsync(new CallQuery(Status: CallStatusFilter.Parse("401"))));
        Assert.Equal(["/desktop", "/oauth"], await PathsAsync(new CallQuery(Status: CallStatusFilter.Parse("4xx"))));
        Assert.Equal(["/reset"], await PathsAsync(new CallQuery(Status: CallStatusFilter.Parse("0"))));
        Assert.Equal(["/desktop", "/fault-at-200", "/ird", "/oauth", "/reset"], await PathsAsync(new CallQuery(Status: CallStatusFilter.RefusedCalls)));
        Assert.Equal(["/desktop"], await PathsAsync(new CallQuery(Endpoint: "desktop", Status: CallStatusFilter.RefusedCalls)));
        Assert.Empty(await PathsAsync(new CallQuery(Endpoint: "desktop", Status: CallStatusFilter.Parse("2xx"))));

        var after = await Store.ListCallsAsync(new CallQuery("dsp-a", AfterId: ok, OldestFirst: true, Limit: 2), default);
        Assert.Equal(["/desktop", "/oauth"], after.Select(c => c.Path));
    }

    [Fact]
    public async Task ListCalls_WithoutContent_LeavesHeadersAndBodiesOut()
    {
        await Store.AddCallAsync(Call("dsp-a", Now) with { Reason = "no token", Scenario = "slow" }, 10, default);

        var call = Assert.Single(await Store.ListCallsAsync(new CallQuery("dsp-a", WithoutContent: true), default));

        Assert.Equal(("", "", "", ""), (call.RequestHeaders, call.RequestBody, call.ResponseHeaders, call.ResponseBody));
        Assert.Equal(("no token", "slow", "returns", "File", 200), (call.Reason, call.Scenario, call.Service, call.Operation, call.Status));
    }
}
