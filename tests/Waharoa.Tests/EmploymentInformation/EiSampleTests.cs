using Waharoa.Testing;
using Waharoa.Tests.Intermediation;

namespace Waharoa.Tests.EmploymentInformation;

/// <summary>
/// IR's EI sample messages are test vectors: each sample request, replayed against the demo data through the gateway,
/// gets IR's sample response in shape and value; only what IR allocates per call (gateway identifier, submission key) differs.
/// </summary>
public sealed class EiSampleTests
{
    [Fact]
    public async Task Prepop_Sample_GetsTheSampleResponse()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EiCalls(host);

        var answer = await calls.SendAsync(EiCalls.DemoUser, EiCalls.Sample("body-ei-returnprepop-request.xml"));

        XmlShape.AssertEquivalent(EiCalls.Sample("body-ei-returnprepop-response.xml").Root!, answer.Document.Root!);
    }

    /// <summary>IR's second Prepop response (README: ES-PP-2, employer 123094018, pay day 2018-12-10): five employees, one without a tax code.</summary>
    [Fact]
    public async Task Prepop_SampleFor123094018_GetsItsSampleResponse()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EiCalls(host);

        var answer = await calls.SendAsync(EiCalls.DemoUser, EiCalls.Request("body-ei-returnprepop-request.xml", "123094018", "2018-12-31", "2018-12-10"));

        XmlShape.AssertEquivalent(EiCalls.Sample("body-ei-returnprepop-ird-123094018.xml").Root!, answer.Document.Root!);
    }

    /// <summary>IR's File sample, whose second employee (123037155) fails the modulus-11 check but is held in IR's records (the demo data's too).</summary>
    [Fact]
    public async Task File_Sample_GetsTheSampleResponse()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EiCalls(host);

        var answer = await calls.SendAsync(EiCalls.DemoUser, EiCalls.Sample("body-ei-returnfile-request.xml"));

        XmlShape.AssertEquivalent(EiAnswer.Masked(EiCalls.Sample("body-ei-returnfile-response.xml").Root!), EiAnswer.Masked(answer.Document.Root!));
    }

    /// <summary>
    /// After IR's File sample, Prepop of that pay day shows Keith Kalish (employed from 2017-12-01) beside Arthur Actinic:
    /// the return put him on the employer's records. Ella James starts in 2019, after that pay day's month.
    /// </summary>
    [Fact]
    public async Task File_SampleThenPrepop_ShowsTheEmployeeTheReturnPaid()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EiCalls(host);
        (await calls.SendAsync(EiCalls.DemoUser, EiCalls.Sample("body-ei-returnfile-request.xml"))).AssertStatus(0);

        var answer = await calls.SendAsync(EiCalls.DemoUser, EiCalls.Sample("body-ei-returnprepop-request.xml"));

        Assert.Equal([("123074610", "Arthur Actinic", "M"), ("123028198", "Keith Kalish", "M")], answer.AssertStatus(0).Employees);
    }

    [Fact]
    public async Task RetrieveStatus_Sample_GetsTheSampleResponse()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EiCalls(host);

        var answer = await calls.SendAsync(EiCalls.DemoUser, EiCalls.Sample("body-ei-returnstatus-request.xml"));

        XmlShape.AssertEquivalent(EiCalls.Sample("body-ei-returnstatus-response.xml").Root!, answer.Document.Root!);
    }

    [Fact]
    public async Task RetrieveReturn_Sample_GetsTheSampleResponse()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EiCalls(host);

        var answer = await calls.SendAsync(EiCalls.DemoUser, EiCalls.Sample("body-ei-retrievereturn-request.xml"));

        XmlShape.AssertEquivalent(EiCalls.Sample("body-ei-retrievereturn-response.xml").Root!, answer.Document.Root!);
    }

    [Fact]
    public async Task RetrieveFilingObligations_Sample_GetsTheSampleResponse()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EiCalls(host);

        var answer = await calls.SendAsync(EiCalls.DemoUser, EiCalls.Sample("body-ei-filingobligation-request.xml"));

        XmlShape.AssertEquivalent(EiCalls.Sample("body-ei-filingobligation-response.xml").Root!, answer.Document.Root!);
    }

    /// <summary>
    /// IR's ACC-identifier sample (no response sample of its own) reaches the bankrupt employer's closed account, whose
    /// return comes back in the RetrieveReturn response's shape. IR's samples give three employers' returns the key
    /// 987654321; keys are unique here, so this one is 987654322.
    /// </summary>
    [Fact]
    public async Task RetrieveReturn_AccIdentifierSample_GetsTheClosedAccountsReturn()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EiCalls(host);
        var request = EiCalls.Sample("body-eiv2-retrieve-return-ACC-Identifer-request.xml");
        request.Descendants(EiAnswer.Ei + "submissionKey").Single().Value = "987654322";

        var answer = await calls.SendAsync(EiCalls.DemoUser, request);

        answer.AssertStatus(0);
        Assert.Equal("2021-07-31", answer.Body!.Element(EiAnswer.Ei + "formFields")!.Element(EiAnswer.Ei + "payDayDate")!.Value);
        Assert.Equal(["Keith Kalish", "Ella James"], answer.Lines.Select(l => EiAnswer.Field(l, "employeeName")));
    }
}
