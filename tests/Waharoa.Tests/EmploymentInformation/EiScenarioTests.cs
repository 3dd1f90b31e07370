using System.Xml.Linq;
using Microsoft.Extensions.Time.Testing;
using Waharoa.Certificates;
using Waharoa.Clients;
using Waharoa.Security;
using Waharoa.Storage;
using Waharoa.Testing;
using Waharoa.Tests.Gateway;
using Waharoa.Tests.Intermediation;
using static Waharoa.Tests.EmploymentInformation.EiAnswer;
using static Waharoa.Tests.EmploymentInformation.EiCalls;

namespace Waharoa.Tests.EmploymentInformation;

/// <summary>
/// IR's "Payday Filing EIv2 (Including Tax Code scenarios)" test report template, one test per scenario ID (EI001–EI049),
/// through the gateway with a real DSP client against the demo data. The employer is the demo user TR24573773 (who owns
/// IR's mock employers and the EI demo employers); the payroll intermediary is EiIntermediary, whose client list links
/// 136000209's EMP account.
/// </summary>
public sealed class EiScenarioTests
{
    private const string PayDay = "2025-06-13";
    private const string NoSuchEmployer = "111111111";

    // ---- Prepop ----

    [Fact]
    public async Task EI001_EmployerWithOneCurrentEmployee_Prepop_Success()
    {
        var answer = await SendAsync(DemoUser, Prepop("123041607", "2018-04-10"));

        Assert.Equal("123041607EMP002", answer.AssertStatus(0).Body!.Element(Ei + "accountId")!.Value);
        Assert.Equal([("123074610", "Arthur Actinic", "M")], answer.Employees);
    }

    [Fact]
    public async Task EI002_EmployerWithNoCurrentEmployees_Prepop_SuccessWithNone()
    {
        var answer = await SendAsync(DemoUser, Prepop("136000225", PayDay));

        Assert.Equal("136000225EMP001", answer.AssertStatus(0).Body!.Element(Ei + "accountId")!.Value);
        Assert.Empty(answer.Employees);
    }

    [Fact]
    public async Task EI003_EmployerWithSeveralEmployeesOneLineEach_Prepop_Success()
    {
        var answer = await SendAsync(DemoUser, Prepop(Employer, PayDay));

        Assert.Equal([("123018575", "Mary Mills", "M"), ("123044037", "Oscar Onsible", "MSL"), ("123110579", "Tony Tang", "S")], answer.AssertStatus(0).Employees);
    }

    /// <summary>Jean Paul left on 7 May 2021 and was rehired on 24 May: both lines fall in May, each with its own dates.</summary>
    [Fact]
    public async Task EI004_EmployerWithAnEmployeeOnSeveralLines_Prepop_ShowsEachLine()
    {
        var answer = await SendAsync(DemoUser, Prepop("136000217", "2021-05-28"));

        Assert.Equal([("123059638", "Pierre Bon", "ME"), ("123084551", "Jean Paul", "M"), ("123084551", "Jean Paul", "SB")], answer.AssertStatus(0).Employees);
        var rehired = answer.Body!.Elements(Ei + "employee").Where(e => e.Element(Ei + "irdNumber")!.Value == "123084551").ToList();
        Assert.Equal(["2017-01-09", "2021-05-24"], rehired.Select(e => e.Element(Ei + "employmentStartDate")!.Value));
        Assert.Equal("2021-05-07", rehired[0].Element(Ei + "employmentFinishDate")!.Value);
        Assert.Null(rehired[1].Element(Ei + "employmentFinishDate"));
    }

    [Fact]
    public async Task EI005_PayrollIntermediaryForALinkedEmployer_Prepop_Success()
    {
        var answer = await SendAsync(Intermediary, Prepop(Employer, PayDay));

        Assert.Equal(3, answer.AssertStatus(0).Employees.Count);
    }

    [Fact]
    public Task EI006_PrepopWithoutTheIdentifier_Status21() => FailsValidationAsync(Without(Prepop(Employer, PayDay), Cmn + "identifier"));

    [Fact]
    public Task EI007_PrepopWithoutMajorFormType_Status21() => FailsValidationAsync(Without(Prepop(Employer, PayDay), Rc + "majorFormType"));

    [Fact]
    public Task EI008_PrepopWithoutPayDayDate_Status21() => FailsValidationAsync(Without(Prepop(Employer, PayDay), Ei + "payDayDate"));

    [Fact]
    public Task EI009_PrepopWithAnIncorrectMajorFormType_Status21() => FailsValidationAsync(With(Prepop(Employer, PayDay), Rc + "majorFormType", "GST"));

    [Fact]
    public Task EI010_PrepopWithAnIncorrectPayDayDate_Status21() => FailsValidationAsync(With(Prepop(Employer, PayDay), Ei + "payDayDate", "2025-06-31"));

    [Fact]
    public Task EI011_PrepopForAnIncorrectIrdNumber_Status4() => RefusedAsync(DemoUser, Prepop(NoSuchEmployer, PayDay));

    /// <summary>
    /// IR refuses a software platform it did not onboard the DSP with: status 5 "Unauthorised vendor", the build pack's
    /// code and message for it. The DSP here is onboarded with one platform value and sends another.
    /// </summary>
    [Fact]
    public async Task EI012_PrepopWithAnInvalidSoftwarePlatform_UnauthorisedVendor()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EiCalls(host, await IntermediationCalls.AsOnboardedDspAsync(host, "Onboarded_Payroll", "OnboardedPayroll"));
        var request = Prepop(Employer, PayDay);
        request.Descendants(Cmn + "softwarePlatform").Single().Value = "NotOnboarded";

        var answer = await calls.SendAsync(DemoUser, request);

        Assert.Equal("Unauthorised vendor", answer.AssertStatus(5).ErrorMessage);
    }

    [Fact]
    public async Task Prepop_WithTheSoftwarePlatformIrOnboardedTheDspWith_Success()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EiCalls(host, await IntermediationCalls.AsOnboardedDspAsync(host, "Onboarded_Payroll", "OtherPlatform", "OnboardedPayroll"));
        var request = Prepop(Employer, PayDay);
        request.Descendants(Cmn + "softwarePlatform").Single().Value = "OnboardedPayroll";

        var answer = await calls.SendAsync(DemoUser, request);

        answer.AssertStatus(0);
    }

    /// <summary>A DSP IR did not onboard for the Return service at all gets the same status 5 from the gateway.</summary>
    [Fact]
    public async Task Prepop_DspNotEnrolledForTheService_UnauthorisedVendor()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        var clients = (IClientStore)host.Server.Services.GetService(typeof(IClientStore))!;
        using var ca = host.DevelopmentCa();
        using var certificate = ca.IssueClientCertificate("Intermediation_Only");
        await clients.AddClientAsync(
            new DspClient("Intermediation_Only", "Intermediation only", ClientKind.Cloud, SecretHasher.Hash("s"), ["https://p.example/cb"],
                CertificateFiles.Sha256Thumbprint(certificate), DateTimeOffset.UtcNow) { Services = ["intermediation"] },
            CancellationToken.None);
        using var cloud = host.CreateCloudClient(certificate);
        var client = new Waharoa.Server.Demo.DemoClient("Intermediation_Only", "s", "https://p.example/cb", ["https://p.example/cb"], "cloud", null, null);
        var (access, _) = await TokenCalls.NewCloudTokensAsync(host, cloud, new Waharoa.Server.Demo.DemoUser(DemoUser, IntermediationCalls.Password), client);
        using var request = new HttpRequestMessage(HttpMethod.Post, CloudPath)
        {
            Content = new StringContent(Prepop(Employer, PayDay).ToString(), System.Text.Encoding.UTF8, "application/soap+xml"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + access);

        using var response = await cloud.SendAsync(request);

        var answer = new EiAnswer(XDocument.Parse(await response.Content.ReadAsStringAsync()));
        Assert.Equal("Unauthorised vendor", answer.AssertStatus(5).ErrorMessage);
    }

    [Fact]
    public Task EI013_PrepopWithAnInvalidToken_Status1() => InvalidTokenAsync(Prepop(Employer, PayDay));

    [Fact]
    public Task EI014_PrepopWithoutAToken_Status2() => WithoutTokenAsync(Prepop(Employer, PayDay));

    // ---- ReturnFile ----

    [Fact]
    public async Task EI015_EmployerFilesAValidReturn_Success()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EiCalls(host);

        var filed = await calls.SendAsync(DemoUser, File(Employer, PayDay, ThreeLines()));

        Assert.Equal(string.Empty, filed.AssertStatus(0).ErrorMessage);
        Assert.Matches(@"^0000 [0-9A-Z]{4} [0-9A-Z]{4} \d$", filed.Body!.Element(Rc + "gatewayId")!.Value);
        var status = await calls.SendAsync(DemoUser, Status(Employer, PayDay, filed.SubmissionKey));
        Assert.Equal([("PRCG", filed.SubmissionKey, "EI2")], status.AssertStatus(0).Statuses);
    }

    [Fact]
    public async Task EI016_PayrollIntermediaryFilesForALinkedEmployer_Success()
    {
        var answer = await SendAsync(Intermediary, File(Employer, PayDay, ThreeLines()));

        Assert.InRange(answer.AssertStatus(0).SubmissionKey, 1, int.MaxValue);
    }

    /// <summary>The referenceId method: the line given is amended in place (same line number); the others stay as filed.</summary>
    [Fact]
    public async Task EI017_EmployerAmendsAnEmployeeByReferenceId_Success()
    {
        var (calls, host, time) = await StartAsync();
        await using var _ = host;
        using var __ = calls;
        var key = (await calls.SendAsync(DemoUser, File(Employer, PayDay, ThreeLines()))).AssertStatus(0).SubmissionKey;
        time.Advance(TimeSpan.FromMinutes(6));

        (await calls.SendAsync(DemoUser, File(Employer, PayDay, [Line("r-2", "123044037", "Oscar Onsible", "MSL", gross: 2500m)], amends: key))).AssertStatus(0);

        var lines = (await calls.SendAsync(DemoUser, Retrieve(Employer, PayDay, key))).AssertStatus(0).Lines;
        Assert.Equal([("1", "r-1", "2000"), ("2", "r-2", "2500"), ("3", "r-3", "2000")], lines.Select(l => (Field(l, "lineNumber"), Field(l, "referenceId"), Field(l, "grossEarnings"))));
    }

    [Fact]
    public async Task EI018_EmployerAmendsAReturn_SuccessAndAmended()
    {
        var (calls, host, time) = await StartAsync();
        await using var _ = host;
        using var __ = calls;
        var key = (await calls.SendAsync(DemoUser, File(Employer, PayDay, ThreeLines()))).AssertStatus(0).SubmissionKey;
        time.Advance(TimeSpan.FromMinutes(6));

        var amended = await calls.SendAsync(DemoUser, File(Employer, PayDay, ThreeLines(gross: 2100m), amends: key, reverseReplace: true));

        Assert.Equal(key, amended.AssertStatus(0).SubmissionKey);
        time.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal([("AMN", key, "EI2")], (await calls.SendAsync(DemoUser, Status(Employer, PayDay, key))).AssertStatus(0).Statuses);
        Assert.All((await calls.SendAsync(DemoUser, Retrieve(Employer, PayDay, key))).Lines, l => Assert.Equal("2100", Field(l, "grossEarnings")));
    }

    /// <summary>Reverse/replace: every line is filed again, and a line not given is reversed.</summary>
    [Fact]
    public async Task EI019_EmployerRemovesAnEmployeeByReplacingTheReturn_Success()
    {
        var (calls, host, time) = await StartAsync();
        await using var _ = host;
        using var __ = calls;
        var key = (await calls.SendAsync(DemoUser, File(Employer, PayDay, ThreeLines()))).AssertStatus(0).SubmissionKey;
        time.Advance(TimeSpan.FromMinutes(6));

        (await calls.SendAsync(DemoUser, File(Employer, PayDay, ThreeLines().Where(l => Field(l, "referenceId") != "r-2"), amends: key, reverseReplace: true))).AssertStatus(0);

        var lines = (await calls.SendAsync(DemoUser, Retrieve(Employer, PayDay, key))).Lines;
        Assert.Equal(["r-1", "r-3"], lines.Select(l => Field(l, "referenceId")));
    }

    /// <summary>The bankrupt employer's seeded return has lines without referenceIds: amending Keith Kalish with one adds a second line for him.</summary>
    [Fact]
    public async Task EI020_AReferenceIdAddedToALineThatHadNone_CreatesADuplicateLine()
    {
        var (calls, host, _) = await StartAsync();
        await using var ___ = host;
        using var __ = calls;
        var amendment = File("139580370EMP005", "2021-07-31", [Line("keith", "123110579", "Keith Kalish", payDay: "2021-07-31")], amends: 987654322);
        amendment.Descendants(Cmn + "identifier").Single().SetAttributeValue("IdentifierValueType", "ACC");

        (await calls.SendAsync(DemoUser, amendment)).AssertStatus(0);

        var retrieve = Retrieve("139580370EMP005", "2021-07-31", 987654322);
        retrieve.Descendants(Cmn + "identifier").Single().SetAttributeValue("IdentifierValueType", "ACC");
        var lines = (await calls.SendAsync(DemoUser, retrieve)).AssertStatus(0).Lines;
        Assert.Equal(["Keith Kalish", "Ella James", "Keith Kalish"], lines.Select(l => Field(l, "employeeName")));
        Assert.Equal([null, null, "keith"], lines.Select(l => Field(l, "referenceId")));
    }

    [Fact]
    public async Task EI021_ReplaceInARequestThatIsNotAnAmendment_Status132()
    {
        var answer = await SendAsync(DemoUser, File(Employer, PayDay, ThreeLines(), reverseReplace: true));

        Assert.Equal("Reverse/replace can only be used for an amendment", answer.AssertStatus(132).ErrorMessage);
    }

    [Fact]
    public async Task EI022_PayrollIntermediaryAmendsForALinkedEmployer_Success()
    {
        var (calls, host, time) = await StartAsync();
        await using var _ = host;
        using var __ = calls;
        var key = (await calls.SendAsync(Intermediary, File(Employer, PayDay, ThreeLines()))).AssertStatus(0).SubmissionKey;
        time.Advance(TimeSpan.FromMinutes(6));

        var amended = await calls.SendAsync(Intermediary, File(Employer, PayDay, [Line("r-4", "123074750", "Roger Federer", start: "2025-06-02")], amends: key));

        Assert.Equal(key, amended.AssertStatus(0).SubmissionKey);
        Assert.Equal(4, (await calls.SendAsync(Intermediary, Retrieve(Employer, PayDay, key))).Lines.Count);
    }

    [Fact]
    public async Task EI023_EmployerFilesANilReturn_Success()
    {
        var (calls, host, _) = await StartAsync();
        await using var ___ = host;
        using var __ = calls;

        var key = (await calls.SendAsync(DemoUser, File(Employer, PayDay, [], nil: true))).AssertStatus(0).SubmissionKey;

        var answer = await calls.SendAsync(DemoUser, Retrieve(Employer, PayDay, key));
        Assert.Equal("true", answer.AssertStatus(0).Body!.Element(Rc + "standardFields")!.Element(Rc + "isNilReturn")!.Value);
        Assert.Empty(answer.Lines);
    }

    [Fact]
    public async Task EI024_FinalReturnForALinkedEmployer_Success()
    {
        var answer = await SendAsync(Intermediary, File(Employer, PayDay, ThreeLines(), final: true));

        answer.AssertStatus(0);
    }

    [Fact]
    public Task EI025_FileWithoutAMandatoryField_Status21() => FailsValidationAsync(Without(File(Employer, PayDay, ThreeLines()), Rc + "periodEndDate"));

    [Fact]
    public Task EI026_FileWithAnIncorrectMajorFormType_Status21() => FailsValidationAsync(With(File(Employer, PayDay, ThreeLines()), Rc + "majorFormType", "EI"));

    [Fact]
    public Task EI027_FileWithAnIncorrectPayDayDate_Status21() => FailsValidationAsync(With(File(Employer, PayDay, ThreeLines()), Ei + "payDayDate", "13/06/2025"));

    [Fact]
    public Task EI028_FileForAnIncorrectIrdNumber_Status4() => RefusedAsync(DemoUser, File(NoSuchEmployer, PayDay, ThreeLines()));

    [Fact]
    public Task EI029_FileWithoutAnEmployeesIrdNumber_Status21() => FailsValidationAsync(WithoutFirst(File(Employer, PayDay, ThreeLines()), Ei + "irdNumber"));

    [Fact]
    public Task EI030_FileWithoutAPayPeriodStartDate_Status21() => FailsValidationAsync(WithoutFirst(File(Employer, PayDay, ThreeLines()), Ei + "payPeriodStartDate"));

    [Fact]
    public Task EI031_FileWithoutAPayPeriodEndDate_Status21() => FailsValidationAsync(WithoutFirst(File(Employer, PayDay, ThreeLines()), Ei + "payPeriodEndDate"));

    /// <summary>123094018's return of 2018-12-10 was filed as EI version 1 (seeded): version 2 cannot amend it.</summary>
    [Fact]
    public async Task EI032_AmendingAReturnFiledInEiVersion1_Status169()
    {
        var answer = await SendAsync(DemoUser, File("123094018", "2018-12-10", [Line("r-1", "123110579", "Keith Kalish", payDay: "2018-12-10")], amends: 987654320));

        Assert.Equal("Submitted incorrect EI version", answer.AssertStatus(169).ErrorMessage);
    }

    // ---- RetrieveReturn ----

    [Fact]
    public async Task EI033_EmployerRetrievesASpecificReturn_Success()
    {
        var answer = await SendAsync(DemoUser, Retrieve("123041607", "2018-04-10", 987654321));

        Assert.Equal("987654321", answer.AssertStatus(0).Body!.Element(Ei + "formFields")!.Element(Ei + "submissionKey")!.Value);
        Assert.Equal(["Keith Kalish", "Ella James"], answer.Lines.Select(l => Field(l, "employeeName")));
    }

    [Fact]
    public async Task EI034_PayrollIntermediaryRetrievesALinkedEmployersReturn_Success()
    {
        var (calls, host, _) = await StartAsync();
        await using var ___ = host;
        using var __ = calls;
        var key = (await calls.SendAsync(Intermediary, File(Employer, PayDay, ThreeLines()))).AssertStatus(0).SubmissionKey;

        var answer = await calls.SendAsync(Intermediary, Retrieve(Employer, PayDay, null));

        Assert.Equal(key.ToString(System.Globalization.CultureInfo.InvariantCulture), answer.AssertStatus(0).Body!.Element(Ei + "formFields")!.Element(Ei + "submissionKey")!.Value);
        Assert.Equal(["Mary Mills", "Oscar Onsible", "Tony Tang"], answer.Lines.Select(l => Field(l, "employeeName")));
    }

    [Fact]
    public async Task EI035_EmployerWithNoReturnFiled_Retrieve_Status103()
    {
        var answer = await SendAsync(DemoUser, Retrieve("136000225", PayDay, null));

        Assert.Equal("No return found", answer.AssertStatus(103).ErrorMessage);
        Assert.Null(answer.Body);
    }

    [Fact]
    public Task EI036_RetrieveWithoutAMandatoryField_Status21() => FailsValidationAsync(Without(Retrieve(Employer, PayDay, null), Ei + "payDayDate"));

    [Fact]
    public Task EI037_RetrieveForAnIncorrectIrdNumber_Status4() => RefusedAsync(DemoUser, Retrieve(NoSuchEmployer, PayDay, null));

    [Fact]
    public async Task EI038_RetrievingAReturnFiledInEiVersion1_Status169()
    {
        var answer = await SendAsync(DemoUser, Retrieve("123094018", "2018-12-10", null));

        Assert.Equal("Submitted incorrect EI version", answer.AssertStatus(169).ErrorMessage);
    }

    /// <summary>By pay day alone: every return filed for it, one responseBody each.</summary>
    [Fact]
    public async Task EI039_EmployerRetrievesTheReturnsOfAPayDay_Success()
    {
        var (calls, host, time) = await StartAsync();
        await using var ___ = host;
        using var __ = calls;
        var first = (await calls.SendAsync(DemoUser, File(Employer, PayDay, ThreeLines()))).AssertStatus(0).SubmissionKey;
        time.Advance(TimeSpan.FromSeconds(1));
        var second = (await calls.SendAsync(DemoUser, File(Employer, PayDay, [Line("bonus", "123018575", "Mary Mills", gross: 500m, paye: 150m)]))).AssertStatus(0).SubmissionKey;

        var answer = await calls.SendAsync(DemoUser, Retrieve(Employer, PayDay, null));

        Assert.Equal([first, second], answer.AssertStatus(0).Bodies.Select(b => long.Parse(b.Element(Ei + "formFields")!.Element(Ei + "submissionKey")!.Value, System.Globalization.CultureInfo.InvariantCulture)));
    }

    /// <summary>The bankrupt employer's closed account by its ACC identifier; by IRD number the call goes to its open account, which has no return.</summary>
    [Fact]
    public async Task EI040_RetrieveABankruptEmployersReturnByAccIdentifier_Success()
    {
        var (calls, host, _) = await StartAsync();
        await using var ___ = host;
        using var __ = calls;
        var request = Request("body-eiv2-retrieve-return-ACC-Identifer-request.xml", submissionKey: "987654322");

        var answer = await calls.SendAsync(DemoUser, request);
        var byIrd = await calls.SendAsync(DemoUser, Retrieve("139580370", "2021-07-31", 987654322));

        Assert.Equal(2, answer.AssertStatus(0).Lines.Count);
        byIrd.AssertStatus(103);
    }

    // ---- RetrieveStatus ----

    [Fact]
    public async Task EI041_EmployerQueriesTheStatusOfASubmittedReturn_Success()
    {
        var (calls, host, time) = await StartAsync();
        await using var ___ = host;
        using var __ = calls;
        var key = (await calls.SendAsync(DemoUser, File(Employer, PayDay, ThreeLines()))).AssertStatus(0).SubmissionKey;
        time.Advance(TimeSpan.FromMinutes(6));

        var answer = await calls.SendAsync(DemoUser, Status(Employer, PayDay, key));

        // Filed long after its due date (two working days after the pay day): processed late.
        Assert.Equal([("LPRCD", key, "EI2")], answer.AssertStatus(0).Statuses);
        Assert.Equal("Late-processed", answer.Body!.Element(Rc + "returnStatus")!.Element(Rc + "status")!.Value);
    }

    [Fact]
    public async Task EI042_PayrollIntermediaryQueriesALinkedEmployersStatus_Success()
    {
        var (calls, host, time) = await StartAsync();
        await using var ___ = host;
        using var __ = calls;
        var first = (await calls.SendAsync(Intermediary, File(Employer, PayDay, ThreeLines()))).AssertStatus(0).SubmissionKey;
        time.Advance(TimeSpan.FromSeconds(1));
        var second = (await calls.SendAsync(Intermediary, File(Employer, PayDay, [Line("bonus", "123018575", "Mary Mills", gross: 500m)]))).AssertStatus(0).SubmissionKey;

        var answer = await calls.SendAsync(Intermediary, Status(Employer, PayDay, null));

        Assert.Equal([first, second], answer.AssertStatus(0).Statuses.Select(s => s.Key));
    }

    [Fact]
    public async Task EI043_PayrollIntermediaryQueriesAPayDayWithoutAReturn_Status103()
    {
        var answer = await SendAsync(Intermediary, Status(Employer, PayDay, null));

        Assert.Equal("No return found", answer.AssertStatus(103).ErrorMessage);
    }

    [Fact]
    public Task EI044_StatusWithoutAMandatoryField_Status21() => FailsValidationAsync(Without(Status(Employer, PayDay, null), Ei + "payDayDate"));

    [Fact]
    public Task EI045_StatusForAnIncorrectIrdNumber_Status4() => RefusedAsync(DemoUser, Status(NoSuchEmployer, PayDay, null));

    // ---- New 2021 tax codes ----

    /// <summary>The return read back is the one filed: every line's fields as sent, each numbered.</summary>
    [Fact]
    public async Task EI046_FileAnEmployeeOnSA_TheProcessedReturnIsThePayloadFiled()
    {
        var (calls, host, time) = await StartAsync();
        await using var ___ = host;
        using var __ = calls;
        var lines = ThreeLines(maryTaxCode: "SA");
        var key = (await calls.SendAsync(DemoUser, File(Employer, PayDay, lines))).AssertStatus(0).SubmissionKey;
        time.Advance(TimeSpan.FromMinutes(6));

        var back = (await calls.SendAsync(DemoUser, Retrieve(Employer, PayDay, key))).AssertStatus(0).Lines;

        Assert.Equal(lines.Count, back.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            Assert.Equal((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Field(back[i], "lineNumber"));
            XmlShape.AssertEquivalent(lines[i], new XElement(back[i].Name, back[i].Elements().Skip(1)));
        }
    }

    [Fact]
    public async Task EI047_FileWithSAThenRetrieve_TheReturnHasSA()
    {
        var (calls, host, _) = await StartAsync();
        await using var ___ = host;
        using var __ = calls;
        var key = (await calls.SendAsync(DemoUser, File(Employer, PayDay, ThreeLines(maryTaxCode: "SA")))).AssertStatus(0).SubmissionKey;

        var lines = (await calls.SendAsync(DemoUser, Retrieve(Employer, PayDay, key))).AssertStatus(0).Lines;

        Assert.Equal(["SA", "MSL", "S"], lines.Select(l => Field(l, "taxCode")));
    }

    [Fact]
    public async Task EI048_AmendAnEmployeeFromMToSA_Success()
    {
        var (calls, host, time) = await StartAsync();
        await using var ___ = host;
        using var __ = calls;
        var key = (await calls.SendAsync(DemoUser, File(Employer, PayDay, ThreeLines()))).AssertStatus(0).SubmissionKey;
        time.Advance(TimeSpan.FromMinutes(6));

        (await calls.SendAsync(DemoUser, File(Employer, PayDay, [Line("r-1", "123018575", "Mary Mills", "SA")], amends: key))).AssertStatus(0);

        var lines = (await calls.SendAsync(DemoUser, Retrieve(Employer, PayDay, key))).Lines;
        Assert.Equal(["SA", "MSL", "S"], lines.Select(l => Field(l, "taxCode")));
    }

    /// <summary>After an EI with Mary Mills on SA is filed and processed, Prepop shows her on SA (IR's records follow the EI line).</summary>
    [Fact]
    public async Task EI049_PrepopAfterAnEiWithSA_ShowsSA()
    {
        var (calls, host, time) = await StartAsync();
        await using var ___ = host;
        using var __ = calls;
        (await calls.SendAsync(DemoUser, File(Employer, PayDay, ThreeLines(maryTaxCode: "SA")))).AssertStatus(0);
        time.Advance(TimeSpan.FromMinutes(6));

        var answer = await calls.SendAsync(DemoUser, Prepop(Employer, "2025-06-27"));

        Assert.Equal([("123018575", "Mary Mills", "SA"), ("123044037", "Oscar Onsible", "MSL"), ("123110579", "Tony Tang", "S")], answer.AssertStatus(0).Employees);
    }

    // ---- helpers ----

    /// <summary>136000209's three employees on the pay day, referenceIds r-1, r-2, r-3.</summary>
    private static List<XElement> ThreeLines(decimal gross = 2000m, string maryTaxCode = "M") =>
    [
        Line("r-1", "123018575", "Mary Mills", maryTaxCode, gross),
        Line("r-2", "123044037", "Oscar Onsible", "MSL", gross),
        Line("r-3", "123110579", "Tony Tang", "S", gross),
    ];

    /// <summary>A host on a clock the test moves (an EI2 return is processed five minutes after it is filed).</summary>
    private static async Task<(EiCalls Calls, WaharoaTestHost Host, FakeTimeProvider Time)> StartAsync()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var host = await WaharoaTestHost.StartAsync(time);
        return (new EiCalls(host), host, time);
    }

    private static async Task<EiAnswer> SendAsync(string logon, XDocument request)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EiCalls(host);
        return await calls.SendAsync(logon, request);
    }

    private static XDocument Without(XDocument document, XName name)
    {
        document.Descendants(name).Single().Remove();
        return document;
    }

    private static XDocument WithoutFirst(XDocument document, XName name)
    {
        document.Descendants(name).First().Remove();
        return document;
    }

    private static XDocument With(XDocument document, XName name, string value)
    {
        document.Descendants(name).Single().Value = value;
        return document;
    }

    private static async Task FailsValidationAsync(XDocument request)
    {
        var answer = await SendAsync(DemoUser, request);

        Assert.StartsWith("XML Request Failed Validation", answer.AssertStatus(21).ErrorMessage, StringComparison.Ordinal);
        Assert.NotNull(answer.ErrorDescription);
        Assert.Null(answer.Body);
    }

    private static async Task RefusedAsync(string logon, XDocument request)
    {
        var answer = await SendAsync(logon, request);

        Assert.Equal("Unauthorised Delegation", answer.AssertStatus(4).ErrorMessage);
        Assert.Null(answer.Body);
    }

    private static async Task WithoutTokenAsync(XDocument request)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EiCalls(host);

        using var response = await calls.PostAsync(request.ToString(SaveOptions.DisableFormatting), authorization: null);

        var answer = new EiAnswer(XDocument.Parse(await response.Content.ReadAsStringAsync()));
        Assert.Equal("Missing authentication token(s)", answer.AssertStatus(2).ErrorMessage);
        Assert.Equal(Rc + "prepopResponse", answer.Payload.Name);
    }

    private static async Task InvalidTokenAsync(XDocument request)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EiCalls(host);

        using var response = await calls.PostAsync(request.ToString(SaveOptions.DisableFormatting), "Bearer not-a-token");

        var answer = new EiAnswer(XDocument.Parse(await response.Content.ReadAsStringAsync()));
        Assert.Equal("Authentication Failure", answer.AssertStatus(1).ErrorMessage);
    }
}
