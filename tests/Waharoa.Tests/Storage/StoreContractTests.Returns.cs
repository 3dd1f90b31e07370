using System.Text.Json.Nodes;
using Waharoa.Returns;

namespace Waharoa.Tests.Storage;

public abstract partial class StoreContractTests
{
    private const string GstAccount = "123039858GST001";

    private static readonly DateOnly March = new(2026, 3, 31);

    private static FiledReturn Return(DateOnly periodEnd, long submissionKey, string accountId = GstAccount) =>
        new(accountId, "GST", periodEnd, "101A", submissionKey, "SUB", IsNilReturn: false, "<formFields><totalSales>1150</totalSales></formFields>", Now, null, 0);

    [Fact]
    public async Task PutReturnProfile_SettingsRoundTripAndReplace()
    {
        var settings = JsonNode.Parse("""{"filingFrequency":"2","provisionalTax":true,"branches":[{"id":"001"}]}""")!.AsObject();
        await Store.PutReturnProfileAsync(new ReturnProfile(GstAccount, "GST", settings), default);
        await Store.PutReturnProfileAsync(new ReturnProfile(GstAccount, "INC", new JsonObject { ["ratio"] = 1.5 }), default);

        var found = await Store.FindReturnProfileAsync(GstAccount, "GST", default);

        Assert.Equal((GstAccount, "GST"), (found!.AccountId, found.MajorFormType));
        Assert.Equal(settings.ToJsonString(), found.Settings.ToJsonString());
        Assert.Null(await Store.FindReturnProfileAsync(GstAccount, "EMP", default));
        Assert.Null(await Store.FindReturnProfileAsync("049091850GST001", "GST", default));

        await Store.PutReturnProfileAsync(new ReturnProfile(GstAccount, "GST", new JsonObject { ["filingFrequency"] = "6" }), default);

        Assert.Equal("""{"filingFrequency":"6"}""", (await Store.FindReturnProfileAsync(GstAccount, "GST", default))!.Settings.ToJsonString());
        Assert.Equal("""{"ratio":1.5}""", (await Store.FindReturnProfileAsync(GstAccount, "INC", default))!.Settings.ToJsonString());
    }

    [Fact]
    public async Task FileReturn_New_FoundAndListedNewestPeriodFirst()
    {
        var january = Return(new(2026, 1, 31), 1001);
        var march = Return(March, 1003) with { MinorFormType = null, IsNilReturn = true };
        var november = Return(new(2025, 11, 30), 1002);

        Assert.Equal(ReturnFiling.Filed, await Store.FileReturnAsync(january, default));
        Assert.Equal(ReturnFiling.Filed, await Store.FileReturnAsync(march, default));
        Assert.Equal(ReturnFiling.Filed, await Store.FileReturnAsync(november, default));
        Assert.Equal(ReturnFiling.Filed, await Store.FileReturnAsync(Return(March, 1004, "049091850GST001"), default));
        Assert.Equal(ReturnFiling.Filed, await Store.FileReturnAsync(Return(March, 1005) with { MajorFormType = "INC" }, default));

        Assert.Equal(march, await Store.FindReturnAsync(GstAccount, "GST", March, default));
        Assert.Null(await Store.FindReturnAsync(GstAccount, "GST", new(2026, 2, 28), default));
        Assert.Equal([march, january, november], await Store.ListReturnsAsync(GstAccount, "GST", default));
        Assert.Empty(await Store.ListReturnsAsync(GstAccount, "EMP", default));
    }

    [Fact]
    public async Task FileReturn_PeriodTaken_DuplicateAndNothingChanged()
    {
        var first = Return(March, 1001);
        await Store.FileReturnAsync(first, default);

        Assert.Equal(ReturnFiling.Duplicate, await Store.FileReturnAsync(Return(March, 1002) with { Status = "AMN", FormFields = "<formFields/>" }, default));

        // The period and the key both taken: the period is what the filer is told.
        Assert.Equal(ReturnFiling.Duplicate, await Store.FileReturnAsync(Return(March, 1001) with { FormFields = "<formFields/>" }, default));
        Assert.Equal([first], await Store.ListReturnsAsync(GstAccount, "GST", default));
        Assert.Equal(ReturnFiling.Filed, await Store.FileReturnAsync(Return(new(2026, 4, 30), 1002), default));
    }

    [Fact]
    public async Task FileReturn_SubmissionKeyOfAnother_KeyTakenAndNothingStored()
    {
        await Store.FileReturnAsync(Return(March, 1001, "049091850GST001"), default);

        Assert.Equal(ReturnFiling.KeyTaken, await Store.FileReturnAsync(Return(March, 1001), default));

        Assert.Null(await Store.FindReturnAsync(GstAccount, "GST", March, default));
        Assert.Equal(ReturnFiling.Filed, await Store.FileReturnAsync(Return(March, 1002), default));
    }

    [Fact]
    public async Task FileReturn_SamePeriodConcurrently_OneFiledTheRestDuplicate()
    {
        var filings = await ConcurrentlyAsync(8, (store, i) => store.FileReturnAsync(Return(March, 2000 + i), default));

        Assert.Single(filings, f => f == ReturnFiling.Filed);
        Assert.Equal(7, filings.Count(f => f == ReturnFiling.Duplicate));
        var kept = Assert.Single(await Store.ListReturnsAsync(GstAccount, "GST", default));
        Assert.Equal(2000 + Array.IndexOf(filings, ReturnFiling.Filed), kept.SubmissionKey);
    }

    [Fact]
    public async Task AmendReturn_Existing_ReplacesTheFilingKeepsKeyAndFilingTimeCountsAmendments()
    {
        var filed = Return(March, 1001);
        await Store.FileReturnAsync(filed, default);
        await Store.FileReturnAsync(Return(new(2026, 1, 31), 1002), default);

        var once = await Store.AmendReturnAsync(GstAccount, "GST", March, "103C", true, "<formFields/>", "AMN", Now.AddDays(3), default);
        var twice = await Store.AmendReturnAsync(GstAccount, "GST", March, null, false, "<formFields><totalSales>9</totalSales></formFields>", "AMN", Now.AddDays(5), default);

        Assert.Equal(filed with { MinorFormType = "103C", IsNilReturn = true, FormFields = "<formFields/>", Status = "AMN", AmendedAt = Now.AddDays(3), Amendments = 1 }, once);
        var expected = filed with { MinorFormType = null, FormFields = "<formFields><totalSales>9</totalSales></formFields>", Status = "AMN", AmendedAt = Now.AddDays(5), Amendments = 2 };
        Assert.Equal(expected, twice);
        Assert.Equal(expected, await Store.FindReturnAsync(GstAccount, "GST", March, default));
        Assert.Equal(Return(new(2026, 1, 31), 1002), await Store.FindReturnAsync(GstAccount, "GST", new(2026, 1, 31), default));
    }

    [Fact]
    public async Task AmendReturn_NoneForThatPeriod_NullAndNothingStored()
    {
        await Store.FileReturnAsync(Return(March, 1001), default);

        Assert.Null(await Store.AmendReturnAsync(GstAccount, "GST", new(2026, 2, 28), null, false, "<formFields/>", "AMN", Now, default));
        Assert.Null(await Store.AmendReturnAsync(GstAccount, "INC", March, null, false, "<formFields/>", "AMN", Now, default));

        Assert.Equal([Return(March, 1001)], await Store.ListReturnsAsync(GstAccount, "GST", default));
        Assert.Empty(await Store.ListReturnsAsync(GstAccount, "INC", default));
    }

    [Fact]
    public async Task PutReturn_AddsOrReplacesAsGiven()
    {
        var seeded = Return(March, 1001) with { Status = "AMN", AmendedAt = Now.AddDays(1), Amendments = 3 };
        await Store.PutReturnAsync(Return(March, 1009), default);

        await Store.PutReturnAsync(seeded, default);

        Assert.Equal([seeded], await Store.ListReturnsAsync(GstAccount, "GST", default));
        Assert.Equal(ReturnFiling.Filed, await Store.FileReturnAsync(Return(new(2026, 4, 30), 1009), default));
    }

    [Fact]
    public async Task PutReturn_SubmissionKeyOfAnother_ReplacesThatReturn()
    {
        await Store.PutReturnAsync(Return(new(2026, 1, 31), 1001), default);
        var taker = Return(March, 1001);

        await Store.PutReturnAsync(taker, default);

        Assert.Equal([taker], await Store.ListReturnsAsync(GstAccount, "GST", default));
    }

    [Fact]
    public async Task Returns_StoreClosedAndReopened_AllKept()
    {
        var settings = new JsonObject { ["filingFrequency"] = "2" };
        await Store.PutReturnProfileAsync(new ReturnProfile(GstAccount, "GST", settings), default);
        await Store.FileReturnAsync(Return(new(2026, 1, 31), 1001), default);
        await Store.FileReturnAsync(Return(March, 1002), default);
        var amended = await Store.AmendReturnAsync(GstAccount, "GST", March, "103C", true, "<formFields/>", "AMN", Now.AddDays(1), default);
        await Store.DisposeAsync();

        var reopened = await OpenStoreAsync();

        Assert.Equal(settings.ToJsonString(), (await reopened.FindReturnProfileAsync(GstAccount, "GST", default))!.Settings.ToJsonString());
        Assert.Equal([amended!, Return(new(2026, 1, 31), 1001)], await reopened.ListReturnsAsync(GstAccount, "GST", default));
        Assert.Equal(ReturnFiling.Duplicate, await reopened.FileReturnAsync(Return(March, 1003), default));
        Assert.Equal(ReturnFiling.KeyTaken, await reopened.FileReturnAsync(Return(new(2026, 4, 30), 1002), default));
    }
}
