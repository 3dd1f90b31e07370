using System.Net;
using System.Text;
using System.Xml.Linq;
using Microsoft.Extensions.Logging;
using Waharoa.Server.Demo;
using Waharoa.Server.Sandbox.Returns;
using Waharoa.Testing;
using Waharoa.Tests.Gateway;
using static Waharoa.Tests.Returns.ReturnAnswer;

namespace Waharoa.Tests.Returns;

/// <summary>The Return service on the wire: both endpoints, OAuth only, the contract files, IR's answers to what is not a request.</summary>
public sealed class ReturnsProtocolTests
{
    private const string DesktopPath = "/gateway2/gws/returns/";

    [Fact]
    public async Task DesktopEndpoint_NativeClientsBearerToken_Served()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var desktop = host.CreateDesktopClient();
        var code = await TokenCalls.NewCodeAsync(host, host.NativeClient, new DemoUser(ReturnsCalls.DemoUser, "Password1!"));
        var (_, body, _) = await TokenCalls.ExchangeCodeAsync(desktop, host.NativeClient, code, host.NativeClient.RedirectUri);

        using var response = await PostAsync(desktop, DesktopPath, ReturnsCalls.Sample("body-gst-returnprepop-request.xml"), "Bearer " + body.GetProperty("access_token").GetString());

        var answer = new ReturnAnswer(XDocument.Parse(await response.Content.ReadAsStringAsync()));
        XmlShapeOfSample(answer, "body-gst-returnprepop-response.xml");
    }

    /// <summary>An access token of either dialect: START's (at-JWT) as well as xIAMS's.</summary>
    [Fact]
    public async Task StartAccessToken_Served()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new ReturnsCalls(host);
        var start = await StartCalls.NewTokensAsync(host, calls.Http, host.CloudClient, new DemoUser(ReturnsCalls.DemoUser, "Password1!"));

        using var response = await calls.PostAsync(ReturnsCalls.Sample("body-gst-returnprepop-request.xml").ToString(), "Bearer " + start.String("access_token"));

        XmlShapeOfSample(new ReturnAnswer(XDocument.Parse(await response.Content.ReadAsStringAsync())), "body-gst-returnprepop-response.xml");
    }

    [Fact]
    public async Task M2mJwt_RefusedAsAnInvalidToken_Status1_WhileABearerTokenIsServed()
    {
        var logs = new LogRecorder();
        await using var host = await WaharoaTestHost.StartAsync(logs: logs);
        using var calls = new ReturnsCalls(host);
        using var certificate = host.LoadCloudClientCertificate();
        var m2m = M2mTokens.Create(certificate, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(9), startLogon: ReturnsCalls.DemoUser);

        using var refused = await calls.PostAsync(ReturnsCalls.Sample("body-gst-returnprepop-request.xml").ToString(), m2m);
        var served = await calls.SendAsync(ReturnsCalls.DemoUser, ReturnsCalls.Sample("body-gst-returnprepop-request.xml"));

        var answer = new ReturnAnswer(XDocument.Parse(await refused.Content.ReadAsStringAsync()));
        Assert.Equal("Authentication Failure", answer.AssertStatus(1).ErrorMessage);
        served.AssertStatus(0);
        Assert.Contains(logs.At(LogLevel.Information, "GatewayPipeline"), e => e.EventId == 3011 && e.Message.Contains("returns service takes oauth only", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/gateway/gws/returns/")]
    [InlineData("/gateway/GWS/Returns/")]
    public async Task Wsdl_CarriesTheAddressTheCallerUsed_AndSingleWsdlInlinesIrsSchemas(string path)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new ReturnsCalls(host);

        var wsdl = XDocument.Parse(await calls.Http.GetStringAsync(path + "?wsdl"));
        var single = XDocument.Parse(await calls.Http.GetStringAsync(path + "?singleWsdl"));
        var xsd = await calls.Http.GetStringAsync(path + "ReturnGST.v1.xsd");

        XNamespace soap12 = "http://schemas.xmlsoap.org/wsdl/soap12/";
        Assert.Equal(host.CloudUrl + path.TrimStart('/'), (string)wsdl.Descendants(soap12 + "address").Single().Attribute("location")!);
        XNamespace xs = "http://www.w3.org/2001/XMLSchema";
        var inlined = single.Descendants(xs + "schema").Select(s => (string?)s.Attribute("targetNamespace")).ToList();
        Assert.Contains("urn:www.ird.govt.nz/GWS:types/ReturnGST.v1", inlined);
        Assert.Contains("urn:www.ird.govt.nz/GWS:types/Common.v1", inlined);
        Assert.DoesNotContain(single.Descendants(xs + "import"), i => i.Attribute("schemaLocation") is not null);
        Assert.Equal(await File.ReadAllTextAsync(SpecFiles.Path("ir-returns", "gst", "ReturnGST.v1.xsd")), xsd);
    }

    [Theory]
    [InlineData("text/xml", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("application/soap+xml", HttpStatusCode.BadRequest)]
    public async Task NotASoap12Request_AnsweredWithoutXml(string mediaType, HttpStatusCode status)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new ReturnsCalls(host);
        var bearer = await calls.BearerForAsync(ReturnsCalls.DemoUser);
        using var request = new HttpRequestMessage(HttpMethod.Post, ReturnsCalls.CloudPath) { Content = new StringContent("<not-closed>", Encoding.UTF8, mediaType) };
        request.Headers.TryAddWithoutValidation("Authorization", bearer);

        using var response = await calls.Http.SendAsync(request);

        Assert.Equal(status, response.StatusCode);
    }

    [Theory]
    [InlineData("a DTD", HttpStatusCode.BadRequest, "not well-formed")]
    [InlineData("more than 1 MiB", HttpStatusCode.RequestEntityTooLarge, "larger than 1048576 bytes")]
    [InlineData("nested 140,000 deep", HttpStatusCode.BadRequest, "nested deeper than 64 levels")]
    public async Task BadInput_AnsweredAsTheOtherSoapService_NothingStored_AndTheServiceStillFiles(string because, HttpStatusCode status, string text)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new ReturnsCalls(host);
        var file = ReturnsCalls.Sample("body-gst-returnfile-request-GST101A.xml").ToString(SaveOptions.DisableFormatting);
        var body = because switch
        {
            "a DTD" => "<!DOCTYPE r [<!ENTITY e \"x\">]>" + file,
            "more than 1 MiB" => file.Replace("</soap:Header>", "<!--" + new string('x', 1024 * 1024) + "--></soap:Header>", StringComparison.Ordinal),
            _ => "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body>" + string.Concat(Enumerable.Repeat("<a>", 140_000))
                + string.Concat(Enumerable.Repeat("</a>", 140_000)) + "</s:Body></s:Envelope>",
        };

        using var response = await calls.PostAsync(body, await calls.BearerForAsync(ReturnsCalls.DemoUser));

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(text, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(("OVERDU", false), (await calls.SendAsync(ReturnsCalls.DemoUser, ReturnsCalls.Sample("body-gst-returnstatus-request.xml"))).AssertStatus(0).ReturnStatus);
        (await calls.SendAsync(ReturnsCalls.DemoUser, ReturnsCalls.Sample("body-gst-returnfile-request-GST101A.xml"))).AssertStatus(0);
    }

    /// <summary>A File refused for any reason stores nothing: the period stays unfiled and outstanding.</summary>
    [Fact]
    public async Task RefusedFiles_StoreNothing()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new ReturnsCalls(host);
        var schemaInvalid = ReturnsCalls.Sample("body-gst-returnfile-request-GST101A.xml");
        schemaInvalid.Descendants(Gst + "totalSales").Single().Value = "-5.00";
        using var certificate = host.LoadCloudClientCertificate();
        var m2m = M2mTokens.Create(certificate, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(9), startLogon: ReturnsCalls.DemoUser);

        (await calls.SendAsync(ReturnsCalls.DemoUser, schemaInvalid)).AssertStatus(21);
        (await calls.SendAsync(ReturnsCalls.DemoUser, ReturnsCalls.Sample("body-gst-returnfile-request-GST101A.xml", minorForm: "103C"))).AssertStatus(101);
        (await calls.SendAsync("GstAgentNoLink", ReturnsCalls.Sample("body-gst-returnfile-request-GST101A.xml"))).AssertStatus(4);
        using var byM2m = await calls.PostAsync(ReturnsCalls.Sample("body-gst-returnfile-request-GST101A.xml").ToString(), m2m);
        using var withoutToken = await calls.PostAsync(ReturnsCalls.Sample("body-gst-returnfile-request-GST101A.xml").ToString(), null);

        Assert.Equal(("OVERDU", false), (await calls.SendAsync(ReturnsCalls.DemoUser, ReturnsCalls.Sample("body-gst-returnstatus-request.xml"))).AssertStatus(0).ReturnStatus);
        (await calls.SendAsync(ReturnsCalls.DemoUser, ReturnsCalls.Sample("body-gst-retrievereturn-request.xml"))).AssertStatus(103);
        var obligations = await calls.SendAsync(ReturnsCalls.DemoUser, ReturnsCalls.Sample("body-gst-filingobligation-request.xml"));
        Assert.Equal(["2017-07-31", "2017-05-31"], obligations.AssertStatus(0).Body!.Elements(Rc + "filingObligation").Select(o => o.Element(Rc + "periodEndDate")!.Value));
    }

    [Fact]
    public async Task ActionOfAnotherOperation_Status20_InThatOperationsResponse()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new ReturnsCalls(host);
        var request = ReturnsCalls.Sample("body-gst-returnprepop-request.xml");
        request.Descendants(XName.Get("Action", "http://www.w3.org/2005/08/addressing")).Single().Value = "https://services.ird.govt.nz/GWS/Returns/Return/RetrieveStatus";

        var answer = await calls.SendAsync(ReturnsCalls.DemoUser, request);

        Assert.StartsWith("Unrecognised XML request: ", answer.AssertStatus(20).ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("RetrieveStatusResponse", answer.Document.Root!.Element(Soap + "Body")!.Elements().Single().Name.LocalName);
    }

    /// <summary>Every success answer is valid against IR's own schemas (the payload under the response wrapper).</summary>
    [Fact]
    public async Task SuccessAnswers_AreValidAgainstIrsSchemas()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new ReturnsCalls(host);
        string[] requests =
        [
            "body-gst-returnprepop-request.xml", "body-gst-filingobligation-request.xml", "body-gst-returnfile-request-GST101A.xml",
            "body-gst-returnstatus-request.xml", "body-gst-retrievereturn-request.xml",
        ];

        foreach (var file in requests)
        {
            var answer = await calls.SendAsync(ReturnsCalls.DemoUser, ReturnsCalls.Sample(file));
            answer.AssertStatus(0);
            Assert.True(ReturnsContract.Contract.Validate(answer.Payload) is null, $"{file}: {ReturnsContract.Contract.Validate(answer.Payload)}");
        }
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string path, XDocument envelope, string authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(envelope.ToString(SaveOptions.DisableFormatting), Encoding.UTF8, "application/soap+xml") };
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return await http.SendAsync(request);
    }

    private static void XmlShapeOfSample(ReturnAnswer answer, string sample) =>
        Intermediation.XmlShape.AssertEquivalent(ReturnsCalls.Sample(sample).Root!, answer.Document.Root!);
}
