using System.Xml.Linq;
using Microsoft.Extensions.Time.Testing;
using Waharoa.Server.Sandbox.Returns;
using Waharoa.Testing;
using Waharoa.Tests.Gateway;
using static Waharoa.Tests.EmploymentInformation.EiAnswer;
using static Waharoa.Tests.EmploymentInformation.EiCalls;

namespace Waharoa.Tests.EmploymentInformation;

/// <summary>
/// EI's wire beside GST's on the one Return service: the request's version chooses the schemas it is checked against and
/// the version of the answer; refusals come in that version too.
/// </summary>
public sealed class EiProtocolTests
{
    private const string PayDay = "2025-06-13";

    [Fact]
    public async Task M2mJwt_OnAnEiRequest_RefusedAsAnInvalidTokenInVersion2()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EiCalls(host);
        using var certificate = host.LoadCloudClientCertificate();
        var m2m = M2mTokens.Create(certificate, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(9), startLogon: DemoUser);

        using var refused = await calls.PostAsync(Prepop(Employer, PayDay).ToString(), m2m);

        var answer = new EiAnswer(XDocument.Parse(await refused.Content.ReadAsStringAsync()));
        Assert.Equal("Authentication Failure", answer.AssertStatus(1).ErrorMessage);
        Assert.Equal(Rc + "prepopResponse", answer.Payload.Name);
    }

    /// <summary>A nil wrapper carries no payload to tell its version by: the answer is 100 in GST's version, the service's first.</summary>
    [Fact]
    public async Task NilWrapper_Status100InVersion1()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EiCalls(host);
        var request = Prepop(Employer, PayDay);
        var wrapper = request.Descendants().Single(e => e.Name.LocalName == "PrepopRequestWrapper");
        wrapper.RemoveNodes();
        wrapper.SetAttributeValue(XName.Get("nil", "http://www.w3.org/2001/XMLSchema-instance"), "true");

        var answer = await calls.SendAsync(DemoUser, request);

        XNamespace v1 = "urn:www.ird.govt.nz/GWS:types/Common.v1";
        var status = answer.Payload.Element(v1 + "statusMessage")!;
        Assert.Equal(("100", "Invalid request data"), (status.Element(v1 + "statusCode")!.Value, status.Element(v1 + "errorMessage")!.Value));
    }

    [Fact]
    public async Task AccountTypeOtherThanAnEmployers_Status102()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EiCalls(host);
        var request = Prepop(Employer, PayDay);
        request.Descendants(Cmn + "accountType").Single().Value = "GST";

        var answer = await calls.SendAsync(DemoUser, request);

        Assert.Equal("ID/Account type not valid", answer.AssertStatus(102).ErrorMessage);
        Assert.Contains("GST", answer.ErrorDescription, StringComparison.Ordinal);
    }

    /// <summary>A GST (v1) payload is still checked against GST's schemas: an EI2 form type there is not served (106, in v1).</summary>
    [Fact]
    public async Task GstPayloadNamingEI2_Status106InVersion1()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EiCalls(host);
        var request = XDocument.Load(SpecFiles.Path("ir-returns", "gst", "sample messages", "body-gst-returnprepop-request.xml"));
        request.Descendants(XName.Get("majorFormType", "urn:www.ird.govt.nz/GWS:types/ReturnCommon.v1")).Single().Value = "EI2";

        var answer = await calls.SendAsync(DemoUser, request);

        var v1 = answer.Payload.Element(XName.Get("statusMessage", "urn:www.ird.govt.nz/GWS:types/Common.v1"))!;
        Assert.Equal("106", v1.Element(XName.Get("statusCode", "urn:www.ird.govt.nz/GWS:types/Common.v1"))!.Value);
    }

    /// <summary>An EI payload against GST's schemas would not validate: it is checked against EI's, field by field.</summary>
    [Fact]
    public async Task EiPayload_CheckedAgainstEisSchemas_Status21NamesTheField()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EiCalls(host);
        var request = File(Employer, PayDay, [Line("r-1", "123018575", "Mary Mills", frequency: "WEEKLY")]);

        var answer = await calls.SendAsync(DemoUser, request);

        answer.AssertStatus(21);
        Assert.Contains("employeePayFrequency", answer.ErrorDescription, StringComparison.Ordinal);
    }

    /// <summary>Every EI answer is valid against IR's own schemas (the payload under the response wrapper).</summary>
    [Fact]
    public async Task Answers_AreValidAgainstIrsSchemas()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await WaharoaTestHost.StartAsync(time);
        using var calls = new EiCalls(host);
        var key = (await calls.SendAsync(DemoUser, File(Employer, PayDay, [Line("r-1", "123018575", "Mary Mills")]))).AssertStatus(0).SubmissionKey;
        time.Advance(TimeSpan.FromMinutes(6));
        XDocument[] requests =
        [
            Prepop(Employer, PayDay),
            File(Employer, PayDay, [Line("r-1", "123018575", "Mary Mills", gross: 1)], amends: key),
            Status(Employer, PayDay, null),
            Retrieve(Employer, PayDay, key),
            Sample("body-ei-filingobligation-request.xml"),
            File(Employer, PayDay, [Line("r-1", "123018575", "Mary Mills", "ESS")]),
            Retrieve("136000225", PayDay, null),
        ];

        foreach (var request in requests)
        {
            var answer = await calls.SendAsync(DemoUser, request);
            var problem = ReturnsContract.EiContract.Validate(answer.Payload);
            Assert.True(problem is null, $"{answer.Document}: {problem}");
        }
    }
}
