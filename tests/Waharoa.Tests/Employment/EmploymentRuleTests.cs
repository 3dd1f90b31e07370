using Waharoa.Testing;
using static Waharoa.Tests.Employment.EmploymentCalls;

namespace Waharoa.Tests.Employment;

/// <summary>The build pack's rules beyond the template's scenarios: employment lines over time, codes and KiwiSaver fields.</summary>
public sealed class EmploymentRuleTests
{
    private const string Logon = "PaydayEmployer";
    private const string Ird1 = "136000128";

    [Fact]
    public async Task Create_SameEmployeeOverlappingOneLine_Status106_OverlappingSeveral_Status124_AfterTheLast_ANewLine()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EmploymentCalls(host);
        var first = new Employee(Ird1, "First Stint", "2018-01-01") { Finish = "2018-06-30" };
        var second = new Employee(Ird1, "Second Stint", "2019-01-01") { Finish = "2019-06-30" };
        (await calls.SendAsync(Logon, Create(first))).AssertStatus(0);
        (await calls.SendAsync(Logon, Create(second))).AssertStatus(0);

        (await calls.SendAsync(Logon, Create(new Employee(Ird1, "Again", "2019-03-01")))).AssertStatus(106, "A relationship between this account and employee IRD already exists");
        (await calls.SendAsync(Logon, Create(new Employee(Ird1, "Across", "2018-03-01")))).AssertStatus(124, "The StartDate and/or FinishDate overlaps with multiple other records");
        (await calls.SendAsync(Logon, Create(new Employee(Ird1, "Third Stint", "2020-01-01")))).AssertStatus(0);

        var lines = (await calls.SendAsync(Logon, RetrieveList(Ird1))).AssertStatus(0).Employees;
        Assert.Equal(["First Stint", "Second Stint", "Third Stint"], lines.Select(l => EmploymentAnswer.Field(l, "employeeNameOnEILine")));
    }

    [Fact]
    public async Task Create_EmployeesWithoutAnIrdNumber_ToldApartByTheirNameOnEiLines_TheSameNameAgain_Status106()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EmploymentCalls(host);
        var first = new Employee("000000000", "New Starter One") { TaxCodes = ["ND"] };
        var second = new Employee("000000000", "New Starter Two") { TaxCodes = ["ND"] };
        (await calls.SendAsync(Logon, Create(first))).AssertStatus(0);
        (await calls.SendAsync(Logon, Create(second))).AssertStatus(0);

        (await calls.SendAsync(Logon, Create(first with { NameOnEiLine = "NEW STARTER ONE" }))).AssertStatus(106, "A relationship between this account and employee IRD already exists");
        (await calls.SendAsync(Logon, Terminate(second.Key, "2019-12-31"))).AssertStatus(0);

        var lines = (await calls.SendAsync(Logon, RetrieveList("000000000"))).AssertStatus(0).Employees;
        Assert.Equal(
            ["New Starter One:", "New Starter Two:2019-12-31"],
            lines.Select(l => $"{EmploymentAnswer.Field(l, "employeeNameOnEILine")}:{EmploymentAnswer.Field(l, "employmentFinishDate")}").Order());
    }

    [Fact]
    public async Task Terminate_ThenRehire_TwoLinesListed_AndAFinishBeforeTheStart_Status107()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EmploymentCalls(host);
        var employee = new Employee(Ird1, Start: "2018-01-01");
        (await calls.SendAsync(Logon, Create(employee))).AssertStatus(0);

        (await calls.SendAsync(Logon, Terminate(employee.Key, "2017-12-31"))).AssertStatus(107, "The cease date cannot be before the commence date");
        (await calls.SendAsync(Logon, Terminate(employee.Key, "2018-12-31"))).AssertStatus(0);
        (await calls.SendAsync(Logon, Create(employee with { Start = "2019-02-01" }))).AssertStatus(0);

        var lines = (await calls.SendAsync(Logon, RetrieveList(Ird1))).AssertStatus(0).Employees;
        Assert.Equal(["2018-12-31", null], lines.Select(l => EmploymentAnswer.Field(l, "employmentFinishDate")));
    }

    [Fact]
    public async Task UpdateOrTerminate_NoMatchingLine_Status101()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EmploymentCalls(host);
        var employee = new Employee(Ird1, Start: "2018-01-01") { Birth = "1990-01-01" };
        (await calls.SendAsync(Logon, Create(employee))).AssertStatus(0);

        (await calls.SendAsync(Logon, Update(employee.Key with { NameOnEiLine = "Someone Else" }, employee))).AssertStatus(101, "The provided information did not match with any employment relationship");
        (await calls.SendAsync(Logon, Terminate(employee.Key with { Birth = "1991-01-01" }, "2019-01-01"))).AssertStatus(101);
        (await calls.SendAsync(Logon, Terminate(employee.Key with { Birth = "1990-01-01", Start = "2018-01-01" }, "2019-01-01"))).AssertStatus(0);
    }

    [Theory]
    [InlineData("000000000", new[] { "M" }, 141)]
    [InlineData(Ird1, new[] { "M", "ME" }, 109)]
    [InlineData(Ird1, new[] { "ESS" }, 137)]
    [InlineData(Ird1, new[] { "SLCIR" }, 137)]
    [InlineData(Ird1, new[] { "XYZ" }, 108)]
    [InlineData(Ird1, new[] { "SA SL" }, 108)]
    public async Task Create_TaxCodeRules(string ird, string[] taxCodes, int status)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EmploymentCalls(host);

        (await calls.SendAsync(Logon, Create(new Employee(ird) { TaxCodes = taxCodes }))).AssertStatus(status);

        (await calls.SendAsync(Logon, RetrieveList())).AssertStatus(104);
    }

    [Theory]
    [InlineData("XX", "NE", null, null, 130)]
    [InlineData("AK", "EE", "ABC", null, 131)]
    [InlineData(null, "NE", null, null, 146)]
    [InlineData("AK", "EE", null, "2999-01-01", 140)]
    [InlineData("AE", "NE", "BLH", "1990-07-28", 0)]
    public async Task Create_KiwiSaverAndBirthRules(string? status, string? eligibility, string? exempt, string? birth, int code)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EmploymentCalls(host);

        var answer = await calls.SendAsync(Logon, Create(new Employee(Ird1) { KiwiSaverStatus = status, Eligibility = eligibility, ExemptIncome = exempt, Birth = birth }));

        answer.AssertStatus(code);
        (await calls.SendAsync(Logon, RetrieveList())).AssertStatus(code == 0 ? 0 : 104);
    }

    [Theory]
    [InlineData(-60, null, null, 134)]
    [InlineData(-60, "INFO", null, 0)]
    [InlineData(-60, "WHY", null, 132)]
    [InlineData(-60, "OTHR", null, 133)]
    [InlineData(-60, "OTHR", "Was overseas", 0)]
    [InlineData(-5, null, null, 118)]
    [InlineData(-13, null, null, 0)]
    [InlineData(-55, null, null, 0)]
    public async Task Update_OptOutTimingAndLateReasons(int startedDaysAgo, string? reason, string? other, int status)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EmploymentCalls(host);
        var employee = new Employee(Ird1, Start: DaysFromToday(startedDaysAgo));
        (await calls.SendAsync(Logon, Create(employee))).AssertStatus(0);

        var answer = await calls.SendAsync(Logon, Update(employee.Key, employee, new OptOut(true, SignatureDate: DaysFromToday(0)) { LateReason = reason, OtherReason = other }));

        answer.AssertStatus(status);
    }

    [Fact]
    public async Task Update_OptOutOfAnEmploymentStartingInDecember9999_Status118NotAnError()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EmploymentCalls(host);
        var employee = new Employee(Ird1, Start: "9999-12-25");
        (await calls.SendAsync(Logon, Create(employee))).AssertStatus(0);

        var answer = await calls.SendAsync(Logon, Update(employee.Key, employee, new OptOut(true, SignatureDate: DaysFromToday(0))));

        answer.AssertStatus(118);
    }

    [Fact]
    public async Task Update_LateReasonWithoutOptingOut_Status135()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EmploymentCalls(host);
        var employee = new Employee(Ird1, Start: DaysFromToday(-60));
        (await calls.SendAsync(Logon, Create(employee))).AssertStatus(0);

        var answer = await calls.SendAsync(Logon, Update(employee.Key, employee, new OptOut(false, Bank: false, Holder: false) { LateReason = "INFO" }));

        answer.AssertStatus(135, "Opt-Out must be set to true as lateOptOutReason has been provided");
    }

    /// <summary>A line created by mistake is invalidated (validRelationship false): no longer listed, and the employee may be started again.</summary>
    [Fact]
    public async Task Update_InvalidRelationship_LineNoLongerListed()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EmploymentCalls(host);
        var employee = new Employee(Ird1);
        (await calls.SendAsync(Logon, Create(employee))).AssertStatus(0);

        (await calls.SendAsync(Logon, Update(employee.Key, employee, validRelationship: false))).AssertStatus(0);

        (await calls.SendAsync(Logon, RetrieveList())).AssertStatus(104);
        (await calls.SendAsync(Logon, Create(employee))).AssertStatus(0);
    }
}
