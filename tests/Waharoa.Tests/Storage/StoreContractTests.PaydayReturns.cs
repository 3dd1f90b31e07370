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
        Assert.Equal(ReturnFiling.Filed, await Store.FilePaydayReturnAsync(PaydayReturn(3001, "h1"), Now.AddHours(-1), default));
        Assert.Equal(ReturnFiling.Filed, await Store.FilePaydayReturnAsync(PaydayReturn(3002, "h2"), Now.AddHours(-1), default));
        Assert.Equal(ReturnFiling.Filed, await Store.FilePaydayReturnAsync(PaydayReturn(3003, "h3", new(2026, 3, 24)), Now.AddHours(-1), default));
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
        await Store.FilePaydayReturnAsync(PaydayReturn(3001, "h1"), Now.AddHours(-1), default);

        Assert.Equal(ReturnFiling.Duplicate, await Store.FilePaydayReturnAsync(PaydayReturn(3002, "h1"), Now.AddHours(-1), default));
        // Filed before the window began: no longer a duplicate.
        Assert.Equal(ReturnFiling.Filed, await Store.FilePaydayReturnAsync(PaydayReturn(3003, "h1"), Now.AddMinutes(1), default));

        Assert.Null(await Store.FindReturnByKeyAsync(3002, default));
        Assert.Equal(2, (await Store.ListPaydayReturnsAsync(EmployerAccount, PayDay, default)).Count);
    }

    [Fact]
    public async Task FilePaydayReturn_SubmissionKeyOfAnother_KeyTaken()
    {
        await Store.FileReturnAsync(Return(March, 3001), default);

        Assert.Equal(ReturnFiling.KeyTaken, await Store.FilePaydayReturnAsync(PaydayReturn(3001), Now.AddHours(-1), default));

        Assert.Empty(await Store.ListPaydayReturnsAsync(EmployerAccount, PayDay, default));
    }

    [Fact]
    public async Task AmendReturnByKey_AsReadLast_AmendedElseNullAndNothingChanged()
    {
        var filed = PaydayReturn(3001);
        await Store.FilePaydayReturnAsync(filed, Now.AddHours(-1), default);

        var once = await Store.AmendReturnByKeyAsync(3001, 0, true, "<formFields/>", "h9", "AMN", Now.AddMinutes(10), default);
        var stale = await Store.AmendReturnByKeyAsync(3001, 0, false, "<formFields><x/></formFields>", "h8", "AMN", Now.AddMinutes(20), default);
        var unknown = await Store.AmendReturnByKeyAsync(3999, 0, false, "<formFields/>", "h8", "AMN", Now.AddMinutes(20), default);

        var expected = filed with { IsNilReturn = true, FormFields = "<formFields/>", PayloadHash = "h9", Status = "AMN", AmendedAt = Now.AddMinutes(10), Amendments = 1 };
        Assert.Equal(expected, once);
        Assert.Null(stale);
        Assert.Null(unknown);
        Assert.Equal(expected, await Store.FindReturnByKeyAsync(3001, default));
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
