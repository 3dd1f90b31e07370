using System.Text.Json.Nodes;
using Waharoa.Employment;

namespace Waharoa.Tests.Storage;

public abstract partial class StoreContractTests
{
    private const string EmpAccount = "123041607EMP002";

    private static EmploymentLine Line(string lineId, string employeeIrd, DateOnly? start, DateOnly? finish = null, string accountId = EmpAccount) =>
        new(lineId, accountId, accountId[..9], employeeIrd, "Arthur Actinic", new EmployeeName("Mr", "Arthur", "Actinic", null), ["M"], start, finish,
            new DateOnly(1990, 7, 28), new JsonObject { ["kiwiSaverStatus"] = "AK" }, Valid: true, Now, Now);

    /// <summary>What a line holds, as comparable text (its lists and JSON compare by reference).</summary>
    private static string Shape(EmploymentLine line) =>
        $"{line with { TaxCodes = [], Details = [] }}|{string.Join(' ', line.TaxCodes)}|{line.Details.ToJsonString()}";

    [Fact]
    public async Task StartEmployment_New_RoundTripsEveryFieldAndListsInTheOrderStarted()
    {
        var arthur = Line("a1", "123074610", new(2018, 4, 1)) with
        {
            Name = new EmployeeName(null, "Arthur", null, "Middle"),
            TaxCodes = ["M", "SB", "SASL"],
            DateOfBirth = null,
            Details = JsonNode.Parse("""{"employeeAddress":{"townCity":"Woburn"},"optedOut":true}""")!.AsObject(),
        };
        var rehired = Line("a0", "123074610", new(2016, 1, 1), new(2016, 12, 31)) with { CreatedAt = Now.AddSeconds(1) };
        var noStart = Line("b1", "123094018", null) with { CreatedAt = Now.AddSeconds(2) };
        var elsewhere = Line("c1", "123074610", new(2018, 4, 1), accountId: "123094018EMP002");

        foreach (var line in new[] { arthur, rehired, noStart, elsewhere })
        {
            Assert.Equal(EmploymentWrite.Done, await Store.StartEmploymentAsync(line, default));
        }

        Assert.Equal(new[] { arthur, rehired, noStart }.Select(Shape), (await Store.ListEmploymentLinesAsync(EmpAccount, default)).Select(Shape));
        Assert.Equal(new[] { arthur, rehired }.Select(Shape), (await Store.ListEmploymentLinesAsync(EmpAccount, "123074610", default)).Select(Shape));
        Assert.Equal([Shape(elsewhere)], (await Store.ListEmploymentLinesAsync("123094018EMP002", default)).Select(Shape));
        Assert.Empty(await Store.ListEmploymentLinesAsync("139580370EMP005", default));
    }

    [Fact]
    public async Task StartEmployment_OverlappingOneOrSeveral_RefusedAndNothingStored()
    {
        await Store.StartEmploymentAsync(Line("a1", "123074610", new(2016, 1, 1), new(2016, 12, 31)), default);
        await Store.StartEmploymentAsync(Line("a2", "123074610", new(2018, 1, 1), new(2018, 6, 30)), default);

        Assert.Equal(EmploymentWrite.Overlaps, await Store.StartEmploymentAsync(Line("x1", "123074610", new(2018, 6, 30)), default));
        Assert.Equal(EmploymentWrite.OverlapsSeveral, await Store.StartEmploymentAsync(Line("x2", "123074610", new(2016, 12, 31)), default));
        Assert.Equal(EmploymentWrite.OverlapsSeveral, await Store.StartEmploymentAsync(Line("x3", "123074610", null, new(2020, 1, 1)), default));

        Assert.Equal(["a1", "a2"], (await Store.ListEmploymentLinesAsync(EmpAccount, default)).Select(l => l.LineId));
        Assert.Equal(EmploymentWrite.Done, await Store.StartEmploymentAsync(Line("a3", "123074610", new(2017, 1, 1), new(2017, 12, 31)), default));
        Assert.Equal(EmploymentWrite.Done, await Store.StartEmploymentAsync(Line("a4", "123074610", new(2018, 7, 1)), default));
    }

    [Fact]
    public async Task StartEmployment_WithoutAnIrdNumber_EachNameOnEiLinesItsOwnEmployee()
    {
        var unknown = EmploymentLine.UnknownIrd;
        Assert.Equal(EmploymentWrite.Done, await Store.StartEmploymentAsync(Line("z1", unknown, new(2018, 4, 1)) with { NameOnEiLine = "Ana Tane" }, default));
        Assert.Equal(EmploymentWrite.Done, await Store.StartEmploymentAsync(Line("z2", unknown, new(2018, 4, 1)) with { NameOnEiLine = "Bo Tane" }, default));

        Assert.Equal(EmploymentWrite.Overlaps, await Store.StartEmploymentAsync(Line("z3", unknown, new(2019, 1, 1)) with { NameOnEiLine = "ana tane" }, default));
        // With an IRD number the name does not matter: the number is the employee.
        await Store.StartEmploymentAsync(Line("n1", "123074610", new(2019, 1, 1)) with { NameOnEiLine = "One Name" }, default);
        Assert.Equal(EmploymentWrite.Overlaps, await Store.StartEmploymentAsync(Line("n2", "123074610", new(2019, 1, 1)) with { NameOnEiLine = "Another Name" }, default));
        Assert.Equal(["Ana Tane", "Bo Tane"], (await Store.ListEmploymentLinesAsync(EmpAccount, unknown, default)).Select(l => l.NameOnEiLine));
    }

    [Fact]
    public async Task StartEmployment_SameEmployeeConcurrently_OneStartedTheRestRefused()
    {
        var starts = await ConcurrentlyAsync(8, (store, i) => store.StartEmploymentAsync(Line($"c{i}", "123074610", new(2018, 4, 1)), default));

        Assert.Single(starts, s => s == EmploymentWrite.Done);
        Assert.Equal(7, starts.Count(s => s == EmploymentWrite.Overlaps));
        Assert.Single(await Store.ListEmploymentLinesAsync(EmpAccount, "123074610", default));
    }

    [Fact]
    public async Task ReplaceEmploymentLine_Existing_ReplacesEveryFieldKeepsCreatedAt()
    {
        var first = Line("a1", "000000000", new(2018, 4, 1));
        await Store.StartEmploymentAsync(first, default);
        var replaced = first with
        {
            EmployeeIrd = "123074610",
            TaxCodes = ["SA"],
            Name = new EmployeeName(null, "Art", null, null),
            Details = [],
            CreatedAt = Now.AddDays(9),
            UpdatedAt = Now.AddDays(1),
        };

        Assert.Equal(EmploymentWrite.Done, await Store.ReplaceEmploymentLineAsync(replaced, default));

        Assert.Equal([Shape(replaced with { CreatedAt = Now })], (await Store.ListEmploymentLinesAsync(EmpAccount, "123074610", default)).Select(Shape));
        Assert.Empty(await Store.ListEmploymentLinesAsync(EmpAccount, "000000000", default));
        Assert.Equal(EmploymentWrite.NotFound, await Store.ReplaceEmploymentLineAsync(replaced with { LineId = "nope" }, default));
        Assert.Equal(EmploymentWrite.NotFound, await Store.ReplaceEmploymentLineAsync(replaced with { AccountId = "123094018EMP002" }, default));
    }

    [Fact]
    public async Task ReplaceEmploymentLine_AfterAFinishSinceRead_KeepsTheFinish()
    {
        var line = Line("a1", "123074610", new(2018, 4, 1));
        await Store.StartEmploymentAsync(line, default);
        var readBeforeTerminate = (await Store.ListEmploymentLinesAsync(EmpAccount, "123074610", default)).Single();
        Assert.Equal(EmploymentWrite.Done, await Store.FinishEmploymentAsync(EmpAccount, "a1", new(2018, 9, 30), Now, default));

        Assert.Equal(EmploymentWrite.Done, await Store.ReplaceEmploymentLineAsync(readBeforeTerminate with { TaxCodes = ["S"] }, default));

        var stored = (await Store.ListEmploymentLinesAsync(EmpAccount, "123074610", default)).Single();
        Assert.Equal((new DateOnly(2018, 9, 30), "S"), (stored.FinishDate!.Value, stored.TaxCodes.Single()));
    }

    /// <summary>
    /// Two Updates at once, each moving a line to the other's employee (IRD numbers corrected both ways): each takes both
    /// employees' turns, in one order, so neither waits on the other for ever (PostgreSQL would abort one as deadlocked).
    /// </summary>
    [Fact]
    public async Task ReplaceEmploymentLine_TwoLinesSwappingEmployeesConcurrently_BothAnswered()
    {
        string[] irds = ["123074610", "136000128", "136000136", "136000144", "136000152", "136000160", "136000179", "136000187"];
        for (var round = 0; round < 12; round++)
        {
            var (x, y) = (irds[round % irds.Length], irds[(round + 1) % irds.Length]);
            var onX = Line($"x{round}", x, new(2000 + round, 1, 1), new(2000 + round, 6, 30));
            var onY = Line($"y{round}", y, new(2000 + round, 7, 1), new(2000 + round, 12, 31));
            await Store.StartEmploymentAsync(onX, default);
            await Store.StartEmploymentAsync(onY, default);

            var moves = await ConcurrentlyAsync(2, (store, i) => store.ReplaceEmploymentLineAsync(i == 0 ? onX with { EmployeeIrd = y } : onY with { EmployeeIrd = x }, default));

            Assert.All(moves, m => Assert.Equal(EmploymentWrite.Done, m));
        }
    }

    /// <summary>
    /// A Terminate made on another connection and committed while an Update waits for the employee's turn: the Update,
    /// which carries no finish date, keeps the finish it finds once its turn comes.
    /// </summary>
    [Fact]
    public async Task ReplaceEmploymentLine_ATerminateCommittedWhileItWaits_KeepsThatFinish()
    {
        var line = Line("a1", "123074610", new(2018, 4, 1));
        await Store.StartEmploymentAsync(line, default);
        var terminate = await BeginUncommittedAsync(
            $"""
            INSERT INTO employment_writers (account_id, employee_ird, writes) VALUES ('{EmpAccount}', '123074610', 1)
                ON CONFLICT (account_id, employee_ird) DO UPDATE SET writes = employment_writers.writes + 1;
            UPDATE employment_lines SET finish_date = '2019-03-31' WHERE line_id = 'a1'
            """);

        var update = Store.ReplaceEmploymentLineAsync(line with { TaxCodes = ["S"] }, default);
        await Task.WhenAny(update, Task.Delay(TimeSpan.FromSeconds(1)));
        await terminate.DisposeAsync();

        Assert.Equal(EmploymentWrite.Done, await update);
        var stored = Assert.Single(await Store.ListEmploymentLinesAsync(EmpAccount, default));
        Assert.Equal(["S"], stored.TaxCodes);
        Assert.Equal(new DateOnly(2019, 3, 31), stored.FinishDate);
    }

    /// <summary>
    /// A Terminate whose line an Update moves to another employee while it waits: the later finish is checked against
    /// that employee's lines, where it now belongs, not the first employee's.
    /// </summary>
    [Fact]
    public async Task FinishEmployment_TheLineMovedToAnotherEmployeeWhileItWaits_CheckedAgainstThatEmployeesLines()
    {
        await Store.StartEmploymentAsync(Line("a1", "123074610", new(2018, 4, 1), new(2019, 3, 31)), default);
        await Store.StartEmploymentAsync(Line("b1", "136000128", new(2020, 1, 1)), default);
        var move = await BeginUncommittedAsync(
            $"""
            INSERT INTO employment_writers (account_id, employee_ird, writes) VALUES ('{EmpAccount}', '123074610', 1)
                ON CONFLICT (account_id, employee_ird) DO UPDATE SET writes = employment_writers.writes + 1;
            INSERT INTO employment_writers (account_id, employee_ird, writes) VALUES ('{EmpAccount}', '136000128', 1)
                ON CONFLICT (account_id, employee_ird) DO UPDATE SET writes = employment_writers.writes + 1;
            UPDATE employment_lines SET employee_ird = '136000128' WHERE line_id = 'a1'
            """);

        var finish = Store.FinishEmploymentAsync(EmpAccount, "a1", new(2020, 6, 30), Now, default);
        await Task.WhenAny(finish, Task.Delay(TimeSpan.FromSeconds(1)));
        await move.DisposeAsync();

        Assert.Equal(EmploymentWrite.Overlaps, await finish);
        var moved = Assert.Single(await Store.ListEmploymentLinesAsync(EmpAccount, default), l => l.LineId == "a1");
        Assert.Equal(("136000128", (DateOnly?)new DateOnly(2019, 3, 31)), (moved.EmployeeIrd, moved.FinishDate));
    }

    [Fact]
    public async Task ReplaceEmploymentLine_OntoAnotherLine_RefusedUnlessInvalidated()
    {
        await Store.StartEmploymentAsync(Line("a1", "123074610", new(2016, 1, 1), new(2016, 12, 31)), default);
        var later = Line("a2", "123074610", new(2018, 1, 1));
        await Store.StartEmploymentAsync(later, default);

        Assert.Equal(EmploymentWrite.Overlaps, await Store.ReplaceEmploymentLineAsync(later with { StartDate = new(2016, 6, 1), TaxCodes = ["S"] }, default));
        Assert.Equal(["M"], (await Store.ListEmploymentLinesAsync(EmpAccount, default))[1].TaxCodes);

        Assert.Equal(EmploymentWrite.Done, await Store.ReplaceEmploymentLineAsync(later with { Valid = false }, default));
        Assert.Equal(EmploymentWrite.Done, await Store.StartEmploymentAsync(Line("a3", "123074610", new(2018, 1, 1)), default));
        Assert.Equal([true, false, true], (await Store.ListEmploymentLinesAsync(EmpAccount, default)).Select(l => l.Valid));
    }

    [Fact]
    public async Task FinishEmployment_Existing_SetsFinishUnlessItReachesTheNextLine()
    {
        await Store.StartEmploymentAsync(Line("a1", "123074610", new(2016, 1, 1), new(2016, 12, 31)), default);
        await Store.StartEmploymentAsync(Line("a2", "123074610", new(2018, 1, 1)), default);

        Assert.Equal(EmploymentWrite.Done, await Store.FinishEmploymentAsync(EmpAccount, "a2", new(2018, 3, 31), Now.AddDays(2), default));
        Assert.Equal(EmploymentWrite.Overlaps, await Store.FinishEmploymentAsync(EmpAccount, "a1", new(2018, 1, 1), Now.AddDays(3), default));
        Assert.Equal(EmploymentWrite.NotFound, await Store.FinishEmploymentAsync("123094018EMP002", "a1", new(2017, 1, 1), Now, default));

        var lines = await Store.ListEmploymentLinesAsync(EmpAccount, default);
        Assert.Equal([new DateOnly(2016, 12, 31), new DateOnly(2018, 3, 31)], lines.Select(l => l.FinishDate!.Value));
        Assert.Equal(Now.AddDays(2), lines[1].UpdatedAt);
        Assert.True(lines[1].IsFinishedBy(new(2018, 4, 1)));
        Assert.False(lines[1].IsEmployedOn(new(2018, 4, 1)));
        Assert.True(lines[1].IsEmployedOn(new(2018, 3, 31)));
    }

    [Fact]
    public async Task PutEmploymentLine_AddsThenReplacesAsGiven()
    {
        var seeded = Line("seed-1", "123074610", new(2018, 4, 1));
        await Store.PutEmploymentLineAsync(seeded, default);
        await Store.PutEmploymentLineAsync(seeded with { TaxCodes = ["ME"], FinishDate = new(2019, 1, 1) }, default);
        await Store.PutEmploymentLineAsync(Line("seed-2", "123074610", new(2018, 5, 1)), default);

        Assert.Equal(
            [Shape(seeded with { TaxCodes = ["ME"], FinishDate = new(2019, 1, 1) }), Shape(Line("seed-2", "123074610", new(2018, 5, 1)))],
            (await Store.ListEmploymentLinesAsync(EmpAccount, default)).Select(Shape));
    }

    [Fact]
    public async Task PutEmployerEvent_ListedInTheOrderPut_ReplacedByItsId()
    {
        EmployerEvent Event(long id, string type, string created) => new(
            EmpAccount, id, type, "139352599", DateTime.Parse(created, System.Globalization.CultureInfo.InvariantCulture),
            new JsonObject { ["eventID"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["type"] = type, ["created"] = created });
        await Store.PutEmployerEventAsync(Event(31013705582467, "STRTNNR", "2021-02-07T18:06:00"), default);
        await Store.PutEmployerEventAsync(Event(943812608, "KSECNOTR", "2020-11-01T18:05:00"), default);
        await Store.PutEmployerEventAsync(Event(943812608, "KSECNOTC", "2020-07-05T00:00:00") with { AccountId = "139494210EMP002" }, default);
        await Store.PutEmployerEventAsync(Event(31013705582467, "STRTNNR", "2021-02-08T18:06:00"), default);

        var events = await Store.ListEmployerEventsAsync(EmpAccount, default);

        Assert.Equal([31013705582467L, 943812608L], events.Select(e => e.EventId));
        Assert.Equal(new DateTime(2021, 2, 8, 18, 6, 0), events[0].Created);
        Assert.Equal("""{"eventID":"31013705582467","type":"STRTNNR","created":"2021-02-08T18:06:00"}""", events[0].Fields.ToJsonString());
        Assert.Equal(("KSECNOTC", "139352599"), (Assert.Single(await Store.ListEmployerEventsAsync("139494210EMP002", default)).Type, events[1].EmployeeIrd));
    }
}
