using Waharoa.Returns;

namespace Waharoa.Tests.Storage;

public abstract partial class StoreContractTests
{
    private const string EmployerAccount = "123041607EMP002";

    private static readonly DateOnly PayDay = new(2026, 3, 10);

    private static FiledReturn PaydayReturn(long submissionKey, string hash = "h1", DateOnly? payDay = null) =>
        new(EmployerAccount, "EI2", March, "EI2", submissionKey, "SUB", IsNilReturn: false, "<formFields><payDayDate>2026-03-10</payDayDate></formFields>", Now, null, 0,
            payDay ?? PayDay, hash);

    [Fact]
    public async Task FilePaydayReturn_SeveralForOnePayDay_AllKeptFoundByKeyAndPayDay()
    {
        Assert.Equal(ReturnFiling.Filed, await Store.FilePaydayReturnAsync(PaydayReturn(3001, "h1"), Now.AddHours(-1), null, default));
        Assert.Equal(ReturnFiling.Filed, await Store.FilePaydayReturnAsync(PaydayReturn(3002, "h2"), Now.AddHours(-1), null, default));
        Assert.Equal(ReturnFiling.Filed, await Store.FilePaydayReturnAsync(PaydayReturn(3003, "h3", new(2026, 3, 24)), Now.AddHours(-1), null, default));
        // A GST return of the same period is unaffected: it is still its period's only one.
        Assert.Equal(ReturnFiling.Filed, await Store.FileReturnAsync(Return(March, 3004, EmployerAccount), default));

        Assert.Equal([PaydayReturn(3001, "h1"), PaydayReturn(3002, "h2")], await Store.ListPaydayReturnsAsync(EmployerAccount, PayDay, default));
        Assert.Equal(PaydayReturn(3003, "h3", new(2026, 3, 24)), await Store.FindReturnByKeyAsync(3003, default));
        Assert.Null(await Store.FindReturnByKeyAsync(3999, default));
        Assert.Equal(Return(March, 3004, EmployerAccount), await Store.FindReturnAsync(EmployerAccount, "GST", March, default));
        Assert.Null(await Store.FindReturnAsync(EmployerAccount, "EI2", March, default));
    }

    [Fact]
    public async Task FilePaydayReturn_SamePayloadWithinTheWindow_DuplicateAndNothingStored()
    {
        await Store.FilePaydayReturnAsync(PaydayReturn(3001, "h1"), Now.AddHours(-1), null, default);

        Assert.Equal(ReturnFiling.Duplicate, await Store.FilePaydayReturnAsync(PaydayReturn(3002, "h1"), Now.AddHours(-1), null, default));
        // Filed before the window began: no longer a duplicate.
        Assert.Equal(ReturnFiling.Filed, await Store.FilePaydayReturnAsync(PaydayReturn(3003, "h1"), Now.AddMinutes(1), null, default));

        Assert.Null(await Store.FindReturnByKeyAsync(3002, default));
        Assert.Equal(2, (await Store.ListPaydayReturnsAsync(EmployerAccount, PayDay, default)).Count);
    }

    [Fact]
    public async Task FilePaydayReturn_SubmissionKeyOfAnother_KeyTaken()
    {
        await Store.FileReturnAsync(Return(March, 3001), default);

        Assert.Equal(ReturnFiling.KeyTaken, await Store.FilePaydayReturnAsync(PaydayReturn(3001), Now.AddHours(-1), null, default));

        Assert.Empty(await Store.ListPaydayReturnsAsync(EmployerAccount, PayDay, default));
    }

    [Fact]
    public async Task AmendReturnByKey_AsReadLast_AmendedElseNullAndNothingChanged()
    {
        var filed = PaydayReturn(3001);
        await Store.FilePaydayReturnAsync(filed, Now.AddHours(-1), null, default);

        var once = await Store.AmendReturnByKeyAsync(3001, 0, true, "<formFields/>", "h9", "AMN", Now.AddMinutes(10), null, default);
        var stale = await Store.AmendReturnByKeyAsync(3001, 0, false, "<formFields><x/></formFields>", "h8", "AMN", Now.AddMinutes(20), null, default);
        var unknown = await Store.AmendReturnByKeyAsync(3999, 0, false, "<formFields/>", "h8", "AMN", Now.AddMinutes(20), null, default);

        var expected = filed with { IsNilReturn = true, FormFields = "<formFields/>", PayloadHash = "h9", Status = "AMN", AmendedAt = Now.AddMinutes(10), Amendments = 1 };
        Assert.Equal(expected, once);
        Assert.Null(stale);
        Assert.Null(unknown);
        Assert.Equal(expected, await Store.FindReturnByKeyAsync(3001, default));
    }

    /// <summary>A return and what its lines do to the employer's records are stored in one write: together or not at all.</summary>
    [Fact]
    public async Task FilePaydayReturn_WithLedgerChanges_StoredTogether_NeitherWhenTheChangesFail_NoneForADuplicate()
    {
        var filed = await Store.FilePaydayReturnAsync(
            PaydayReturn(3001, "h1"), Now.AddHours(-1), (ledger, ct) => ledger.StartEmploymentAsync(Line("l1", "123074610", new(2026, 3, 1)), ct), default);
        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() => Store.FilePaydayReturnAsync(
            PaydayReturn(3002, "h2"),
            Now.AddHours(-1),
            async (ledger, ct) =>
            {
                await ledger.StartEmploymentAsync(Line("l2", "136000128", new(2026, 3, 1)), ct);
                throw new InvalidOperationException("the ledger change failed");
            },
            default));
        var duplicate = await Store.FilePaydayReturnAsync(
            PaydayReturn(3003, "h1"), Now.AddHours(-1), (ledger, ct) => ledger.StartEmploymentAsync(Line("l3", "136000136", new(2026, 3, 1)), ct), default);

        Assert.Equal(ReturnFiling.Filed, filed);
        Assert.Equal("the ledger change failed", failed.Message);
        Assert.Equal(ReturnFiling.Duplicate, duplicate);
        Assert.Equal([3001L], (await Store.ListPaydayReturnsAsync(EmployerAccount, PayDay, default)).Select(r => r.SubmissionKey));
        Assert.Equal(["l1"], (await Store.ListEmploymentLinesAsync(EmpAccount, default)).Select(l => l.LineId));
    }

    [Fact]
    public async Task AmendReturnByKey_WithLedgerChanges_StoredTogether_NeitherWhenTheChangesFail_NoneWhenAmendedMeanwhile()
    {
        await Store.FilePaydayReturnAsync(PaydayReturn(3001), Now.AddHours(-1), null, default);
        await Store.StartEmploymentAsync(Line("l1", "123074610", new(2026, 1, 1)), default);

        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() => Store.AmendReturnByKeyAsync(
            3001,
            0,
            false,
            "<formFields/>",
            "h8",
            "AMN",
            Now.AddMinutes(10),
            async (ledger, ct) =>
            {
                await ledger.FinishEmploymentAsync(EmpAccount, "l1", new(2026, 2, 28), Now.AddMinutes(10), ct);
                throw new InvalidOperationException("the ledger change failed");
            },
            default));
        var amended = await Store.AmendReturnByKeyAsync(
            3001, 0, false, "<formFields/>", "h9", "AMN", Now.AddMinutes(20),
            (ledger, ct) => ledger.FinishEmploymentAsync(EmpAccount, "l1", new(2026, 3, 31), Now.AddMinutes(20), ct), default);
        var stale = await Store.AmendReturnByKeyAsync(
            3001, 0, false, "<formFields/>", "h7", "AMN", Now.AddMinutes(30),
            (ledger, ct) => ledger.StartEmploymentAsync(Line("l9", "136000128", new(2026, 3, 1)), ct), default);

        Assert.Equal("the ledger change failed", failed.Message);
        Assert.Equal(("h9", 1), (amended!.PayloadHash, amended.Amendments));
        Assert.Null(stale);
        Assert.Equal(("h9", 1), ((await Store.FindReturnByKeyAsync(3001, default))!.PayloadHash, (await Store.FindReturnByKeyAsync(3001, default))!.Amendments));
        Assert.Equal([("l1", (DateOnly?)new DateOnly(2026, 3, 31))], (await Store.ListEmploymentLinesAsync(EmpAccount, default)).Select(l => (l.LineId, l.FinishDate)));
    }

    [Fact]
    public async Task PutReturn_PaydayReturn_ReplacesOnlyTheOneWithItsKey()
    {
        await Store.PutReturnAsync(PaydayReturn(3001), default);
        await Store.PutReturnAsync(PaydayReturn(3002), default);

        await Store.PutReturnAsync(PaydayReturn(3001) with { Status = "LPRCG" }, default);

        Assert.Equal([PaydayReturn(3001) with { Status = "LPRCG" }, PaydayReturn(3002)], await Store.ListPaydayReturnsAsync(EmployerAccount, PayDay, default));
    }
}
