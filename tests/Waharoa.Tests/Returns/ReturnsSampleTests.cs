using Waharoa.Testing;
using Waharoa.Tests.Intermediation;

namespace Waharoa.Tests.Returns;

/// <summary>
/// IR's GST sample messages are test vectors: each sample request, replayed against the demo data through the gateway,
/// gets IR's sample response; only the values IR allocates per call (gateway identifier, submission key) differ.
/// </summary>
public sealed class ReturnsSampleTests
{
    [Theory]
    [InlineData("123039858", "2017-07-31", "body-gst-returnprepop-response.xml")]
    [InlineData("123080106", "2017-07-31", "body-gst-returnprepop-resp123080106.xml")]
    [InlineData("123084226", "2017-07-31", "body-gst-returnprepop-resp123084226.xml")]
    [InlineData("123084217", "2017-03-31", "body-gst-returnprepop-resp123084217.xml")]
    [InlineData("123088077", "2017-05-31", "body-gst-returnprepop-resp123088077.xml")]
    [InlineData("123070054", "2017-01-31", "body-gst-returnprepop-resp123070054.xml")]
    [InlineData("123101294", "2017-07-31", "body-gst-returnprepop-resp123101294.xml")]
    [InlineData("123084225", "2017-06-30", "body-gst-returnprepop-resp123084225.xml")]
    public async Task Prepop_EachMockCustomer_GetsIrsSampleResponse(string ird, string period, string responseFile)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new ReturnsCalls(host);

        var answer = await calls.SendAsync(ReturnsCalls.DemoUser, ReturnsCalls.Sample("body-gst-returnprepop-request.xml", identifier: ird, period: period));

        XmlShape.AssertEquivalent(ReturnsCalls.Sample(responseFile).Root!, answer.Document.Root!);
    }

    [Fact]
    public async Task FilingObligations_Sample_GetsTheSampleResponse()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new ReturnsCalls(host);

        var answer = await calls.SendAsync(ReturnsCalls.DemoUser, ReturnsCalls.Sample("body-gst-filingobligation-request.xml"));

        XmlShape.AssertEquivalent(ReturnsCalls.Sample("body-gst-filingobligation-response.xml").Root!, answer.Document.Root!);
    }

    /// <summary>
    /// IR's samples of one return in turn: 123039858's 2017-07-31 return is filed (File sample), then its status is read
    /// (RetrieveStatus sample, "Submitted" with the key the File gave) and the return read back (RetrieveReturn sample,
    /// exactly as filed).
    /// </summary>
    [Fact]
    public async Task FileThenStatusThenReturn_Samples_GetTheSampleResponses()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new ReturnsCalls(host);

        var filed = await calls.SendAsync(ReturnsCalls.DemoUser, ReturnsCalls.Sample("body-gst-returnfile-request-GST101A.xml"));
        var status = await calls.SendAsync(ReturnsCalls.DemoUser, ReturnsCalls.Sample("body-gst-returnstatus-request.xml"));
        var filedReturn = await calls.SendAsync(ReturnsCalls.DemoUser, ReturnsCalls.Sample("body-gst-retrievereturn-request.xml"));

        XmlShape.AssertEquivalent(ReturnAnswer.Masked(ReturnsCalls.Sample("body-gst-returnfile-response.xml").Root!), ReturnAnswer.Masked(filed.Document.Root!));
        XmlShape.AssertEquivalent(ReturnAnswer.Masked(ReturnsCalls.Sample("body-gst-returnstatus-response.xml").Root!), ReturnAnswer.Masked(status.Document.Root!));
        Assert.Equal(filed.SubmissionKey, status.SubmissionKey);
        XmlShape.AssertEquivalent(ReturnsCalls.Sample("body-gst-retrievereturn-response.xml").Root!, filedReturn.Document.Root!);
    }

    [Theory]
    [InlineData("body-gst-returnfile-request-GST103C.xml")]
    [InlineData("body-gst-returnfile-request-GST103D.xml")]
    [InlineData("body-gst-returnfile-request-GST103E.xml")]
    [InlineData("body-gst-returnfile-request-GST103F.xml")]
    [InlineData("body-gst-returnfile-request-GST103G.xml")]
    [InlineData("body-gst-returnfile-request-GST103H.xml")]
    public async Task File_Gst103Sample_GetsTheSampleResponse(string requestFile)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new ReturnsCalls(host);

        var answer = await calls.SendAsync(ReturnsCalls.DemoUser, ReturnsCalls.Sample(requestFile));

        XmlShape.AssertEquivalent(ReturnAnswer.Masked(ReturnsCalls.Sample("body-gst-returnfile-response.xml").Root!), ReturnAnswer.Masked(answer.Document.Root!));
    }

    /// <summary>
    /// IR's EMS_GST020 sample file holds prose, the request and a response cut short: its request, replayed as the demo
    /// tax agent linked to the bankrupt customer, gets the response of IR's RetrieveReturn sample, which the file's own
    /// response part repeats.
    /// </summary>
    [Fact]
    public async Task RetrieveReturn_AccIdentifierSample_GetsTheSampleResponse()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new ReturnsCalls(host);
        var text = await System.IO.File.ReadAllTextAsync(SpecFiles.Path("ir-returns", "gst", "sample messages", "body-gst-retrievereturn-ACC-Identifer.xml"));
        var request = text[(text.IndexOf("Request:", StringComparison.Ordinal) + "Request:".Length)..text.IndexOf("Response:", StringComparison.Ordinal)];

        var answer = await calls.SendAsync("GstAgent", System.Xml.Linq.XDocument.Parse(request.Trim()));

        Assert.Contains(">3093.36</r:totalGST>", text[text.IndexOf("Response:", StringComparison.Ordinal)..], StringComparison.Ordinal);
        XmlShape.AssertEquivalent(ReturnsCalls.Sample("body-gst-retrievereturn-response.xml").Root!, answer.Document.Root!);
    }

    /// <summary>IR's status 4 sample: a tax agent files for a customer its lists do not link.</summary>
    [Fact]
    public async Task File_AgentForAnUnlinkedCustomer_GetsTheStatus4Sample()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new ReturnsCalls(host);

        var answer = await calls.SendAsync("GstAgent", ReturnsCalls.Sample("body-gst-returnfile-request-GST101A.xml"));

        XmlShape.AssertEquivalent(ReturnsCalls.Sample("body-gst-returnfile-respcode4.xml").Root!, answer.Document.Root!);
    }

    /// <summary>IR's schema-error sample: status 21 with IR's message prefix and the validator's particulars after it.</summary>
    [Fact]
    public async Task File_SchemaErrorSample_GetsStatus21()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new ReturnsCalls(host);

        var answer = await calls.SendAsync(ReturnsCalls.DemoUser, ReturnsCalls.Sample("body-gst-returnfile-schema-error-request.xml"));

        answer.AssertStatus(21);
        Assert.StartsWith("XML Request Failed Validation: ", answer.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("periodEndDate", answer.ErrorMessage, StringComparison.Ordinal);
        Assert.Null(answer.Body);
    }
}
