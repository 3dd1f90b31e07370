using Waharoa.Testing;
using static Waharoa.Tests.Employment.EmploymentCalls;

namespace Waharoa.Tests.Employment;

/// <summary>
/// Who reaches an employer (the demo employer 123068858): its own logon, a payroll intermediary whose client list links
/// its EMP account, a logon given View access (reads only), a delegate of another employer (refused: status 4); and
/// which account the header names.
/// </summary>
public sealed class EmploymentAccessTests
{
    private const string Ird1 = "136000128";

    [Fact]
    public async Task PayrollIntermediaryWithDelegation_CreatesUpdatesAndLists()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EmploymentCalls(host);
        var employee = new Employee(Ird1);

        (await calls.SendAsync("PaydayIntermediary", Create(employee))).AssertStatus(0);
        (await calls.SendAsync("PaydayIntermediary", Update(employee.Key, employee with { TaxCodes = ["S"] }))).AssertStatus(0);

        var listed = Assert.Single((await calls.SendAsync("PaydayEmployer", RetrieveList())).AssertStatus(0).Employees);
        Assert.Equal(["S"], EmploymentAnswer.TaxCodes(listed));
    }

    [Fact]
    public async Task PayrollBureau_CreatesUpdatesAndTerminates_ButRetrieveListIsRefused_Status4()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EmploymentCalls(host);
        var employee = new Employee(Ird1);

        (await calls.SendAsync("PaydayBureau", Create(employee))).AssertStatus(0);
        (await calls.SendAsync("PaydayBureau", Update(employee.Key, employee with { TaxCodes = ["S"] }))).AssertStatus(0);
        (await calls.SendAsync("PaydayBureau", RetrieveList())).AssertStatus(4, "Unauthorised Delegation");
        (await calls.SendAsync("PaydayBureau", RetrieveList(Ird1))).AssertStatus(4, "Unauthorised Delegation");
        (await calls.SendAsync("PaydayBureau", Terminate(employee.Key, "2020-03-31"))).AssertStatus(0);

        // A PAYE intermediary (PAYCLI) and the employer itself still list.
        Assert.Equal("2020-03-31", EmploymentAnswer.Field(Assert.Single((await calls.SendAsync("PaydayIntermediary", RetrieveList())).AssertStatus(0).Employees), "employmentFinishDate"));
        Assert.Single((await calls.SendAsync("PaydayEmployer", RetrieveList(Ird1))).AssertStatus(0).Employees);
    }

    [Fact]
    public async Task ViewOnlyLogon_ListsButCannotCreateUpdateOrTerminate()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EmploymentCalls(host);
        var employee = new Employee(Ird1);
        (await calls.SendAsync("PaydayEmployer", Create(employee))).AssertStatus(0);

        (await calls.SendAsync("PaydayViewer", Create(new Employee("136000136")))).AssertStatus(4, "Unauthorised Delegation");
        (await calls.SendAsync("PaydayViewer", Update(employee.Key, employee with { TaxCodes = ["S"] }))).AssertStatus(4);
        (await calls.SendAsync("PaydayViewer", Terminate(employee.Key, "2020-01-01"))).AssertStatus(4);
        var listed = Assert.Single((await calls.SendAsync("PaydayViewer", RetrieveList())).AssertStatus(0).Employees);

        Assert.Equal(["M"], EmploymentAnswer.TaxCodes(listed));
        Assert.Null(EmploymentAnswer.Field(listed, "employmentFinishDate"));
    }

    [Fact]
    public async Task DelegateOfAnotherEmployer_RefusedEverything()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EmploymentCalls(host);

        (await calls.SendAsync("PaydayUnauthorised", RetrieveList())).AssertStatus(4, "Unauthorised Delegation");
        (await calls.SendAsync("PaydayUnauthorised", Create(new Employee(Ird1)))).AssertStatus(4);
        (await calls.SendAsync("PaydayUnauthorised", RetrieveList(employer: "123094018"))).AssertStatus(0);
        (await calls.SendAsync(DemoLogon, RetrieveList(employer: "123183711"))).AssertStatus(4);
    }

    /// <summary>An ACC identifier names the account itself; IRD and ACCIRD name the employer, whose open EMP account is meant.</summary>
    [Fact]
    public async Task Identifier_AccNamesTheAccount_IrdTheEmployersOpenAccount()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EmploymentCalls(host);

        (await calls.SendAsync(DemoLogon, Envelope("Create", Payload(Create(new Employee(Ird1)), Header("139580370", "IRD"))))).AssertStatus(0);

        (await calls.SendAsync(DemoLogon, Envelope("RetrieveList", Payload(RetrieveList(), Header("139580370EMP005", "ACC"))))).AssertStatus(104);
        Assert.Single((await calls.SendAsync(DemoLogon, Envelope("RetrieveList", Payload(RetrieveList(), Header("139580370-EMP006", "ACC"))))).AssertStatus(0).Employees);
        Assert.Single((await calls.SendAsync(DemoLogon, Envelope("RetrieveList", Payload(RetrieveList(), Header("139580370", "ACCIRD", "PSO"))))).AssertStatus(0).Employees);
    }

    [Theory]
    [InlineData("GST", 4, "Unauthorised Delegation")]
    [InlineData("ABC", 7, "Account Type not supported")]
    public async Task AccountTypeOtherThanEmpOrPso_Refused(string accountType, int status, string message)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EmploymentCalls(host);

        var answer = await calls.SendAsync(DemoLogon, Envelope("Create", Payload(Create(new Employee(Ird1)), Header(accountType: accountType))));

        answer.AssertStatus(status, message);
        (await calls.SendAsync(DemoLogon, RetrieveList())).AssertStatus(104);
    }

    /// <summary>The payload of <paramref name="request"/> with its header replaced by <paramref name="header"/>.</summary>
    private static System.Xml.Linq.XElement Payload(System.Xml.Linq.XDocument request, System.Xml.Linq.XElement header)
    {
        var payload = request.Descendants(Emp + "header").Single().Parent!;
        payload.Element(Emp + "header")!.ReplaceWith(header);
        return new System.Xml.Linq.XElement(payload);
    }
}
