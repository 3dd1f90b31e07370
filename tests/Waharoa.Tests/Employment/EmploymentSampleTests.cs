using System.Xml.Linq;
using Waharoa.Testing;
using Waharoa.Tests.Intermediation;
using static Waharoa.Tests.Employment.EmploymentCalls;

namespace Waharoa.Tests.Employment;

/// <summary>
/// IR's Employment service sample messages are test vectors: each sample request, replayed against the demo data through
/// the gateway, gets IR's sample response. IR's samples act for employer 123456789 (its IRD number and its samples'
/// employee 123456789 fail the check digit: the demo employer takes them, as IR's mock does); the error samples' requests
/// are not published, so each is the nearest sample request changed as the error's name says.
/// </summary>
public sealed class EmploymentSampleTests
{
    private const string Unauthorised = "PaydayUnauthorised";

    /// <summary>IR's samples of one employee in turn: started (Create), changed (Update), then ended (Terminate).</summary>
    [Fact]
    public async Task CreateThenUpdateThenTerminate_Samples_GetTheSampleResponses()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EmploymentCalls(host);

        var created = await calls.SendAsync(DemoLogon, Sample("body-employment-create-request.xml"));
        var updated = await calls.SendAsync(DemoLogon, Sample("body-employment-update-request.xml"));
        var terminated = await calls.SendAsync(DemoLogon, Sample("body-employment-terminate-request.xml"));

        XmlShape.AssertEquivalent(Sample("body-employment-create-response.xml").Root!, created.Document.Root!);
        XmlShape.AssertEquivalent(Sample("body-employment-update-response.xml").Root!, updated.Document.Root!);
        XmlShape.AssertEquivalent(Sample("body-employment-terminate-response.xml").Root!, terminated.Document.Root!);
        var line = Assert.Single((await calls.SendAsync(DemoLogon, RetrieveList("123456789", "123456789"))).Employees);
        Assert.Equal(["2015-07-31", "2017-07-31"], new[] { "employmentStartDate", "employmentFinishDate" }.Select(f => EmploymentAnswer.Field(line, f)));
    }

    [Fact]
    public async Task RetrieveList_Sample_GetsTheSampleResponse()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EmploymentCalls(host);

        var answer = await calls.SendAsync(DemoLogon, Sample("body-employment-retrievelist-request.xml"));

        XmlShape.AssertEquivalent(Sample("body-employment-retrievelist-response.xml").Root!, answer.Document.Root!);
    }

    /// <summary>IR's multiple-employee response, of the demo employer that holds its thirteen lines: RetrieveList without an employee.</summary>
    [Fact]
    public async Task RetrieveList_EveryEmployee_GetsTheMultipleSampleResponse()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EmploymentCalls(host);
        var request = Sample("body-employment-retrievelist-request.xml");
        request.Descendants(Cmn + "identifier").Single().Value = "136000101";
        request.Descendants(Emp + "employeeIRD").Single().Remove();

        var answer = await calls.SendAsync(DemoLogon, request);

        XmlShape.AssertEquivalent(Sample("body-employment-retrievelist-multiple-response.xml").Root!, answer.Document.Root!);
    }

    [Theory]
    [InlineData("body-employment-create-request.xml", "body-employment-create-response-error-unauth-delegate.xml")]
    [InlineData("body-employment-update-request.xml", "body-employment-update-response-error-unauth-delegate.xml")]
    public async Task Sample_ByAnUnauthorisedDelegate_GetsTheUnauthDelegateSample(string requestFile, string responseFile)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EmploymentCalls(host);

        var answer = await calls.SendAsync(Unauthorised, Sample(requestFile));

        XmlShape.AssertEquivalent(Sample(responseFile).Root!, answer.Document.Root!);
    }

    [Theory]
    [InlineData("bank-not-omitted", "body-employment-update-response-error-bank-not-omitted.xml")]
    [InlineData("sigDate-not-omitted", "body-employment-update-response-error-sigDate-not-omitted.xml")]
    [InlineData("optOut-needs-bank", "body-employment-update-response-error-optOut-needs-bank.xml")]
    [InlineData("optOut-before14days", "body-employment-update-response-error-optOut-before14days.xml")]
    public async Task Update_ErrorSample_GetsTheSampleResponseAndChangesNothing(string error, string responseFile)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EmploymentCalls(host);
        (await calls.SendAsync(DemoLogon, Sample("body-employment-create-request.xml"))).AssertStatus(0);

        var answer = await calls.SendAsync(DemoLogon, UpdateSampleWith(error));

        XmlShape.AssertEquivalent(Sample(responseFile).Root!, answer.Document.Root!);
        var line = Assert.Single((await calls.SendAsync(DemoLogon, RetrieveList("123456789", "123456789"))).Employees);
        Assert.Equal("2005-07-20", EmploymentAnswer.Field(line, "employmentStartDate"));
    }

    /// <summary>IR's Update sample changed as an error sample's name says: opting in with a bank account or a signature date; opting out without a bank account, or in the first 14 days.</summary>
    private static XDocument UpdateSampleWith(string error)
    {
        var request = Sample("body-employment-update-request.xml");
        var body = request.Descendants(Emp + "updateBody").Single();
        var optedOut = body.Element(Emp + "optedOut")!;
        var bank = new XElement(Emp + "employeeBankAccountNumber", new XElement(Cmn + "nzBankStandard",
            new XElement(Cmn + "bank", "12"), new XElement(Cmn + "branch", "3456"), new XElement(Cmn + "account", "01234567"), new XElement(Cmn + "suffix", "0000")));
        var holder = new XElement(Emp + "accountHolderName", new XElement(Cmn + "nameFirst", "firstName"), new XElement(Cmn + "nameSurname", "surname"));
        var signed = new XElement(Emp + "optedOutSignatureDate", DaysFromToday(0));
        switch (error)
        {
            case "bank-not-omitted":
                optedOut.AddAfterSelf(bank, holder);
                break;
            case "sigDate-not-omitted":
                optedOut.AddAfterSelf(signed);
                break;
            case "optOut-needs-bank":
                OptOut(body, optedOut);
                optedOut.AddAfterSelf(holder, signed);
                break;
            default:
                OptOut(body, optedOut);
                body.Element(Emp + "employmentStartDate")!.Value = DaysFromToday(0);
                optedOut.AddAfterSelf(bank, holder, signed);
                break;
        }

        return request;
    }

    /// <summary>An opt-out (a KS10) leaves the KiwiSaver eligibility out.</summary>
    private static void OptOut(XElement body, XElement optedOut)
    {
        body.Element(Emp + "employeeKiwiSaverEligibility")!.Remove();
        optedOut.Value = "true";
    }
}
