using System.Xml.Linq;
using Microsoft.Extensions.Time.Testing;
using Waharoa.Testing;
using Waharoa.Tests.Intermediation;
using static Waharoa.Tests.Returns.ReturnAnswer;

namespace Waharoa.Tests.Returns;

/// <summary>
/// IR's two GST test report templates, one test per scenario ID, through the gateway with a real DSP client against the
/// demo data: "GST - Return Service" (GST001–GST032) and "Mock - GST Returns Service" (EMS_GST001–EMS_GST037). The
/// customer is the demo user TR24573773 (who owns IR's mock customers, as any user reaches IR's mock data); the tax
/// agent is GstAgent, whose client list links 123080106's, 123084226's and 139519167's GST accounts.
/// </summary>
public sealed class ReturnsScenarioTests
{
    private const string Customer = ReturnsCalls.DemoUser;
    private const string Agent = "GstAgent";
    private const string Gst101Customer = "123039858";
    private const string Gst103Customer = "123084226";
    private const string LinkedGst101 = "123080106";
    private const string LinkedGst103 = "123084226";
    private const string Unlinked = "123039858";
    private const string NotRegistered = "136000004";
    private const string Period = "2017-07-31";

    // ---- GST - Return Service: returnFile ----

    [Fact]
    public Task GST001_CustomerFilesAGst101Return_Success() => FiledAsync(Customer, Gst101Customer, "101A");

    [Fact]
    public Task GST002_CustomerFilesAGst103Return_Success() => FiledAsync(Customer, Gst103Customer, "103C");

    [Fact]
    public Task GST003_AgentFilesAGst101ReturnForALinkedCustomer_Success() => FiledAsync(Agent, LinkedGst101, "101A");

    [Fact]
    public Task GST004_AgentFilesAGst103ReturnForALinkedCustomer_Success() => FiledAsync(Agent, LinkedGst103, "103C");

    [Fact]
    public Task GST005_FileWithoutAToken_Status2() => WithoutTokenAsync(File(Gst101Customer, "101A"));

    [Fact]
    public Task GST006_FileWithAnExpiredToken_Status1() => ExpiredTokenAsync(File(Gst101Customer, "101A"));

    [Fact]
    public Task GST007_AgentFilesForANonLinkedClient_Status4() => RefusedAsync(Agent, File(Unlinked, "101A"));

    [Fact]
    public Task GST008_CustomerNotRegisteredForGstFiles_Status4() => RefusedAsync(Customer, File(NotRegistered, "101A"));

    // ---- retrieveReturn ----

    [Fact]
    public Task GST009_CustomerRetrievesASubmittedReturn_Success() => RetrievesFiledReturnAsync(Customer, Gst101Customer);

    [Fact]
    public Task GST010_AgentRetrievesAReturnOfALinkedCustomer_Success() => RetrievesFiledReturnAsync(Agent, LinkedGst101);

    [Fact]
    public Task GST011_RetrieveReturnWithoutAToken_Status2() => WithoutTokenAsync(Request("body-gst-retrievereturn-request.xml", Gst101Customer));

    [Fact]
    public Task GST012_RetrieveReturnWithAnExpiredToken_Status1() => ExpiredTokenAsync(Request("body-gst-retrievereturn-request.xml", Gst101Customer));

    [Fact]
    public Task GST013_AgentRetrievesAReturnOfANonLinkedClient_Status4() => RefusedAsync(Agent, Request("body-gst-retrievereturn-request.xml", Unlinked));

    [Fact]
    public Task GST014_CustomerNotRegisteredForGstRetrievesAReturn_Status4() => RefusedAsync(Customer, Request("body-gst-retrievereturn-request.xml", NotRegistered));

    // ---- retrieveFilingObligation ----

    [Fact]
    public Task GST015_CustomerRetrievesTheNextDueDate_Success() => ObligationsAsync(Customer, Gst101Customer);

    [Fact]
    public Task GST016_AgentRetrievesTheNextDueDateOfALinkedCustomer_Success() => ObligationsAsync(Agent, LinkedGst101);

    [Fact]
    public Task GST017_FilingObligationsWithoutAToken_Status2() => WithoutTokenAsync(Request("body-gst-filingobligation-request.xml", Gst101Customer));

    [Fact]
    public Task GST018_FilingObligationsWithAnExpiredToken_Status1() => ExpiredTokenAsync(Request("body-gst-filingobligation-request.xml", Gst101Customer));

    [Fact]
    public Task GST019_AgentRetrievesTheDueDateOfANonLinkedClient_Status4() => RefusedAsync(Agent, Request("body-gst-filingobligation-request.xml", Unlinked));

    [Fact]
    public Task GST020_CustomerNotRegisteredForGstRetrievesADueDate_Status4() => RefusedAsync(Customer, Request("body-gst-filingobligation-request.xml", NotRegistered));

    // ---- RetrieveStatus ----

    [Fact]
    public Task GST021_CustomerRetrievesTheStatusOfASubmittedReturn_Success() => StatusOfFiledReturnAsync(Customer, Gst101Customer);

    [Fact]
    public Task GST022_AgentRetrievesTheStatusOfALinkedCustomersReturn_Success() => StatusOfFiledReturnAsync(Agent, LinkedGst101);

    [Fact]
    public Task GST023_RetrieveStatusWithoutAToken_Status2() => WithoutTokenAsync(Request("body-gst-returnstatus-request.xml", Gst101Customer));

    [Fact]
    public Task GST024_RetrieveStatusWithAnExpiredToken_Status1() => ExpiredTokenAsync(Request("body-gst-returnstatus-request.xml", Gst101Customer));

    [Fact]
    public Task GST025_AgentRetrievesTheStatusForANonLinkedClient_Status4() => RefusedAsync(Agent, Request("body-gst-returnstatus-request.xml", Unlinked));

    [Fact]
    public Task GST026_CustomerNotRegisteredForGstRetrievesAStatus_Status4() => RefusedAsync(Customer, Request("body-gst-returnstatus-request.xml", NotRegistered));

    // ---- prepop ----

    [Fact]
    public Task GST027_CustomerPrepopulatesAGstReturn_Success() => PrepopAsync(Customer, Gst101Customer, "101A");

    [Fact]
    public Task GST028_AgentPrepopulatesAGstReturnForALinkedCustomer_Success() => PrepopAsync(Agent, LinkedGst101, "101A");

    [Fact]
    public Task GST029_PrepopWithoutAToken_Status2() => WithoutTokenAsync(Request("body-gst-returnprepop-request.xml", Gst101Customer));

    [Fact]
    public Task GST030_PrepopWithAnExpiredToken_Status1() => ExpiredTokenAsync(Request("body-gst-returnprepop-request.xml", Gst101Customer));

    [Fact]
    public Task GST031_AgentPrepopulatesForANonLinkedCustomer_Status4() => RefusedAsync(Agent, Request("body-gst-returnprepop-request.xml", Unlinked));

    [Fact]
    public Task GST032_CustomerNotRegisteredForGstPrepopulates_Status4() => RefusedAsync(Customer, Request("body-gst-returnprepop-request.xml", NotRegistered));

    // ---- Mock - GST Returns Service: File ----

    [Fact]
    public Task EMS_GST001_CustomerFilesAGst101A_Success() => FiledAsync(Customer, "123090918", "101A");

    [Theory]
    [InlineData("EMS_GST002", "103C", "123084225", "2017-07-31")]
    [InlineData("EMS_GST003", "103D", "123084217", "2017-03-31")]
    [InlineData("EMS_GST004", "103E", "123088077", "2017-05-31")]
    [InlineData("EMS_GST005", "103F", "123070054", "2017-01-31")]
    [InlineData("EMS_GST006", "103G", "123101294", "2017-07-31")]
    [InlineData("EMS_GST007", "103H", "123084225", "2017-06-30")]
    public async Task EMS_GST002to007_CustomerFilesEachGst103Form_Success(string scenario, string form, string ird, string period)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new ReturnsCalls(host);

        var answer = await calls.SendAsync(Customer, ReturnsCalls.Sample($"body-gst-returnfile-request-GST{form}.xml", identifier: ird, period: period));

        Assert.True(answer.StatusCode == 0, $"{scenario}: {answer.Document}");
        Assert.Matches(@"^0000 [0-9A-Z]{4} [0-9A-Z]{4} \d$", answer.Body!.Element(Rc + "gatewayId")!.Value);
    }

    [Fact]
    public Task EMS_GST008_AgentFilesAGst101AForALinkedCustomer_Success() => FiledAsync(Agent, LinkedGst101, "101A");

    [Fact]
    public Task EMS_GST009_AgentFilesAGst103CForALinkedCustomer_Success() => FiledAsync(Agent, LinkedGst103, "103C");

    [Fact]
    public Task EMS_GST010_FileWithoutAToken_Status2() => WithoutTokenAsync(File(Gst101Customer, "101A"));

    [Fact]
    public Task EMS_GST011_FileWithAnInvalidToken_Status1() => InvalidTokenAsync(File(Gst101Customer, "101A"));

    /// <summary>IR's README gives 123039456 (a number failing the check digit, linked to no one) as the non-linked client.</summary>
    [Fact]
    public Task EMS_GST012_AgentFilesForANonLinkedClient_Status4() => RefusedAsync(Agent, File("123039456", "101A"));

    [Fact]
    public Task EMS_GST013_NonRegisteredCustomerFiles_Status4() => RefusedAsync(Customer, File(NotRegistered, "101A"));

    // ---- RetrieveStatus ----

    [Fact]
    public Task EMS_GST014_CustomerRetrievesTheStatusOfASubmittedReturn_Success() => StatusOfFiledReturnAsync(Customer, Gst101Customer);

    [Fact]
    public Task EMS_GST015_AgentRetrievesTheStatusForALinkedCustomer_Success() => StatusOfFiledReturnAsync(Agent, LinkedGst101);

    [Fact]
    public Task EMS_GST016_RetrieveStatusWithoutAToken_Status2() => WithoutTokenAsync(Request("body-gst-returnstatus-request.xml", Gst101Customer));

    [Fact]
    public Task EMS_GST017_RetrieveStatusWithAnInvalidToken_Status1() => InvalidTokenAsync(Request("body-gst-returnstatus-request.xml", Gst101Customer));

    // ---- RetrieveReturn ----

    [Fact]
    public Task EMS_GST018_CustomerRetrievesASubmittedReturn_Success() => RetrievesFiledReturnAsync(Customer, Gst101Customer);

    [Fact]
    public Task EMS_GST019_AgentRetrievesAReturnForALinkedCustomer_Success() => RetrievesFiledReturnAsync(Agent, LinkedGst101);

    /// <summary>
    /// The bankrupt customer's closed account, named by its ACC identifier, holds the return IR's sample gives back; named
    /// by IRD number, the call goes to the open account instead (build pack §3).
    /// </summary>
    [Fact]
    public async Task EMS_GST020_AgentRetrievesABankruptCustomersReturnByAccountIdentifier_Success()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new ReturnsCalls(host);

        var answer = await calls.SendAsync(Agent, ReturnsCalls.Sample("body-gst-retrievereturn-request.xml", identifier: "139519167GST005", identifierType: "ACC", period: "2021-07-31"));
        var byIrd = await calls.SendAsync(Agent, ReturnsCalls.Sample("body-gst-retrievereturn-request.xml", identifier: "139519167", period: "2021-07-31"));

        XmlShape.AssertEquivalent(ReturnsCalls.Sample("body-gst-retrievereturn-response.xml").Root!, answer.Document.Root!);
        // By IRD number the call goes to the open account, whose first period ends after 2021-07-31.
        byIrd.AssertStatus(104);
    }

    [Fact]
    public Task EMS_GST021_RetrieveReturnWithoutAToken_Status2() => WithoutTokenAsync(Request("body-gst-retrievereturn-request.xml", Gst101Customer));

    [Fact]
    public Task EMS_GST022_RetrieveReturnWithAnInvalidToken_Status1() => InvalidTokenAsync(Request("body-gst-retrievereturn-request.xml", Gst101Customer));

    // ---- Prepop ----

    [Fact]
    public async Task EMS_GST023_CustomerPrepopWithAllFieldsPopulated_Success()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new ReturnsCalls(host);

        var answer = await calls.SendAsync(Customer, Request("body-gst-returnprepop-request.xml", "136000039"));

        answer.AssertStatus(0);
        Assert.Equal(
            ["accountId", "periodEndDate", "filingFrequency", "dueDate", "expectedMinorFormType", "multiBranch", "provFiler", "provOption", "compulsory",
                "provTaxInstalmentAmount", "ratioTaxPercent", "hospiceFiler", "hospiceType"],
            answer.Body!.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("103E", answer.Body.Element(Gst + "expectedMinorFormType")!.Value);
        Assert.Equal("HOSPTL", answer.Body.Element(Gst + "hospiceType")!.Value);
    }

    [Theory]
    [InlineData("EMS_GST024", "123039858", "2017-07-31", "101A")]
    [InlineData("EMS_GST025", "123084226", "2017-07-31", "103C")]
    [InlineData("EMS_GST026", "123084217", "2017-03-31", "103D")]
    [InlineData("EMS_GST027", "123088077", "2017-05-31", "103E")]
    [InlineData("EMS_GST028", "123070054", "2017-01-31", "103F")]
    [InlineData("EMS_GST029", "123101294", "2017-07-31", "103G")]
    [InlineData("EMS_GST030", "123084225", "2017-06-30", "103H")]
    public async Task EMS_GST024to030_CustomerPrepopForEachForm_Success(string scenario, string ird, string period, string form)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new ReturnsCalls(host);

        var answer = await calls.SendAsync(Customer, ReturnsCalls.Sample("body-gst-returnprepop-request.xml", identifier: ird, period: period));

        Assert.True(answer.StatusCode == 0, $"{scenario}: {answer.Document}");
        Assert.Equal(form, answer.Body!.Element(Gst + "expectedMinorFormType")!.Value);
    }

    [Fact]
    public Task EMS_GST031_AgentPrepopForALinkedCustomer_Success() => PrepopAsync(Agent, LinkedGst101, "101A");

    [Fact]
    public Task EMS_GST032_PrepopWithoutAToken_Status2() => WithoutTokenAsync(Request("body-gst-returnprepop-request.xml", Gst101Customer));

    [Fact]
    public Task EMS_GST033_PrepopWithAnInvalidToken_Status1() => InvalidTokenAsync(Request("body-gst-returnprepop-request.xml", Gst101Customer));

    // ---- RetrieveFilingObligations ----

    [Fact]
    public Task EMS_GST034_CustomerRetrievesTheNextDueDate_Success() => ObligationsAsync(Customer, Gst101Customer);

    [Fact]
    public Task EMS_GST035_AgentRetrievesTheNextDueDateForALinkedCustomer_Success() => ObligationsAsync(Agent, LinkedGst101);

    [Fact]
    public Task EMS_GST036_FilingObligationsWithoutAToken_Status2() => WithoutTokenAsync(Request("body-gst-filingobligation-request.xml", Gst101Customer));

    [Fact]
    public Task EMS_GST037_FilingObligationsWithAnInvalidToken_Status1() => InvalidTokenAsync(Request("body-gst-filingobligation-request.xml", Gst101Customer));

    // ---- helpers ----

    /// <summary>IR's File sample for <paramref name="form"/> (101A or 103C), for <paramref name="ird"/> and the period ending 2017-07-31.</summary>
    private static XDocument File(string ird, string form) =>
        ReturnsCalls.Sample($"body-gst-returnfile-request-GST{form}.xml", identifier: ird, period: Period);

    /// <summary>IR's sample request <paramref name="file"/> for <paramref name="ird"/> (and the period ending 2017-07-31 where it has one).</summary>
    private static XDocument Request(string file, string ird)
    {
        var document = ReturnsCalls.Sample(file, identifier: ird);
        foreach (var period in document.Descendants(Rc + "periodEndDate"))
        {
            period.Value = Period;
        }

        return document;
    }

    private static async Task FiledAsync(string logon, string ird, string form)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new ReturnsCalls(host);

        var answer = await calls.SendAsync(logon, File(ird, form));

        answer.AssertStatus(0);
        Assert.Equal(string.Empty, answer.ErrorMessage);
        Assert.Matches(@"^0000 [0-9A-Z]{4} [0-9A-Z]{4} \d$", answer.Body!.Element(Rc + "gatewayId")!.Value);
        Assert.InRange(answer.SubmissionKey, 1, int.MaxValue);
        var status = await calls.SendAsync(logon, Request("body-gst-returnstatus-request.xml", ird));
        Assert.Equal(answer.SubmissionKey, status.AssertStatus(0).SubmissionKey);
    }

    private static async Task RetrievesFiledReturnAsync(string logon, string ird)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new ReturnsCalls(host);
        var filed = File(ird, "101A");
        (await calls.SendAsync(logon, filed)).AssertStatus(0);

        var answer = await calls.SendAsync(logon, Request("body-gst-retrievereturn-request.xml", ird));

        answer.AssertStatus(0);
        Assert.Equal("false", answer.Body!.Element(Rc + "standardFields")!.Element(Rc + "isNilReturn")!.Value);
        var sent = filed.Descendants(Gst + "gstSpecificFields").Single();
        XmlShape.AssertEquivalent(sent, answer.Body.Element(Gst + "formFields")!.Element(Gst + "gstSpecificFields")!);
    }

    private static async Task StatusOfFiledReturnAsync(string logon, string ird)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new ReturnsCalls(host);
        var filed = (await calls.SendAsync(logon, File(ird, "101A"))).AssertStatus(0);

        var answer = await calls.SendAsync(logon, Request("body-gst-returnstatus-request.xml", ird));

        var status = answer.AssertStatus(0).Body!.Element(Rc + "status")!;
        Assert.Equal(("SUB", "Submitted"), ((string)status.Attribute("code")!, status.Value));
        Assert.Equal(filed.SubmissionKey, answer.SubmissionKey);
    }

    private static async Task ObligationsAsync(string logon, string ird)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new ReturnsCalls(host);

        var answer = await calls.SendAsync(logon, Request("body-gst-filingobligation-request.xml", ird));

        var obligations = answer.AssertStatus(0).Body!.Elements(Rc + "filingObligation").ToList();
        Assert.NotEmpty(obligations);
        Assert.Contains(obligations, o => o.Element(Rc + "periodEndDate")!.Value == Period && (string)o.Element(Rc + "status")!.Attribute("code")! == "OVERDU"
            && o.Element(Rc + "dueDate")!.Value == "2017-08-28");
    }

    private static async Task PrepopAsync(string logon, string ird, string form)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new ReturnsCalls(host);

        var answer = await calls.SendAsync(logon, Request("body-gst-returnprepop-request.xml", ird));

        Assert.Equal(ird, answer.AssertStatus(0).Body!.Element(Gst + "accountId")!.Value);
        Assert.Equal(form, answer.Body!.Element(Gst + "expectedMinorFormType")!.Value);
        Assert.Equal("2017-08-28", answer.Body.Element(Gst + "dueDate")!.Value);
    }

    private static async Task RefusedAsync(string logon, XDocument request)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new ReturnsCalls(host);

        var answer = await calls.SendAsync(logon, request);

        Assert.Equal("Unauthorised Delegation", answer.AssertStatus(4).ErrorMessage);
        Assert.Null(answer.Body);
    }

    private static async Task WithoutTokenAsync(XDocument request)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new ReturnsCalls(host);

        using var response = await calls.PostAsync(request.ToString(SaveOptions.DisableFormatting), authorization: null);

        var answer = new ReturnAnswer(XDocument.Parse(await response.Content.ReadAsStringAsync()));
        Assert.Equal("Missing authentication token(s)", answer.AssertStatus(2).ErrorMessage);
        Assert.Null(answer.Body);
    }

    private static async Task InvalidTokenAsync(XDocument request)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new ReturnsCalls(host);

        using var response = await calls.PostAsync(request.ToString(SaveOptions.DisableFormatting), "Bearer not-a-token");

        var answer = new ReturnAnswer(XDocument.Parse(await response.Content.ReadAsStringAsync()));
        Assert.Equal("Authentication Failure", answer.AssertStatus(1).ErrorMessage);
    }

    /// <summary>A real access token of the customer, presented after its lifetime has passed (the server's clock moved on a day).</summary>
    private static async Task ExpiredTokenAsync(XDocument request)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await WaharoaTestHost.StartAsync(time);
        using var calls = new ReturnsCalls(host);
        var bearer = await calls.BearerForAsync(Customer);
        time.Advance(TimeSpan.FromDays(1));

        using var response = await calls.PostAsync(request.ToString(SaveOptions.DisableFormatting), bearer);

        var answer = new ReturnAnswer(XDocument.Parse(await response.Content.ReadAsStringAsync()));
        Assert.Equal("Authentication Failure", answer.AssertStatus(1).ErrorMessage);
    }
}
