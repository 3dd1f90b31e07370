using System.Net;
using System.Text;
using System.Xml.Linq;
using Microsoft.Extensions.Logging;
using Waharoa.Server.Demo;
using Waharoa.Server.Sandbox.Employment;
using Waharoa.Testing;
using Waharoa.Tests.Gateway;
using static Waharoa.Tests.Employment.EmploymentCalls;

namespace Waharoa.Tests.Employment;

/// <summary>The Employment service on the wire: its three paths, OAuth only, the contract files, IR's answers to what is not a request.</summary>
public sealed class EmploymentProtocolTests
{
    private const string DesktopPath = "/gateway2/gws/employment/v2/";

    [Fact]
    public async Task DesktopEndpoint_NativeClientsBearerToken_Served()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var desktop = host.CreateDesktopClient();
        var code = await TokenCalls.NewCodeAsync(host, host.NativeClient, new DemoUser(DemoLogon, "Password1!"));
        var (_, body, _) = await TokenCalls.ExchangeCodeAsync(desktop, host.NativeClient, code, host.NativeClient.RedirectUri);

        using var response = await PostAsync(desktop, DesktopPath, Sample("body-employment-retrievelist-request.xml"), "Bearer " + body.GetProperty("access_token").GetString());

        var answer = new EmploymentAnswer(XDocument.Parse(await response.Content.ReadAsStringAsync()));
        Intermediation.XmlShape.AssertEquivalent(Sample("body-employment-retrievelist-response.xml").Root!, answer.Document.Root!);
    }

    /// <summary>IR lists the cloud address without the version too; both serve the same service and ledger.</summary>
    [Fact]
    public async Task UnversionedCloudPath_ServesTheSameLedger()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EmploymentCalls(host);

        (await calls.SendAsync(DemoLogon, Create(new Employee("136000128")), "/gateway/gws/employment/")).AssertStatus(0);

        Assert.Single((await calls.SendAsync(DemoLogon, RetrieveList("136000128"))).AssertStatus(0).Employees);
    }

    /// <summary>An access token of either dialect: START's (at-JWT) as well as xIAMS's.</summary>
    [Fact]
    public async Task StartAccessToken_Served()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EmploymentCalls(host);
        using var certificate = host.LoadCloudClientCertificate();
        using var http = host.CreateCloudClient(certificate);
        var start = await StartCalls.NewTokensAsync(host, http, host.CloudClient, new DemoUser(DemoLogon, "Password1!"));

        using var response = await calls.PostAsync(Sample("body-employment-retrievelist-request.xml").ToString(), "Bearer " + start.String("access_token"));

        new EmploymentAnswer(XDocument.Parse(await response.Content.ReadAsStringAsync())).AssertStatus(0);
    }

    [Fact]
    public async Task M2mJwt_RefusedAsAnInvalidToken_Status1_AndNothingStored()
    {
        var logs = new LogRecorder();
        await using var host = await WaharoaTestHost.StartAsync(logs: logs);
        using var calls = new EmploymentCalls(host);
        using var certificate = host.LoadCloudClientCertificate();
        var m2m = M2mTokens.Create(certificate, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(9), startLogon: DemoLogon);

        using var refused = await calls.PostAsync(Create(new Employee("136000128")).ToString(), m2m);

        new EmploymentAnswer(XDocument.Parse(await refused.Content.ReadAsStringAsync())).AssertStatus(1, "Authentication Failure");
        (await calls.SendAsync(DemoLogon, RetrieveList())).AssertStatus(104);
        Assert.Contains(logs.At(LogLevel.Information, "GatewayPipeline"), e => e.EventId == 3011 && e.Message.Contains("employment service takes oauth only", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithoutAToken_Status2()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EmploymentCalls(host);

        using var response = await calls.PostAsync(Create(new Employee("136000128")).ToString(), null);

        new EmploymentAnswer(XDocument.Parse(await response.Content.ReadAsStringAsync())).AssertStatus(2);
    }

    [Theory]
    [InlineData("/gateway/gws/employment/v2/")]
    [InlineData("/gateway/gws/employment/")]
    [InlineData("/gateway/GWS/Employment/v2/")]
    public async Task Wsdl_CarriesTheAddressTheCallerUsed_AndSingleWsdlInlinesIrsSchemas(string path)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EmploymentCalls(host);
        using var certificate = host.LoadCloudClientCertificate();
        using var http = host.CreateCloudClient(certificate);

        var wsdl = XDocument.Parse(await http.GetStringAsync(path + "?wsdl"));
        var single = XDocument.Parse(await http.GetStringAsync(path + "?singleWsdl"));
        var xsd = await http.GetStringAsync(path + "Employment.v2.xsd");

        XNamespace soap12 = "http://schemas.xmlsoap.org/wsdl/soap12/";
        Assert.Equal(host.CloudUrl + path.TrimStart('/'), (string)wsdl.Descendants(soap12 + "address").Single().Attribute("location")!);
        XNamespace xs = "http://www.w3.org/2001/XMLSchema";
        var inlined = single.Descendants(xs + "schema").Select(s => (string?)s.Attribute("targetNamespace")).ToList();
        Assert.Contains("urn:www.ird.govt.nz/GWS:types/Employment.v2", inlined);
        Assert.Contains("urn:www.ird.govt.nz/GWS:types/Common.v2", inlined);
        Assert.DoesNotContain(single.Descendants(xs + "import"), i => i.Attribute("schemaLocation") is not null);
        Assert.Equal(await File.ReadAllTextAsync(SpecFiles.Path("ir-returns", "payday-filing", "employee-details", "Employment.v2.xsd")), xsd);
    }

    [Theory]
    [InlineData("text/xml", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("application/soap+xml", HttpStatusCode.BadRequest)]
    public async Task NotASoap12Request_AnsweredWithoutXml(string mediaType, HttpStatusCode status)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EmploymentCalls(host);
        using var certificate = host.LoadCloudClientCertificate();
        using var http = host.CreateCloudClient(certificate);
        using var request = new HttpRequestMessage(HttpMethod.Post, CloudPath) { Content = new StringContent("<not-closed>", Encoding.UTF8, mediaType) };
        request.Headers.TryAddWithoutValidation("Authorization", await calls.BearerForAsync(DemoLogon));

        using var response = await http.SendAsync(request);

        Assert.Equal(status, response.StatusCode);
        (await calls.SendAsync(DemoLogon, Create(new Employee("136000128")))).AssertStatus(0);
    }

    [Fact]
    public async Task ActionOfAnotherOperation_Status20_InThatOperationsResponse_NothingStored()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EmploymentCalls(host);
        var request = Create(new Employee("136000128"));
        request.Descendants(Wsa + "Action").Single().Value = "https://services.ird.govt.nz/GWS/Employment/v2/Employment/RetrieveList";

        var answer = await calls.SendAsync(DemoLogon, request);

        answer.AssertStatus(20, "Unrecognised XML request");
        Assert.Contains("RetrieveList", answer.ErrorDescription, StringComparison.Ordinal);
        Assert.Equal("RetrieveListResponse", answer.Document.Root!.Element(Soap + "Body")!.Elements().Single().Name.LocalName);
        (await calls.SendAsync(DemoLogon, RetrieveList())).AssertStatus(104);
    }

    /// <summary>A nil wrapper passes the WSDL's schema (it is nillable) and carries nothing: 100.</summary>
    [Fact]
    public async Task NilWrapper_Status100()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EmploymentCalls(host);
        var request = Create(new Employee("136000128"));
        var wrapper = request.Descendants().Single(e => e.Name.LocalName == "CreateRequestWrapper");
        wrapper.RemoveNodes();
        wrapper.SetAttributeValue(XName.Get("nil", "http://www.w3.org/2001/XMLSchema-instance"), "true");

        (await calls.SendAsync(DemoLogon, request)).AssertStatus(100, "Could not extract data from XML payload");
    }

    /// <summary>Every answer is valid against IR's own schemas (the payload under the response wrapper).</summary>
    [Fact]
    public async Task Answers_AreValidAgainstIrsSchemas()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var calls = new EmploymentCalls(host);
        var employee = new Employee("136000128") { Birth = "1990-01-01" };
        XDocument[] requests = [Create(employee), Update(employee.Key, employee), RetrieveList(), Terminate(employee.Key, "2020-01-01"), RetrieveList("136000136")];

        foreach (var request in requests)
        {
            var answer = await calls.SendAsync(DemoLogon, request);
            Assert.True(EmploymentContract.Contract.Validate(answer.Payload) is null, $"{answer.Document}: {EmploymentContract.Contract.Validate(answer.Payload)}");
        }
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string path, XDocument envelope, string authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(envelope.ToString(SaveOptions.DisableFormatting), Encoding.UTF8, "application/soap+xml") };
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        return await http.SendAsync(request);
    }
}
