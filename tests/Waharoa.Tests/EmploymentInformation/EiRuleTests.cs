using System.Xml.Linq;
using Microsoft.Extensions.Time.Testing;
using Waharoa.Server.Sandbox.Returns;
using Waharoa.Testing;
using Waharoa.Tests.Intermediation;
using static Waharoa.Tests.EmploymentInformation.EiAnswer;
using static Waharoa.Tests.EmploymentInformation.EiCalls;

namespace Waharoa.Tests.EmploymentInformation;

/// <summary>
/// The EI build pack's File rules, one code each (§5.2, §5.3), through the gateway: each refused request gets its code
/// and message (particulars in Common.v2's errorDescription), and nothing of it is stored.
/// </summary>
public sealed class EiRuleTests : IDisposable
{
    private const string PayDay = "2025-06-13";

    /// <summary>The logon of the employer <see cref="StartWithOtherEmployerAsync"/> adds.</summary>
    private const string OtherEmployer = "OtherEmployer";

    private readonly string _folder = Directory.CreateTempSubdirectory("waharoa-ei-rules-").FullName;

    [Theory]
    [InlineData("ESS", 171, "Tax code unsupported EI version 2")]
    [InlineData("SLBOR", 171, "Tax code unsupported EI version 2")]
    [InlineData("XX", 171, "Tax code unsupported EI version 2")]
    [InlineData("SASL", 0, "")]
    public Task TaxCode_EachKind_AcceptedOrRefused(string taxCode, int status, string message) =>
        RefusedAsync(File(Employer, PayDay, [Line("r-1", "123018575", "Mary Mills", taxCode)]), status, message);

    /// <summary>SA and SASL are 2021's: a pay day before 1 April 2021 cannot carry them.</summary>
    [Fact]
    public Task TaxCode_SABeforeApril2021_Refused171() =>
        RefusedAsync(File(Employer, "2021-03-26", [Line("r-1", "123018575", "Mary Mills", "SA", payDay: "2021-03-26")]), 171, "Tax code unsupported EI version 2");

    [Theory]
    [InlineData("WW")]
    [InlineData("BP")]
    public Task PayFrequency_UnknownOrAccsOwn_Refused174(string frequency) =>
        RefusedAsync(File(Employer, PayDay, [Line("r-1", "123018575", "Mary Mills", frequency: frequency)]), 174, "Invalid pay frequency");

    [Fact]
    public async Task PayFrequency_BPFromAcc_Filed()
    {
        await using var host = await StartWithOtherEmployerAsync("ei: { acc: true }");
        using var calls = new EiCalls(host);

        var answer = await calls.SendAsync(OtherEmployer, File("136000241", PayDay, [Line("r-1", "123018575", "Mary Mills", frequency: "BP")]));

        answer.AssertStatus(0);
    }

    /// <summary>A period the employer filed an Employer Monthly Schedule (IR348) for takes no payday return (162); the next month's does.</summary>
    [Fact]
    public async Task File_InAPeriodWithAnEmployerMonthlySchedule_Refused162()
    {
        await using var host = await StartWithOtherEmployerAsync("ei: { ems_periods: [\"2025-05-31\"] }");
        using var calls = new EiCalls(host);

        var inSchedulePeriod = await calls.SendAsync(OtherEmployer, File("136000241", "2025-05-16", [Line("r-1", "123018575", "Mary Mills", payDay: "2025-05-16")]));
        var nextPeriod = await calls.SendAsync(OtherEmployer, File("136000241", PayDay, [Line("r-1", "123018575", "Mary Mills")]));

        Assert.Equal("Period has non-payday return", inSchedulePeriod.AssertStatus(162).ErrorMessage);
        Assert.Null(inSchedulePeriod.Body);
        nextPeriod.AssertStatus(0);
        (await calls.SendAsync(OtherEmployer, Status("136000241", "2025-05-16", null))).AssertStatus(103);
    }

    [Fact]
    public Task EmployeeIrd_FailsTheCheckAndUnknown_Refused134() =>
        RefusedAsync(File(Employer, PayDay, [Line("r-1", "123018576", "Mary Mills")]), 134, "Invalid employee IRD number");

    [Fact]
    public Task EmployeeIrd_Zeros_Filed() => RefusedAsync(File(Employer, PayDay, [Line("r-1", "000000000", "New Starter")]), 0, string.Empty);

    [Fact]
    public Task Lines_NoneWithoutNil_Refused136() =>
        RefusedAsync(File(Employer, PayDay, []), 136, "Nil return not indicated despite missing line items");

    [Fact]
    public Task Lines_WithoutReferenceId_Refused137() =>
        RefusedAsync(File(Employer, PayDay, [Line(string.Empty, "123018575", "Mary Mills")]), 137, "ReferenceId is required for all line items");

    [Fact]
    public Task Lines_SameReferenceIdTwice_Refused131() =>
        RefusedAsync(File(Employer, PayDay, [Line("r-1", "123018575", "Mary Mills"), Line("r-1", "123044037", "Oscar Onsible")]), 131, "Duplicate line items");

    [Fact]
    public Task Lines_PayPeriodEndingBeforeItStarts_Refused163() =>
        RefusedAsync(File(Employer, PayDay, [Line("r-1", "123018575", "Mary Mills", periodStart: "2025-06-12", periodEnd: "2025-06-01")]), 163, "Pay period end date before pay period start");

    [Fact]
    public Task Lines_AdjustmentBeyondGross_Refused200() =>
        RefusedAsync(File(Employer, PayDay, [Line("r-1", "123018575", "Mary Mills", gross: 100m, priorGrossAdjustment: -150m)]), 200, "Invalid adjustment: Exceeds gross/PAYE");

    [Fact]
    public Task Period_NotAMonthEnd_Refused104()
    {
        var request = File(Employer, PayDay, [Line("r-1", "123018575", "Mary Mills")]);
        request.Descendants(Rc + "periodEndDate").Single().Value = "2025-06-15";
        return RefusedAsync(request, 104, "Invalid filing period");
    }

    [Fact]
    public Task PayDay_OutsideThePeriod_Refused161()
    {
        var request = File(Employer, PayDay, [Line("r-1", "123018575", "Mary Mills")]);
        request.Descendants(Rc + "periodEndDate").Single().Value = "2025-07-31";
        return RefusedAsync(request, 161, "Payday date not in filing period");
    }

    [Fact]
    public Task Period_MoreThanTwoMonthsAhead_Refused164()
    {
        var payDay = DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(4).ToString("yyyy-MM-15", System.Globalization.CultureInfo.InvariantCulture);
        return RefusedAsync(File(Employer, payDay, [Line("r-1", "123018575", "Mary Mills", payDay: payDay)]), 164, "Period too far into the future");
    }

    [Fact]
    public Task CreditTransfer_Refused150()
    {
        var request = File(Employer, PayDay, [Line("r-1", "123018575", "Mary Mills")]);
        request.Descendants(Rc + "amendmentRequest").Single().AddAfterSelf(new XElement(
            Rc + "creditTransferRequest",
            new XElement(Rc + "transferIRD", "123041607"),
            new XElement(Rc + "transferAccountType", "GST"),
            new XElement(Rc + "transferFilingPeriod", "2025-06-30"),
            new XElement(Rc + "associatedCustomer", "false"),
            new XElement(Rc + "transferAmount", "10.00")));
        return RefusedAsync(request, 150, "Credit transfer requests are not supported");
    }

    [Fact]
    public async Task Account_NotActiveForThePeriod_Refused173()
    {
        await using var host = await StartWithOtherEmployerAsync("ei: { first_period: \"2025-08-31\" }");
        using var calls = new EiCalls(host);

        var answer = await calls.SendAsync(OtherEmployer, File("136000241", PayDay, [Line("r-1", "123018575", "Mary Mills")]));

        Assert.Equal("Account was not active for the period submitted", answer.AssertStatus(173).ErrorMessage);
    }

    [Fact]
    public async Task Amendment_WithoutAReason_Refused109()
    {
        var request = File(Employer, PayDay, [Line("r-1", "123018575", "Mary Mills")], amends: 987654321);
        request.Descendants(Rc + "amendReason").Single().Value = "WHIM";

        await RefusedAsync(request, 109, "Invalid Amend Reason");
    }

    [Fact]
    public Task Amendment_OfAnUnknownKey_Refused103() =>
        RefusedAsync(File(Employer, PayDay, [Line("r-1", "123018575", "Mary Mills")], amends: 42), 103, "No return found");

    /// <summary>123041607's return 987654321 is another employer's: 136000209 cannot amend it.</summary>
    [Fact]
    public Task Amendment_OfAnotherEmployersReturn_Refused103() =>
        RefusedAsync(File(Employer, "2018-04-10", [Line("r-1", "123018575", "Mary Mills", payDay: "2018-04-10")], amends: 987654321), 103, "No return found");

    /// <summary>An EI2 return is amended once processed (five minutes): before that, 108; after, the amendment is taken.</summary>
    [Fact]
    public async Task Amendment_BeforeTheReturnIsProcessed_Refused108ThenTaken()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await WaharoaTestHost.StartAsync(time);
        using var calls = new EiCalls(host);
        var key = (await calls.SendAsync(DemoUser, File(Employer, PayDay, [Line("r-1", "123018575", "Mary Mills")]))).AssertStatus(0).SubmissionKey;

        var early = await calls.SendAsync(DemoUser, File(Employer, PayDay, [Line("r-1", "123018575", "Mary Mills", gross: 1)], amends: key));
        time.Advance(TimeSpan.FromMinutes(5));
        var processed = await calls.SendAsync(DemoUser, File(Employer, PayDay, [Line("r-1", "123018575", "Mary Mills", gross: 1)], amends: key));

        Assert.Equal("Return locked for processing", early.AssertStatus(108).ErrorMessage);
        processed.AssertStatus(0);
    }

    /// <summary>
    /// IR's time bar: a return originally filed more than four years ago cannot be amended (180). Counted in New Zealand
    /// days from its filing through the service: on the fourth anniversary it is still taken, the day after refused.
    /// </summary>
    [Fact]
    public async Task Amendment_OfAReturnFiledMoreThanFourYearsAgo_Refused180()
    {
        var filedOn = NewZealand.DateOf(DateTimeOffset.UtcNow);
        var time = new FakeTimeProvider(NewZealand.Noon(filedOn));
        await using var host = await WaharoaTestHost.StartAsync(time);
        // A client certificate of five years: the demo client's (two) would not outlast the clock.
        var notAfter = time.GetUtcNow().AddYears(5);
        using var calls = new EiCalls(host, await IntermediationCalls.AsOnboardedDspAsync(host, "Long_Lived_Payroll", notAfter));
        var key = (await calls.SendAsync(DemoUser, File(Employer, PayDay, [Line("r-1", "123018575", "Mary Mills")]))).AssertStatus(0).SubmissionKey;

        // Each jump outlives the access token: a new sign-in each time.
        time.SetUtcNow(NewZealand.Noon(filedOn.AddYears(4)));
        using var fourYearsOn = new EiCalls(host, await IntermediationCalls.AsOnboardedDspAsync(host, "Long_Lived_Payroll_2", notAfter));
        var lastDay = await fourYearsOn.SendAsync(DemoUser, File(Employer, PayDay, [Line("r-1", "123018575", "Mary Mills", gross: 1)], amends: key));
        time.Advance(TimeSpan.FromDays(1));
        using var aDayLater = new EiCalls(host, await IntermediationCalls.AsOnboardedDspAsync(host, "Long_Lived_Payroll_3", notAfter));
        var barred = await aDayLater.SendAsync(DemoUser, File(Employer, PayDay, [Line("r-1", "123018575", "Mary Mills", gross: 2)], amends: key));

        lastDay.AssertStatus(0);
        Assert.Equal("Return is time-barred", barred.AssertStatus(180).ErrorMessage);
        Assert.Null(barred.Body);
        var lines = (await aDayLater.SendAsync(DemoUser, Retrieve(Employer, PayDay, key))).AssertStatus(0).Lines;
        Assert.Equal(["1"], lines.Select(l => Field(l, "grossEarnings")));
    }

    /// <summary>
    /// A seeded return's <c>filed</c> date starts the time bar; one seeded without it (as IR's samples, which IR's
    /// scenarios amend years after their pay day) is never time-barred.
    /// </summary>
    [Fact]
    public async Task Amendment_OfASeededReturn_TimeBarredFromItsFiledDateOnly()
    {
        var today = NewZealand.DateOf(DateTimeOffset.UtcNow);
        string Filed(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        string Fields(long key) =>
            $"'<e:formFields xmlns:e=\"urn:www.ird.govt.nz/GWS:types/ReturnEI.v2\"><e:submissionKey>{key}</e:submissionKey><e:payDayDate>2020-01-15</e:payDayDate><e:employeeFields/></e:formFields>'";
        var time = new FakeTimeProvider(NewZealand.Noon(today));
        await using var host = await StartWithOtherEmployerAsync(
            $$"""
            returns:
              - { pay_day: "2020-01-15", submission_key: 987650001, filed: "{{Filed(today.AddYears(-4))}}", nil: true, form_fields: {{Fields(987650001)}} }
              - { pay_day: "2020-01-15", submission_key: 987650002, filed: "{{Filed(today.AddYears(-4).AddDays(-1))}}", nil: true, form_fields: {{Fields(987650002)}} }
              - { pay_day: "2020-01-15", submission_key: 987650003, nil: true, form_fields: {{Fields(987650003)}} }
            """,
            time);
        using var calls = new EiCalls(host);
        XDocument Amend(long key) => File("136000241", "2020-01-15", [Line("r-1", "123018575", "Mary Mills", payDay: "2020-01-15")], amends: key);

        var fourYears = await calls.SendAsync(OtherEmployer, Amend(987650001));
        var fourYearsAndADay = await calls.SendAsync(OtherEmployer, Amend(987650002));
        var noDate = await calls.SendAsync(OtherEmployer, Amend(987650003));

        fourYears.AssertStatus(0);
        Assert.Equal("Return is time-barred", fourYearsAndADay.AssertStatus(180).ErrorMessage);
        noDate.AssertStatus(0);
    }

    /// <summary>The same request for the same pay day within the hour is a duplicate (160); an hour on, or with other figures, it is filed.</summary>
    [Fact]
    public async Task File_SamePayloadWithinTheHour_Refused160()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await WaharoaTestHost.StartAsync(time);
        using var calls = new EiCalls(host);
        var request = File(Employer, PayDay, [Line("r-1", "123018575", "Mary Mills")]);
        (await calls.SendAsync(DemoUser, request)).AssertStatus(0);

        var again = await calls.SendAsync(DemoUser, request);
        var other = await calls.SendAsync(DemoUser, File(Employer, PayDay, [Line("r-1", "123018575", "Mary Mills", gross: 2001m)]));
        time.Advance(TimeSpan.FromMinutes(61));
        var later = await calls.SendAsync(DemoUser, request);

        Assert.Equal("Duplicate payday submission", again.AssertStatus(160).ErrorMessage);
        other.AssertStatus(0);
        later.AssertStatus(0);
        Assert.Equal(3, (await calls.SendAsync(DemoUser, Status(Employer, PayDay, null))).AssertStatus(0).Statuses.Count);
    }

    /// <summary>Filed by its due date (two working days after the pay day): processing for five minutes, then processed on time.</summary>
    [Fact]
    public async Task Status_FiledOnThePayDay_ProcessingThenOntimeProcessed()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 6, 13, 1, 0, 0, TimeSpan.Zero));
        await using var host = await WaharoaTestHost.StartAsync(time);
        using var calls = new EiCalls(host);
        var key = (await calls.SendAsync(DemoUser, File(Employer, PayDay, [Line("r-1", "123018575", "Mary Mills")]))).AssertStatus(0).SubmissionKey;

        var processing = await calls.SendAsync(DemoUser, Status(Employer, PayDay, key));
        time.Advance(TimeSpan.FromMinutes(5));
        var processed = await calls.SendAsync(DemoUser, Status(Employer, PayDay, key));

        Assert.Equal([("PRCG", key, "EI2")], processing.AssertStatus(0).Statuses);
        Assert.Equal([("OPRCD", key, "EI2")], processed.AssertStatus(0).Statuses);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>
    /// A host with the demo data and one more employer, 136000241 (account 136000241EMP001, with <paramref name="account"/>:
    /// YAML of the account's other keys, e.g. its <c>ei</c> profile), owned by <see cref="OtherEmployer"/>.
    /// </summary>
    private async Task<WaharoaTestHost> StartWithOtherEmployerAsync(string account, FakeTimeProvider? time = null)
    {
        var indented = string.Join('\n', account.Split('\n').Select(line => new string(' ', 8) + line));
        var file = Seed($"""
            customers:
              - ird: "136000241"
                name: Another employer (demo)
                accounts:
                  - id: 136000241EMP001
            {indented}
            users:
              - logon: {OtherEmployer}
                password: Password1!
                owns: ["136000241"]
            """);
        return await WaharoaTestHost.StartAsync(time, configure: o => o.SeedFiles.Add(file));
    }

    private string Seed(string yaml)
    {
        var path = Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".yaml");
        System.IO.File.WriteAllText(path, yaml);
        return path;
    }

    /// <summary>
    /// Sends <paramref name="request"/> (136000209's) as the demo user: <paramref name="status"/> with
    /// <paramref name="message"/>, and for a refusal, nothing stored (no return for the pay day afterwards).
    /// </summary>
    private static async Task RefusedAsync(XDocument request, int status, string message)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EiCalls(host);

        var answer = await calls.SendAsync(DemoUser, request);

        Assert.Equal(message, answer.AssertStatus(status).ErrorMessage);
        if (status != 0)
        {
            Assert.Null(answer.Body);
            var payDay = request.Descendants(Ei + "payDayDate").Single().Value;
            (await calls.SendAsync(DemoUser, Status(Employer, payDay, null))).AssertStatus(103);
        }
    }
}
