using Microsoft.Extensions.Logging;
using System.Net;
using System.Xml.Linq;
using Waharoa.Certificates;
using Waharoa.Clients;
using Waharoa.Security;
using Waharoa.Storage;
using Waharoa.Server.Sandbox.Intermediation;
using Waharoa.Server.Sandbox.Soap;
using Waharoa.Server.Demo;
using Waharoa.Testing;
using Waharoa.Tests.AccountApi;
using Waharoa.Tests.Gateway;
using static Waharoa.Tests.Intermediation.SoapAnswer;

namespace Waharoa.Tests.Intermediation;

/// <summary>The SOAP layer: the gateway's verdicts as status codes, the operation, the schema, malformed input, the WSDL.</summary>
public sealed class IntermediationProtocolTests
{
    private const string Agency = "132261132";

    /// <summary>
    /// A DSP IR onboarded with a software platform value of its own: a request naming another (here the Common v1
    /// header's) is refused with status 5 "Unauthorised vendor"; the same request naming its value is served.
    /// </summary>
    [Fact]
    public async Task RetrieveClientList_SoftwarePlatformIrDidNotOnboard_Status5AndTheOnboardedOneServed()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = await IntermediationCalls.AsOnboardedDspAsync(host, "Onboarded_Agent", "OnboardedPractice");
        var request = Envelopes.RetrieveClientList(Agency);
        var platform = request.Descendants().Single(e => e.Name.LocalName == "softwarePlatform");
        platform.Value = "xunit";

        var refused = await calls.SendAsync("TaxAgentOwnerFull", request);
        platform.Value = "OnboardedPractice";
        var served = await calls.SendAsync("TaxAgentOwnerFull", request);

        Assert.Equal("Unauthorised vendor", refused.AssertStatus(5).ErrorMessage);
        served.AssertStatus(0);
    }

    [Fact]
    public async Task Post_WithoutAToken_AnswersTheOperationWithStatus2()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new IntermediationCalls(host);

        using var response = await calls.PostAsync(Envelopes.RetrieveClientList(Agency).ToString(), authorization: null);

        var answer = await ReadAsync(response);
        answer.AssertStatus(2);
        Assert.Equal("Missing authentication token(s)", answer.ErrorMessage);
        Assert.Equal(Envelopes.ActionPrefix + "RetrieveClientListResponse", answer.Action);
        Assert.Empty(answer.Payload.Elements(Int + "agency"));
    }

    [Fact]
    public async Task Post_WithAnInvalidToken_AnswersStatus1()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new IntermediationCalls(host);

        using var response = await calls.PostAsync(Envelopes.Link(Agency, "132261555", "LSTID", "132260958", "INC").ToString(), "Bearer not-a-token");

        var answer = await ReadAsync(response);
        answer.AssertStatus(1);
        Assert.Equal("Authentication failure", answer.ErrorMessage);
        Assert.Equal(Envelopes.ActionPrefix + "LinkResponse", answer.Action);
    }

    [Fact]
    public async Task Post_FromACertificateNotEnrolledForIntermediation_AnswersStatus5()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        var clients = (IClientStore)host.Server.Services.GetService(typeof(IClientStore))!;
        using var ca = host.DevelopmentCa();
        using var certificate = ca.IssueClientCertificate("Payroll_Only");
        await clients.AddClientAsync(
            new DspClient("Payroll_Only", "Payroll only", ClientKind.Cloud, SecretHasher.Hash("s"), ["https://p.example/cb"], CertificateFiles.Sha256Thumbprint(certificate), DateTimeOffset.UtcNow)
            {
                Services = ["payroll"],
            },
            CancellationToken.None);
        using var cloud = host.CreateCloudClient(certificate);
        var payrollOnly = new DemoClient("Payroll_Only", "s", "https://p.example/cb", ["https://p.example/cb"], "cloud", null, null);
        var (access, _) = await TokenCalls.NewCloudTokensAsync(host, cloud, new DemoUser("TaxAgentOwnerFull", IntermediationCalls.Password), payrollOnly);
        using var request = new HttpRequestMessage(HttpMethod.Post, IntermediationCalls.Path)
        {
            Content = new StringContent(Envelopes.RetrieveClient(Agency, "077415807").ToString(), System.Text.Encoding.UTF8, "application/soap+xml"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + access);

        using var response = await cloud.SendAsync(request);

        var answer = await ReadAsync(response);
        answer.AssertStatus(5);
        Assert.Equal("Unauthorised vendor", answer.ErrorMessage);
        Assert.Equal(Envelopes.ActionPrefix + "RetrieveClientResponse", answer.Action);
    }

    [Fact]
    public async Task Post_WithAnM2mJwt_AnswersStatus1AsAnInvalidToken_WhileTheSameDspsBearerTokenIsServed()
    {
        var logs = new LogRecorder();
        await using var host = await WaharoaTestHost.StartAsync(logs: logs);
        using var calls = new IntermediationCalls(host);
        using var certificate = host.LoadCloudClientCertificate();
        var m2m = M2mTokens.Create(certificate, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(9), startLogon: "TaxAgentOwnerFull");
        var bearer = await calls.BearerForAsync("TaxAgentOwnerFull");

        using var refused = await calls.PostAsync(Envelopes.RetrieveClientList(Agency).ToString(), m2m);
        using var served = await calls.PostAsync(Envelopes.RetrieveClientList(Agency).ToString(), bearer);
        var accountApi = await AccountApiCalls.SendAsync(calls.Http, AccountApiCalls.Post("list", AccountApiCalls.ListBody("1512100301", "CST"), AccountApiCalls.M2m(host, "TR24573773")));

        var answer = await ReadAsync(refused);
        answer.AssertStatus(1);
        Assert.Equal("Authentication failure", answer.ErrorMessage);
        (await ReadAsync(served)).AssertStatus(0);
        Assert.Equal(HttpStatusCode.OK, accountApi.Status);
        Assert.Contains(logs.At(LogLevel.Information, "GatewayPipeline"), e => e.EventId == 3011 && e.Message.Contains("takes oauth only", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("lowercase account type", "emp")]
    [InlineData("four-letter account type", "EMPL")]
    public async Task Post_NotValidAgainstTheXsd_AnswersStatus21WithTheProblem(string because, string filterAccountType)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new IntermediationCalls(host);

        var answer = await calls.SendAsync("TaxAgentOwnerFull", Envelopes.RetrieveClientList(Agency, filterAccountType));

        answer.AssertStatus(21);
        Assert.Equal("XML request failed validation", answer.ErrorMessage);
        Assert.False(string.IsNullOrWhiteSpace(answer.ErrorDescription), because);
    }

    [Fact]
    public async Task Post_MissingARequiredElementOrInTheWrongNamespace_AnswersStatus21()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new IntermediationCalls(host);
        var missing = Envelopes.Link(Agency, "132261555", "LSTID", "132260958", "INC");
        missing.Descendants(Int + "updateCustomerMaster").Remove();
        var wrongNamespace = Envelopes.RetrieveClientList(Agency);
        var payload = wrongNamespace.Descendants(Int + "retrieveClientListRequest").Single();
        payload.Name = XName.Get("retrieveClientListRequest", "urn:www.ird.govt.nz/GWS:types/Intermediation.v2");

        (await calls.SendAsync("TaxAgentOwnerFull", missing)).AssertStatus(21);
        (await calls.SendAsync("TaxAgentOwnerFull", wrongNamespace)).AssertStatus(21);
    }

    [Fact]
    public async Task Post_ValidationComesAfterAuthentication_SoAnInvalidRequestWithoutATokenGetsStatus2()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new IntermediationCalls(host);

        using var response = await calls.PostAsync(Envelopes.RetrieveClientList(Agency, "emp").ToString(), authorization: null);

        (await ReadAsync(response)).AssertStatus(2);
    }

    [Fact]
    public async Task Post_WithAnUnknownAction_AnswersStatus20InTheBodysOperation()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new IntermediationCalls(host);
        var request = Envelopes.RetrieveClientList(Agency);
        request.Descendants(Wsa + "Action").Single().Value = Envelopes.ActionPrefix + "RetrieveEverything";

        var answer = await calls.SendAsync("TaxAgentOwnerFull", request);

        answer.AssertStatus(20);
        Assert.Equal("Unrecognised XML request", answer.ErrorMessage);
        Assert.Equal(Envelopes.ActionPrefix + "RetrieveClientListResponse", answer.Action);
    }

    [Fact]
    public async Task Post_WithoutAnActionHeader_AnswersStatus20()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new IntermediationCalls(host);
        var request = Envelopes.RetrieveClient(Agency, "077415807");
        request.Descendants(Wsa + "Action").Remove();

        (await calls.SendAsync("TaxAgentOwnerFull", request)).AssertStatus(20);
    }

    [Fact]
    public async Task Post_WhoseActionAndBodyDisagree_AnswersStatus20InTheActionsOperation()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new IntermediationCalls(host);
        var request = Envelopes.RetrieveClientList(Agency);
        request.Descendants(Wsa + "Action").Single().Value = Envelopes.ActionPrefix + "Link";

        var answer = await calls.SendAsync("TaxAgentOwnerFull", request);

        answer.AssertStatus(20);
        Assert.Equal(Envelopes.ActionPrefix + "LinkResponse", answer.Action);
        Assert.Equal("linkResponse", answer.Payload.Name.LocalName);
    }

    [Fact]
    public async Task Post_NamingNoOperationAtAll_GetsASoapSenderFault()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new IntermediationCalls(host);
        var request = Envelopes.Wrap("Merge", Envelopes.Payload("mergeRequest", Agency, "IRD"));

        using var response = await calls.PostAsync(request.ToString(), await calls.BearerForAsync("TaxAgentOwnerFull"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var fault = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!.Element(Soap + "Body")!.Element(Soap + "Fault")!;
        Assert.Equal("s:Sender", fault.Element(Soap + "Code")!.Element(Soap + "Value")!.Value);
        Assert.StartsWith("Unrecognised XML request", fault.Element(Soap + "Reason")!.Element(Soap + "Text")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_WithANilRequestMessage_AnswersStatus100()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new IntermediationCalls(host);
        XNamespace xsi = "http://www.w3.org/2001/XMLSchema-instance";
        var request = Envelopes.RetrieveClientList(Agency);
        var message = request.Descendants(Service + "RetrieveClientListRequestMsg").Single();
        message.RemoveNodes();
        message.SetAttributeValue(xsi + "nil", "true");

        var answer = await calls.SendAsync("TaxAgentOwnerFull", request);

        answer.AssertStatus(100);
        Assert.Equal("Could not extract data from XML payload", answer.ErrorMessage);
    }

    [Theory]
    [InlineData("this is not XML", "not well-formed")]
    [InlineData("<soap:Envelope xmlns:soap=\"http://www.w3.org/2003/05/soap-envelope\"><soap:Body>", "not well-formed")]
    [InlineData("<!DOCTYPE r [<!ENTITY e \"x\">]><r>&e;</r>", "not well-formed")]
    [InlineData("<Envelope><Body/></Envelope>", "not a SOAP 1.2 envelope")]
    [InlineData("<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\"><s:Body/></s:Envelope>", "not a SOAP 1.2 envelope")]
    public async Task Post_NotXmlOrNotSoap_GetsAPlain400WithNoStatusCode(string body, string expected)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new IntermediationCalls(host);

        using var response = await calls.PostAsync(body, await calls.BearerForAsync("TaxAgentOwnerFull"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_AsTextXml_Gets415NamingSoap12sMediaType()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new IntermediationCalls(host);

        using var response = await calls.PostAsync(Envelopes.RetrieveClientList(Agency).ToString(), await calls.BearerForAsync("TaxAgentOwnerFull"), mediaType: "text/xml");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("application/soap+xml", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_LargerThanOneMebibyte_Gets413AndTheServiceStillAnswers()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new IntermediationCalls(host);
        var huge = Envelopes.RetrieveClientList(Agency);
        huge.Root!.Element(Soap + "Header")!.Add(new XComment(new string('x', SoapRequestReader.MaxBodyBytes)));

        using var response = await calls.PostAsync(huge.ToString(), await calls.BearerForAsync("TaxAgentOwnerFull"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        (await calls.SendAsync("TaxAgentOwnerFull", Envelopes.RetrieveClientList(Agency))).AssertStatus(0);
    }

    [Fact]
    public async Task Post_NestedHundredsOfThousandsDeep_GetsAPlain400AndTheServerLives()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new IntermediationCalls(host);
        const int depth = 140_000;
        var body = "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body>"
            + string.Concat(Enumerable.Repeat("<a>", depth)) + string.Concat(Enumerable.Repeat("</a>", depth)) + "</s:Body></s:Envelope>";

        using var response = await calls.PostAsync(body, await calls.BearerForAsync("TaxAgentOwnerFull"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("nested deeper than 64 levels", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        (await calls.SendAsync("TaxAgentOwnerFull", Envelopes.RetrieveClientList(Agency))).AssertStatus(0);
    }

    [Fact]
    public async Task Post_ToTheSecurePath_IsTheSameService()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new IntermediationCalls(host);

        var answer = await calls.SendAsync("TaxAgentOwnerFull", Envelopes.RetrieveClientList(Agency, "EMP", "132280722"), IntermediationCalls.SecurePath);

        answer.AssertStatus(0);
        Assert.Equal(["132260753:EMP", "132260806:EMP", "077415807:EMP"], answer.ClientsOf("132280722"));
    }

    [Fact]
    public async Task Responses_OfRetrieveClientListRetrieveClientLinkAndDelink_AreValidAgainstIrsSchemas()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new IntermediationCalls(host);
        var requests = new[]
        {
            Envelopes.RetrieveClientList(Agency),
            Envelopes.RetrieveClient(Agency, "132260753", clientIdType: "IRD"),
            Envelopes.Link(Agency, "1039040", "CLTLID", "132260753", "EMP"),
            Envelopes.Delink(Agency, "132261571", "LSTID", "132260753", null, customerMaster: true, clientIdType: "IRD"),
            Envelopes.Link(Agency, "132261555", "LSTID", "132260958", "KSS"),
        };

        foreach (var request in requests)
        {
            var answer = await calls.SendAsync("TaxAgentOwnerFull", request);
            var body = answer.Document.Root!.Element(Soap + "Body")!.Elements().Single();
            Assert.Null(IntermediationSchemas.Validate(body));
        }
    }

    [Fact]
    public async Task GetWsdl_ServesIrsWsdlWithThisServersAddress_AndTheXsdsItImports()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new IntermediationCalls(host);

        using var wsdlResponse = await calls.Http.GetAsync(IntermediationCalls.Path + "?wsdl");
        using var xsdResponse = await calls.Http.GetAsync(IntermediationCalls.Path + "Intermediation.v1.xsd");
        using var commonResponse = await calls.Http.GetAsync(IntermediationCalls.Path + "Common.v2.xsd");

        Assert.Equal(HttpStatusCode.OK, wsdlResponse.StatusCode);
        var wsdl = XDocument.Parse(await wsdlResponse.Content.ReadAsStringAsync());
        XNamespace soap12 = "http://schemas.xmlsoap.org/wsdl/soap12/";
        var address = (string)wsdl.Descendants(soap12 + "address").Single().Attribute("location")!;
        Assert.Equal(new Uri(host.CloudUrl, IntermediationCalls.Path), new Uri(address));
        XNamespace wsdlNs = "http://schemas.xmlsoap.org/wsdl/";
        Assert.Equal(["RetrieveClientList", "Link", "Delink", "RetrieveClient", "Update"],
            wsdl.Root!.Element(wsdlNs + "portType")!.Elements(wsdlNs + "operation").Select(o => (string)o.Attribute("name")!));
        Assert.Equal(HttpStatusCode.OK, xsdResponse.StatusCode);
        Assert.Equal(
            XDocument.Load(SpecFiles.Path("ir-intermediation", "Intermediation.v1.xsd")).ToString(),
            XDocument.Parse(await xsdResponse.Content.ReadAsStringAsync()).ToString());
        Assert.Equal(HttpStatusCode.OK, commonResponse.StatusCode);
        Assert.Equal("urn:www.ird.govt.nz/GWS:types/Common.v2", (string)XDocument.Parse(await commonResponse.Content.ReadAsStringAsync()).Root!.Attribute("targetNamespace")!);
    }

    [Fact]
    public async Task GetSingleWsdl_InlinesBothXsds()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new IntermediationCalls(host);

        using var response = await calls.Http.GetAsync(IntermediationCalls.SecurePath + "?singleWsdl");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        XNamespace xsd = "http://www.w3.org/2001/XMLSchema";
        var wsdl = XDocument.Parse(await response.Content.ReadAsStringAsync());
        var targets = wsdl.Descendants(xsd + "schema").Select(s => (string?)s.Attribute("targetNamespace")).ToList();
        Assert.Contains("urn:www.ird.govt.nz/GWS:types/Common.v2", targets);
        Assert.Contains("urn:www.ird.govt.nz/GWS:types/Intermediation.v1", targets);
        Assert.DoesNotContain(wsdl.Descendants(xsd + "import"), i => i.Attribute("schemaLocation") is not null);
    }

    private static async Task<SoapAnswer> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"HTTP {(int)response.StatusCode}: {text}");
        return new SoapAnswer(XDocument.Parse(text));
    }
}
