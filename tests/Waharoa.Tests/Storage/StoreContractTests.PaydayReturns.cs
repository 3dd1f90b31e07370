using System.Xml.Linq;
using Waharoa.Employment;
using Waharoa.Returns;
using Waharoa.Sandbox;
using Waharoa.Server.Sandbox.Returns;
using Waharoa.Storage;

namespace Waharoa.Tests.Storage;

public abstract partial class StoreContractTests
{
    private const string EmployerAccount = "123041607EMP002";

    private static readonly DateOnly PayDay = new(2026, 3, 10);

    private static FiledReturn PaydayReturn(long submissionKey, string hash = "h1", DateOnly? payDay = null) =>
        new(EmployerAccount, "EI2", March, "EI2", submissionKey, "SUB", IsNilReturn: false, "<formFields><payDayDate>2026-03-10</payDayDate></formFields>", Now, null, 0,
            payDay ?? PayDay, hash, OriginallyFiledAt: Now);

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

    /// <summary>
    /// The ledger change reads an employee's lines and replaces one from what it read (an EI line's tax code): an Update
    /// of that employee arriving in between waits for the return's write, so it is not undone by a copy read before it.
    /// </summary>
    [Fact]
    public async Task FilePaydayReturn_LedgerReplacesFromWhatItRead_AnUpdateMeanwhileIsNotLost()
    {
        var line = Line("l1", "123074610", new(2026, 1, 1));
        await Store.StartEmploymentAsync(line, default);
        Task<EmploymentWrite>? update = null;
        EmploymentWrite? replaced = null;

        // A store whose writes are serial runs the Update after this write whatever happens: there is nothing to wait for.
        var landing = ExpectedShared ? TimeSpan.FromSeconds(1) : TimeSpan.Zero;

        var filed = await Store.FilePaydayReturnAsync(
            PaydayReturn(3001),
            Now.AddHours(-1),
            async (ledger, ct) =>
            {
                var read = Assert.Single(await ledger.ListEmploymentLinesAsync(EmpAccount, "123074610", ct));

                // Another caller's Update, started here and not awaited (this write must not wait on the store), given the
                // time to land if nothing holds it back.
                update = Store.ReplaceEmploymentLineAsync(line with { NameOnEiLine = "Arthur Renamed" }, default);
#pragma warning disable xUnit1031
                update.Wait(landing, ct);
#pragma warning restore xUnit1031
                replaced = await ledger.ReplaceEmploymentLineAsync(read with { TaxCodes = ["SA"] }, ct);
            },
            default);

        Assert.Equal(ReturnFiling.Filed, filed);
        Assert.Equal(EmploymentWrite.Done, replaced);
        Assert.Equal(EmploymentWrite.Done, await update!);
        Assert.Equal("Arthur Renamed", Assert.Single(await Store.ListEmploymentLinesAsync(EmpAccount, default)).NameOnEiLine);
    }

    /// <summary>
    /// Two EI returns of one employer for two pay days (whose writes do not take turns for the pay day), filed at once,
    /// whose lines name the same two employees in opposite orders: each return's ledger
    /// changes take the employees' turns in the order of their IRD numbers, so neither waits on the other for good (on
    /// PostgreSQL, a deadlock would fail one of them). Each write, once it holds its first employee, waits briefly for the
    /// other to hold one too, the moment two writes taking turns in the lines' order would deadlock.
    /// </summary>
    [Fact]
    public async Task FilePaydayReturn_TwoAtOnce_EmployeesInOppositeOrders_BothFiledWithTheirLedgerChanges()
    {
        await Store.StartEmploymentAsync(Line("a", "123074610", new(2026, 1, 1)), default);
        await Store.StartEmploymentAsync(Line("b", "136000128", new(2026, 1, 1)), default);
        var account = new TaxAccount(EmpAccount, EmpAccount[..9], "EMP", null);
        var ledgerUpdate = new EiLedgerUpdate(TimeProvider.System);
        using var firstHolds = new ManualResetEventSlim();
        using var secondHolds = new ManualResetEventSlim();

        // A store whose writes are serial cannot interleave two of them: there is nothing to wait for.
        var meet = ExpectedShared ? TimeSpan.FromSeconds(1) : TimeSpan.Zero;
        Task<ReturnFiling> File(long key, DateOnly payDay, string taxCode, string[] employees, ManualResetEventSlim mine, ManualResetEventSlim theirs) =>
            Store.FilePaydayReturnAsync(
                PaydayReturn(key, "h" + key, payDay),
                Now.AddHours(-1),
                (ledger, ct) => ledgerUpdate.ApplyAsync(
                    new MeetingLedger(ledger, mine, theirs, meet), account, March, [.. employees.Select(ird => EiLine(ird, taxCode))], ct),
                default);

        var filed = await Task.WhenAll(
            Task.Run(() => File(3001, new(2026, 3, 10), "SA", ["136000128", "123074610"], firstHolds, secondHolds)),
            Task.Run(() => File(3002, new(2026, 3, 24), "S", ["123074610", "136000128"], secondHolds, firstHolds)));

        Assert.Equal([ReturnFiling.Filed, ReturnFiling.Filed], filed);
        var codes = (await Store.ListEmploymentLinesAsync(EmpAccount, default)).Select(l => Assert.Single(l.TaxCodes)).ToList();
        Assert.True(codes is ["SA", "SA"] or ["S", "S"], $"each employee's code from the return filed last, got {string.Join(", ", codes)}");
    }

    /// <summary>
    /// Two writes that do take two employees' turns in opposite orders (no write of the service does; a line moved to a
    /// third employee while its write waits can) wait on each other: on PostgreSQL a deadlock, which ends one of them.
    /// That one is undone and run again, so both are filed.
    /// </summary>
    [Fact]
    public async Task FilePaydayReturn_TwoWritesDeadlock_TheOneUndoneRunsAgain_BothFiled()
    {
        using var firstHolds = new ManualResetEventSlim();
        using var secondHolds = new ManualResetEventSlim();
        var meet = ExpectedShared ? TimeSpan.FromSeconds(5) : TimeSpan.Zero;
        var runs = 0;
        Task<ReturnFiling> File(long key, DateOnly payDay, string[] employees, ManualResetEventSlim mine, ManualResetEventSlim theirs) =>
            Store.FilePaydayReturnAsync(
                PaydayReturn(key, "h" + key, payDay),
                Now.AddHours(-1),
                async (ledger, ct) =>
                {
                    Interlocked.Increment(ref runs);
                    var meeting = new MeetingLedger(ledger, mine, theirs, meet);
                    foreach (var employee in employees)
                    {
                        await meeting.ListEmploymentLinesAsync(EmpAccount, employee, ct);
                    }
                },
                default);

        var filed = await Task.WhenAll(
            Task.Run(() => File(3001, new(2026, 3, 10), ["136000128", "123074610"], firstHolds, secondHolds)),
            Task.Run(() => File(3002, new(2026, 3, 24), ["123074610", "136000128"], secondHolds, firstHolds)));

        Assert.Equal([ReturnFiling.Filed, ReturnFiling.Filed], filed);
        Assert.NotNull(await Store.FindReturnByKeyAsync(3001, default));
        Assert.NotNull(await Store.FindReturnByKeyAsync(3002, default));
        // On a shared store one write ran twice: the deadlock happened, and was outlived.
        Assert.Equal(ExpectedShared ? 3 : 2, runs);
    }

    private static XElement EiLine(string ird, string taxCode) =>
        new(EiFiling.Ei + "employeeLine", new XElement(EiFiling.Ei + "irdNumber", ird), new XElement(EiFiling.Ei + "employeeName", "Arthur Actinic"),
            new XElement(EiFiling.Ei + "taxCode", taxCode));

    /// <summary>The ledger of a write that, once it has read its first employee's lines, waits a while for another write to have done so.</summary>
    private sealed class MeetingLedger(IEmploymentLedger inner, ManualResetEventSlim mine, ManualResetEventSlim theirs, TimeSpan meet) : IEmploymentLedger
    {
        public async Task<IReadOnlyList<EmploymentLine>> ListEmploymentLinesAsync(string accountId, string employeeIrd, CancellationToken cancellationToken)
        {
            var lines = await inner.ListEmploymentLinesAsync(accountId, employeeIrd, cancellationToken);
            if (!mine.IsSet)
            {
                mine.Set();
                theirs.Wait(meet, cancellationToken);
            }

            return lines;
        }

        public Task<EmploymentWrite> StartEmploymentAsync(EmploymentLine line, CancellationToken cancellationToken) =>
            inner.StartEmploymentAsync(line, cancellationToken);

        public Task<EmploymentWrite> ReplaceEmploymentLineAsync(EmploymentLine line, CancellationToken cancellationToken) =>
            inner.ReplaceEmploymentLineAsync(line, cancellationToken);

        public Task<EmploymentWrite> FinishEmploymentAsync(string accountId, string lineId, DateOnly finishDate, DateTimeOffset at, CancellationToken cancellationToken) =>
            inner.FinishEmploymentAsync(accountId, lineId, finishDate, at, cancellationToken);
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
