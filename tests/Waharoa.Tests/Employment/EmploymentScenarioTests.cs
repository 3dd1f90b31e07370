using System.Xml.Linq;
using Microsoft.Extensions.Time.Testing;
using Waharoa.Testing;
using Waharoa.Tests.Intermediation;
using static Waharoa.Tests.Employment.EmploymentCalls;

namespace Waharoa.Tests.Employment;

/// <summary>
/// IR's test report template "Payday Filing ED v2 (Including Tax Code Changes)", one test per scenario ID (ES001–ES060 and
/// ES_V2_001–ES_V2_008; where an ES_V2 scenario repeats an ES one both run), through the gateway with a real DSP client
/// against the demo data. The employer is 123068858 acting through its own logon PaydayEmployer; a scenario's
/// employee is started through Create first where it needs one. ES001, ES018 and ES042 (an invalid software platform)
/// run as a DSP client IR onboarded with one software platform value, sending another.
/// </summary>
public sealed class EmploymentScenarioTests
{
    private const string EmployerLogon = "PaydayEmployer";
    private const string OtherEmployer = "123094018";

    // Employees with valid IRD numbers, none of them 123068858's in the demo data.
    private const string Ird1 = "136000128";
    private const string Ird2 = "136000136";

    private static readonly DateOnly Today = NewZealandToday();

    // ---- Create ----

    /// <summary>
    /// A DSP onboarded with one software platform value sends another: status 5 "Unauthorised vendor" (the build pack's
    /// code table; the template's wording for ES001 is only "an error message"), and the employee is not created.
    /// </summary>
    [Fact]
    public async Task ES001_CreateWithAnInvalidSoftwarePlatform_UnauthorisedVendor()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = await OnboardedAsync(host);

        var answer = await calls.SendAsync(EmployerLogon, WithPlatform(Create(new Employee(Ird1)), NotOnboarded));

        answer.AssertStatus(5, "Unauthorised vendor");
        (await calls.SendAsync(EmployerLogon, WithPlatform(RetrieveList(), Onboarded))).AssertStatus(104);
    }

    [Fact]
    public async Task Create_WithTheSoftwarePlatformIrOnboardedTheDspWith_Success()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = await OnboardedAsync(host);

        var answer = await calls.SendAsync(EmployerLogon, WithPlatform(Create(new Employee(Ird1)), Onboarded));

        answer.AssertStatus(0, string.Empty);
        Assert.Single((await calls.SendAsync(EmployerLogon, WithPlatform(RetrieveList(Ird1), Onboarded))).AssertStatus(0).Employees);
    }

    [Fact]
    public async Task Create_SoftwarePlatformDifferingOnlyInCase_UnauthorisedVendor()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = await OnboardedAsync(host);

        var answer = await calls.SendAsync(EmployerLogon, WithPlatform(Create(new Employee(Ird1)), Onboarded.ToUpperInvariant()));

        answer.AssertStatus(5, "Unauthorised vendor");
    }

    [Fact]
    public Task ES002_CreateWithAnInvalidToken_AuthenticationFailure() => InvalidTokenAsync(Create(new Employee(Ird1)));

    [Fact]
    public Task ES003_CreateForAnotherEmployersIrd_UnauthorisedDelegation() =>
        RefusedAsync(EmployerLogon, Create(new Employee(Ird1), employer: OtherEmployer), 4, "Unauthorised Delegation");

    [Fact]
    public Task ES004_CreateOptingInWithAPastStart_Success() => CreatedAsync(OptingIn(Ird1, Today.AddDays(-30)));

    [Fact]
    public Task ES005_CreateOptingInStartingToday_Success() => CreatedAsync(OptingIn(Ird1, Today));

    [Fact]
    public Task ES006_CreateOptingInWithAFutureStart_Success() => CreatedAsync(OptingIn(Ird1, Today.AddDays(30)));

    [Fact]
    public Task ES007_CreateOptingInWithAWrongKiwiSaverEligibility_Status136() =>
        RefusedAsync(EmployerLogon, Create(OptingIn(Ird1, Today) with { Eligibility = "XX" }), 136, "The provided employee KiwiSaver Eligibility status was invalid");

    [Fact]
    public Task ES008_CreateOptingInWithoutKiwiSaverEligibility_Status122() =>
        RefusedAsync(EmployerLogon, Create(OptingIn(Ird1, Today) with { Eligibility = null }), 122);

    [Fact]
    public Task ES009_CreateOptingOutWithAPastStart_Success() => CreatedAsync(OptingOut(Ird1, Today.AddDays(-30)));

    [Fact]
    public Task ES010_CreateOptingOutStartingToday_Success() => CreatedAsync(OptingOut(Ird1, Today));

    [Fact]
    public Task ES011_CreateOptingOutWithAFutureStart_Success() => CreatedAsync(OptingOut(Ird1, Today.AddDays(30)));

    [Fact]
    public Task ES012_CreateOptingOutWithAWrongKiwiSaverEligibility_Status136() =>
        RefusedAsync(EmployerLogon, Create(OptingOut(Ird1, Today) with { Eligibility = "ZZ" }), 136);

    [Fact]
    public Task ES013_CreateOptingOutWithAWrongEmployeeIrd_Status121() =>
        RefusedAsync(EmployerLogon, Create(OptingOut("136000129", Today)), 121, "The provided employee IRD number is not valid");

    [Fact]
    public Task ES014_CreateWithoutEmployeeIrd_FailedValidation() => InvalidAsync(Create(new Employee(string.Empty)));

    [Fact]
    public Task ES015_CreateWithoutFirstName_FailedValidation() => InvalidAsync(Create(new Employee(Ird1) { First = string.Empty }));

    [Fact]
    public Task ES016_CreateWithAnEmptyKiwiSaverStatus_FailedValidation() => InvalidAsync(Create(OptingIn(Ird1, Today) with { KiwiSaverStatus = string.Empty }));

    [Fact]
    public Task ES017_CreateWithoutTaxCodes_FailedValidation() => InvalidAsync(Create(new Employee(Ird1) { TaxCodes = [] }));

    // ---- Update ----

    /// <summary>
    /// An update from software IR did not onboard: the template expects an "Authorisation Failure" message, but IR's build
    /// pack gives an unknown vendor status 5 "Unauthorised vendor", which is what is answered; the line is unchanged.
    /// </summary>
    [Fact]
    public Task ES018_UpdateWithAnInvalidSoftwarePlatform_UnauthorisedVendor() => PlatformRefusedAsync(
        employee => Update(employee.Key, employee with { Surname = "Changed", TaxCodes = ["S"] }),
        listed =>
        {
            Assert.Equal(["M"], EmploymentAnswer.TaxCodes(listed));
            Assert.Equal("Employee", listed.Element(Emp + "employeeName")!.Element(Emp + "nameSurname")!.Value);
        });

    [Fact]
    public Task ES019_UpdateOptingInWithAPastStart_Success() => UpdatedAsync(e => e with { Start = Text(Today.AddDays(-20)), Eligibility = "EE" }, new OptOut(false, Bank: false, Holder: false));

    [Fact]
    public Task ES020_UpdateOptingInStartingToday_Success() => UpdatedAsync(e => e with { Start = Text(Today), Eligibility = "EE" }, new OptOut(false, Bank: false, Holder: false));

    [Fact]
    public Task ES021_UpdateOptingInWithAFutureStart_Success() => UpdatedAsync(e => e with { Start = Text(Today.AddDays(20)), Eligibility = "EE" }, new OptOut(false, Bank: false, Holder: false));

    [Fact]
    public Task ES022_UpdateWithTheSameTaxCode_Success() => UpdatedAsync(e => e with { Surname = "Same Tax Code" });

    [Fact]
    public Task ES023_UpdateStayingOptedInWithAnAccountHolderName_Status116() =>
        UpdateRefusedAsync(e => e, new OptOut(false, Bank: false, Holder: true), 116, "Opting In for KiwiSaver expects Bank Account Holder to be omitted");

    [Fact]
    public Task ES024_UpdateStayingOptedInWithABankAccount_Status115() =>
        UpdateRefusedAsync(e => e, new OptOut(false, Bank: true, Holder: false), 115, "Opting In for KiwiSaver expects Bank Account to be omitted");

    [Fact]
    public Task ES025_UpdateStayingOptedInWithAnOptOutDate_Status117() =>
        UpdateRefusedAsync(e => e, new OptOut(false, Bank: false, Holder: false, SignatureDate: Text(Today)), 117, "Opting In for KiwiSaver expects the Opted Out Signature Date to be omitted");

    [Fact]
    public Task ES026_UpdateRemainingOptedOut_Success() => UpdatedAsync(e => e, OptedOutNow());

    [Fact]
    public async Task ES027_UpdateTheIrdOfAnEmployeeCreatedWithZeros_SuccessAndListedUnderTheNewIrd()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EmploymentCalls(host);
        var zero = new Employee("000000000") { TaxCodes = ["ND"] };
        (await calls.SendAsync(EmployerLogon, Create(zero))).AssertStatus(0);

        var answer = await calls.SendAsync(EmployerLogon, Update(zero.Key, zero with { Ird = Ird1, TaxCodes = ["M"] }));

        answer.AssertStatus(0);
        Assert.Equal(["M"], EmploymentAnswer.TaxCodes(Assert.Single((await calls.SendAsync(EmployerLogon, RetrieveList(Ird1))).AssertStatus(0).Employees)));
        (await calls.SendAsync(EmployerLogon, RetrieveList("000000000"))).AssertStatus(104);
    }

    [Fact]
    public Task ES028_UpdateForAnotherEmployersIrd_UnauthorisedDelegation() =>
        RefusedAsync(EmployerLogon, Update(new EmployeeKey("123018575", "Montgomery Burn"), new Employee("123018575", "Montgomery Burn"), employer: OtherEmployer), 4, "Unauthorised Delegation");

    [Fact]
    public Task ES029_UpdateAnExistingEmployeeOptingIn_Success() => UpdatedAsync(e => e with { Eligibility = "EE" });

    [Fact]
    public Task ES030_UpdateOptingOutWithKiwiSaverEligibility_Status110() =>
        UpdateRefusedAsync(e => e with { Eligibility = "EE" }, OptedOutNow(), 110, "KiwiSaver Eligibility should be omitted when Opting Out");

    [Fact]
    public Task ES031_UpdateOptingOutWithoutASignatureDate_Status113() =>
        UpdateRefusedAsync(e => e, OptedOutNow() with { SignatureDate = null }, 113);

    [Fact]
    public Task ES032_UpdateOptingOutWithAHolderNameButNoBankAccount_Status111() =>
        UpdateRefusedAsync(e => e, OptedOutNow() with { Bank = false }, 111, "A Bank Account is required when a Bank Account Holder Name is provided");

    [Fact]
    public Task ES033_UpdateWithNewEmployeeEligibility_Success() => UpdatedAsync(e => e with { Eligibility = "NE" });

    [Fact]
    public async Task ES034_UpdateOptingOutAnEmployeeAlreadyOptedOut_Success()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EmploymentCalls(host);
        var employee = await StartedAsync(calls, new Employee(Ird1, Start: Text(Today.AddDays(-20))));
        (await calls.SendAsync(EmployerLogon, Update(employee.Key, employee, OptedOutNow()))).AssertStatus(0);

        (await calls.SendAsync(EmployerLogon, Update(employee.Key, employee, OptedOutNow()))).AssertStatus(0);
    }

    [Fact]
    public async Task ES035_UpdateOptingInAnEmployeeAlreadyOptedIn_Success()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EmploymentCalls(host);
        var employee = await StartedAsync(calls, OptingIn(Ird1, Today.AddDays(-20)));
        var update = employee with { Eligibility = "EE", KiwiSaverStatus = null };
        (await calls.SendAsync(EmployerLogon, Update(employee.Key, update, new OptOut(false, Bank: false, Holder: false)))).AssertStatus(0);

        (await calls.SendAsync(EmployerLogon, Update(employee.Key, update, new OptOut(false, Bank: false, Holder: false)))).AssertStatus(0);
    }

    [Fact]
    public Task ES036_UpdateOptingOutWithAWrongEmployeeIrd_FailedValidation() =>
        InvalidAsync(Update(new EmployeeKey(Ird1, "Test Employee"), new Employee("13600012"), OptedOutNow()));

    [Fact]
    public Task ES037_UpdateWithoutEmployeeIrd_FailedValidation() => InvalidAsync(Update(new EmployeeKey(Ird1, "Test Employee"), new Employee(string.Empty)));

    [Fact]
    public Task ES038_UpdateWithAnEmptyTitle_FailedValidation() => InvalidAsync(Update(new EmployeeKey(Ird1, "Test Employee"), new Employee(Ird1) { Title = string.Empty }));

    [Fact]
    public Task ES039_UpdateWithoutFirstName_FailedValidation() => InvalidAsync(Update(new EmployeeKey(Ird1, "Test Employee"), new Employee(Ird1) { First = string.Empty }));

    [Fact]
    public Task ES040_UpdateWithAnEmptyLastName_FailedValidation() => InvalidAsync(Update(new EmployeeKey(Ird1, "Test Employee"), new Employee(Ird1) { Surname = string.Empty }));

    [Fact]
    public Task ES041_UpdateWithoutTaxCodes_FailedValidation() => InvalidAsync(Update(new EmployeeKey(Ird1, "Test Employee"), new Employee(Ird1) { TaxCodes = [] }));

    // ---- Terminate ----

    /// <summary>
    /// A termination naming a software platform IR did not onboard: the template expects an "Authentication Failure"
    /// message, but IR's build pack gives an unknown vendor status 5 "Unauthorised vendor", which is what is answered;
    /// the employment is not finished.
    /// </summary>
    [Fact]
    public Task ES042_TerminateWithAnInvalidSoftwarePlatform_UnauthorisedVendor() => PlatformRefusedAsync(
        employee => Terminate(employee.Key, Text(Today)),
        listed => Assert.Null(EmploymentAnswer.Field(listed, "employmentFinishDate")));

    [Fact]
    public Task ES043_TerminateWithAPastDate_SuccessAndListedFinished() => TerminatedAsync(new Employee(Ird1), Today.AddDays(-1));

    [Fact]
    public Task ES044_TerminateToday_SuccessAndListedFinished() => TerminatedAsync(new Employee(Ird1), Today);

    [Fact]
    public Task ES045_TerminateWithAFutureDate_SuccessAndListedFinished() => TerminatedAsync(new Employee(Ird1), Today.AddDays(14));

    [Fact]
    public Task ES046_TerminateWithAnIncorrectEmployeeIrd_FailedValidation() => InvalidAsync(Terminate(new EmployeeKey("1360001281", "Test Employee"), Text(Today)));

    [Fact]
    public Task ES047_TerminateWithoutEmployeeIrd_FailedValidation() => InvalidAsync(Terminate(new EmployeeKey(string.Empty, "Test Employee"), Text(Today)));

    [Fact]
    public Task ES048_TerminateWithoutFinishDate_FailedValidation() => InvalidAsync(Terminate(new EmployeeKey(Ird1, "Test Employee"), string.Empty));

    // ---- RetrieveList ----

    [Fact]
    public async Task ES049_RetrieveOneEmployee_OnlyTheirLines()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EmploymentCalls(host);
        await StartedAsync(calls, new Employee(Ird1, "First Employee"));
        await StartedAsync(calls, new Employee(Ird2, "Second Employee"));

        var answer = (await calls.SendAsync(EmployerLogon, RetrieveList(Ird2))).AssertStatus(0);

        Assert.Equal("Second Employee", EmploymentAnswer.Field(Assert.Single(answer.Employees), "employeeNameOnEILine"));
    }

    [Fact]
    public async Task ES050_RetrieveWithoutAnEmployee_EveryEmployeeInTheOrderStarted()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EmploymentCalls(host);
        await StartedAsync(calls, new Employee(Ird2, "Second Employee"));
        await StartedAsync(calls, new Employee(Ird1, "First Employee"));

        var answer = (await calls.SendAsync(EmployerLogon, RetrieveList())).AssertStatus(0);

        Assert.Equal([Ird2, Ird1], answer.Employees.Select(e => EmploymentAnswer.Field(e, "employeeIRD")));
    }

    [Fact]
    public async Task ES051_RetrieveAnEmployeeNotEmployed_Status104()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EmploymentCalls(host);
        await StartedAsync(calls, new Employee(Ird1));

        var answer = await calls.SendAsync(EmployerLogon, RetrieveList(Ird2));

        answer.AssertStatus(104, "The specified account has no employees");
        Assert.Empty(answer.Employees);
    }

    // ---- 2021 tax codes (ES052–ES060, repeated as ES_V2_001–ES_V2_008) ----

    [Fact]
    public Task ES052_CreateWithTaxCodeSA_Success() => CreatedAsync(new Employee(Ird1) { TaxCodes = ["SA"] });

    [Fact]
    public Task ES053_CreateWithTaxCodeSASL_Success() => CreatedAsync(new Employee(Ird1) { TaxCodes = ["SASL"] });

    [Fact]
    public Task ES054_UpdateToTaxCodeSA_Success() => UpdatedAsync(e => e with { TaxCodes = ["SA"] });

    [Fact]
    public Task ES055_UpdateToTaxCodeSASL_Success() => UpdatedAsync(e => e with { TaxCodes = ["SASL"] });

    [Fact]
    public Task ES057_TerminateAnEmployeeWithTaxCodeSA_Success() => TerminatedAsync(new Employee(Ird1) { TaxCodes = ["SA"] }, Today);

    [Fact]
    public Task ES058_TerminateAnEmployeeWithTaxCodeSASL_Success() => TerminatedAsync(new Employee(Ird1) { TaxCodes = ["SASL"] }, Today);

    [Fact]
    public Task ES059_RetrieveEmployeesWithTaxCodeSA_Listed() => RetrievedWithTaxCodeAsync("SA");

    [Fact]
    public Task ES060_RetrieveEmployeesWithTaxCodeSASL_Listed() => RetrievedWithTaxCodeAsync("SASL");

    [Fact]
    public Task ES_V2_001_CreateWithTaxCodeSA_Success() => CreatedAsync(new Employee(Ird2) { TaxCodes = ["SA"] });

    [Fact]
    public Task ES_V2_002_CreateWithTaxCodeSASL_Success() => CreatedAsync(new Employee(Ird2) { TaxCodes = ["SASL"] });

    [Fact]
    public Task ES_V2_003_UpdateToTaxCodeSA_Success() => UpdatedAsync(e => e with { TaxCodes = ["SA"] }, original: new Employee(Ird2) { TaxCodes = ["S"] });

    [Fact]
    public Task ES_V2_004_UpdateToTaxCodeSASL_Success() => UpdatedAsync(e => e with { TaxCodes = ["SASL"] }, original: new Employee(Ird2) { TaxCodes = ["ME"] });

    [Fact]
    public Task ES_V2_005_TerminateAnEmployeeWithTaxCodeSA_Success() => TerminatedAsync(new Employee(Ird2) { TaxCodes = ["SA"] }, Today.AddDays(-3));

    [Fact]
    public Task ES_V2_006_TerminateAnEmployeeWithTaxCodeSASL_Success() => TerminatedAsync(new Employee(Ird2) { TaxCodes = ["SASL"] }, Today.AddDays(-3));

    [Fact]
    public Task ES_V2_007_RetrieveEmployeesWithTaxCodeSA_Listed() => RetrievedWithTaxCodeAsync("SA", Ird2);

    [Fact]
    public Task ES_V2_008_RetrieveEmployeesWithTaxCodeSASL_Listed() => RetrievedWithTaxCodeAsync("SASL", Ird2);

    // ---- helpers ----

    private const string Onboarded = "OnboardedPayroll";
    private const string NotOnboarded = "NotOnboarded";

    /// <summary>Calls as a DSP client IR onboarded with the software platform value <see cref="Onboarded"/> only.</summary>
    private static async Task<EmploymentCalls> OnboardedAsync(WaharoaTestHost host) =>
        new(host, await IntermediationCalls.AsOnboardedDspAsync(host, "Onboarded_Payroll", Onboarded));

    /// <summary>
    /// An employee started 20 days ago by the onboarded DSP; <paramref name="request"/> for them naming a platform IR did
    /// not onboard it with: status 5 "Unauthorised vendor", and their line, listed, passes <paramref name="unchanged"/>.
    /// </summary>
    private static async Task PlatformRefusedAsync(Func<Employee, XDocument> request, Action<XElement> unchanged)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = await OnboardedAsync(host);
        var employee = new Employee(Ird1, Start: Text(Today.AddDays(-20)));
        (await calls.SendAsync(EmployerLogon, WithPlatform(Create(employee), Onboarded))).AssertStatus(0);

        var answer = await calls.SendAsync(EmployerLogon, WithPlatform(request(employee), NotOnboarded));

        answer.AssertStatus(5, "Unauthorised vendor");
        unchanged(Assert.Single((await calls.SendAsync(EmployerLogon, WithPlatform(RetrieveList(Ird1), Onboarded))).AssertStatus(0).Employees));
    }

    private static XDocument WithPlatform(XDocument request, string platform)
    {
        request.Descendants(Cmn + "softwarePlatform").Single().Value = platform;
        return request;
    }

    private static Employee OptingIn(string ird, DateOnly start) => new(ird, Start: Text(start)) { KiwiSaverStatus = "OK", Eligibility = "NE" };

    private static Employee OptingOut(string ird, DateOnly start) => new(ird, Start: Text(start)) { KiwiSaverStatus = "AE", Eligibility = "NE" };

    /// <summary>A KS10 signed today, by an employee who started 20 days ago (between the 14th and the 56th day).</summary>
    private static OptOut OptedOutNow() => new(true, Bank: true, Holder: true, SignatureDate: Text(Today));

    /// <summary>Creates <paramref name="employee"/> and checks it succeeded.</summary>
    private static async Task<Employee> StartedAsync(EmploymentCalls calls, Employee employee)
    {
        (await calls.SendAsync(EmployerLogon, Create(employee))).AssertStatus(0);
        return employee;
    }

    /// <summary>Create succeeds, and RetrieveList then lists the employee as created.</summary>
    private static async Task CreatedAsync(Employee employee)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EmploymentCalls(host);

        var answer = await calls.SendAsync(EmployerLogon, Create(employee));

        answer.AssertStatus(0, string.Empty);
        var listed = Assert.Single((await calls.SendAsync(EmployerLogon, RetrieveList(employee.Ird))).AssertStatus(0).Employees);
        Assert.Equal(employee.TaxCodes, EmploymentAnswer.TaxCodes(listed));
        Assert.Equal(employee.Start, EmploymentAnswer.Field(listed, "employmentStartDate"));
    }

    /// <summary>
    /// An employee started 20 days ago is updated with <paramref name="change"/> (and <paramref name="optOut"/>'s fields):
    /// success, and RetrieveList shows the change.
    /// </summary>
    private static async Task UpdatedAsync(Func<Employee, Employee> change, OptOut? optOut = null, Employee? original = null)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EmploymentCalls(host);
        var employee = await StartedAsync(calls, original ?? new Employee(Ird1, Start: Text(Today.AddDays(-20))) { TaxCodes = ["ME"] });
        var changed = change(employee);

        var answer = await calls.SendAsync(EmployerLogon, Update(employee.Key, changed, optOut));

        answer.AssertStatus(0, string.Empty);
        var listed = Assert.Single((await calls.SendAsync(EmployerLogon, RetrieveList(employee.Ird))).AssertStatus(0).Employees);
        Assert.Equal(changed.TaxCodes, EmploymentAnswer.TaxCodes(listed));
        Assert.Equal(changed.Start, EmploymentAnswer.Field(listed, "employmentStartDate"));
        Assert.Equal(changed.Surname, listed.Element(Emp + "employeeName")!.Element(Emp + "nameSurname")?.Value);
    }

    /// <summary>An employee started 20 days ago, updated with <paramref name="change"/>: refused, and the line is as it was.</summary>
    private static async Task UpdateRefusedAsync(Func<Employee, Employee> change, OptOut optOut, int status, string? message = null)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EmploymentCalls(host);
        var employee = await StartedAsync(calls, new Employee(Ird1, Start: Text(Today.AddDays(-20))));

        var answer = await calls.SendAsync(EmployerLogon, Update(employee.Key, change(employee) with { Surname = "Changed", TaxCodes = ["S"] }, optOut));

        answer.AssertStatus(status, message);
        var listed = Assert.Single((await calls.SendAsync(EmployerLogon, RetrieveList(employee.Ird))).Employees);
        Assert.Equal(["M"], EmploymentAnswer.TaxCodes(listed));
        Assert.Equal("Employee", listed.Element(Emp + "employeeName")!.Element(Emp + "nameSurname")!.Value);
    }

    private static async Task TerminatedAsync(Employee employee, DateOnly finish)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EmploymentCalls(host);
        employee = await StartedAsync(calls, employee with { Start = Text(Today.AddDays(-60)) });

        var answer = await calls.SendAsync(EmployerLogon, Terminate(employee.Key, Text(finish)));

        answer.AssertStatus(0, string.Empty);
        var listed = Assert.Single((await calls.SendAsync(EmployerLogon, RetrieveList(employee.Ird))).Employees);
        Assert.Equal(Text(finish), EmploymentAnswer.Field(listed, "employmentFinishDate"));
    }

    private static async Task RetrievedWithTaxCodeAsync(string taxCode, string ird = Ird1)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EmploymentCalls(host);
        var created = await StartedAsync(calls, new Employee(ird, "Created With " + taxCode) { TaxCodes = [taxCode] });
        var updated = await StartedAsync(calls, new Employee(ird == Ird1 ? Ird2 : Ird1, "Updated To " + taxCode));
        (await calls.SendAsync(EmployerLogon, Update(updated.Key, updated with { TaxCodes = [taxCode] }))).AssertStatus(0);

        var answer = (await calls.SendAsync(EmployerLogon, RetrieveList())).AssertStatus(0);

        Assert.Equal([[taxCode], [taxCode]], answer.Employees.Select(EmploymentAnswer.TaxCodes));
        Assert.Equal([created.NameOnEiLine, updated.NameOnEiLine], answer.Employees.Select(e => EmploymentAnswer.Field(e, "employeeNameOnEILine")));
    }

    /// <summary>The request is refused with <paramref name="status"/>, and nothing was stored: the employer's list is as the demo data has it.</summary>
    private static async Task RefusedAsync(string logon, XDocument request, int status, string? message = null)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EmploymentCalls(host);

        var answer = await calls.SendAsync(logon, request);

        answer.AssertStatus(status, message);
        (await calls.SendAsync(EmployerLogon, RetrieveList())).AssertStatus(104);
    }

    /// <summary>Schema-invalid: status 21, IR's message with the validator's particulars in errorDescription, nothing stored.</summary>
    private static async Task InvalidAsync(XDocument request)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EmploymentCalls(host);

        var answer = await calls.SendAsync(EmployerLogon, request);

        answer.AssertStatus(21, "XML Request Failed Validation");
        Assert.False(string.IsNullOrWhiteSpace(answer.ErrorDescription));
        (await calls.SendAsync(EmployerLogon, RetrieveList())).AssertStatus(104);
    }

    /// <summary>A token that expired (the clock moved on a day): status 1, Authentication Failure, nothing stored.</summary>
    private static async Task InvalidTokenAsync(XDocument request)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await WaharoaTestHost.StartAsync(time);
        using var calls = new EmploymentCalls(host);
        var bearer = await calls.BearerForAsync(EmployerLogon);
        time.Advance(TimeSpan.FromDays(1));

        using var response = await calls.PostAsync(request.ToString(SaveOptions.DisableFormatting), bearer);

        var answer = new EmploymentAnswer(XDocument.Parse(await response.Content.ReadAsStringAsync()));
        answer.AssertStatus(1, "Authentication Failure");
        using var fresh = new EmploymentCalls(host);
        (await fresh.SendAsync(EmployerLogon, RetrieveList())).AssertStatus(104);
    }
}
