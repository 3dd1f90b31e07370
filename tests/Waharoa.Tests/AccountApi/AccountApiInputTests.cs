using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Waharoa.Testing;
using static Waharoa.Tests.AccountApi.AccountApiCalls;

namespace Waharoa.Tests.AccountApi;

/// <summary>Bad input is IR's 400 (EV1100, EV2234, CST404), never a 500, a stack trace or a hang; faults are EU6001.</summary>
public sealed class AccountApiInputTests
{
    private const string Invalid = "Invalid input parameters. Please check documentation";

    [Fact]
    public async Task InvalidFields_ReturnEV1100NamingEachField()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var jwt = M2m(host, DemoUser);
        var cases = new (string Service, string Body, string[] Fields)[]
        {
            ("list", """{"CustomerID":"132243050","CustomerIDType":""}""", ["CustomerIDType"]),
            ("list", """{"CustomerID":"132243158"}""", ["CustomerIDType"]),
            ("list", """{}""", ["CustomerID", "CustomerIDType"]),
            ("list", """{"CustomerID":132243158,"CustomerIDType":"IRD"}""", ["CustomerID"]),
            ("list", """{"CustomerID":null,"CustomerIDType":"IRD"}""", ["CustomerID"]),
            ("list", """{"CustomerID":"13224315","CustomerIDType":"IRD"}""", ["CustomerID"]),
            ("list", """{"CustomerID":"15121504031","CustomerIDType":"CST"}""", ["CustomerID"]),
            ("list", """{"CustomerID":"132243158","CustomerIDType":"ird"}""", ["CustomerIDType"]),
            ("list", """{"CustomerID":"132243158","CustomerIDType":"ACC"}""", ["CustomerIDType"]),
            ("list", """{"CustomerID":"0132243158","CustomerIDType":"IRD"}""", ["CustomerID"]),
            ("list", """{"CustomerID":"13224315A","CustomerIDType":"IRD"}""", ["CustomerID"]),
            ("list", """{"customerid":"132243158","customeridtype":"IRD"}""", ["CustomerID", "CustomerIDType"]),
            ("account", """{"AccountID":"123456","AccountIDType":"ACC"}""", ["AccountID"]),
            ("account", """{"AccountID":"132243158INC0031","AccountIDType":"ACC"}""", ["AccountID"]),
            ("account", """{"AccountID":"132243158INC003","AccountIDType":"acc"}""", ["AccountIDType"]),
            ("account", """{"AccountID":{"ID":"132243158INC003"},"AccountIDType":["ACC"]}""", ["AccountID", "AccountIDType"]),
            ("account", """{"AccountIDType":"ACC"}""", ["AccountID"]),
        };

        foreach (var (service, body, fields) in cases)
        {
            var (status, json, response) = await SendAsync(cloud, Post(service, body, jwt));
            response.Dispose();

            Assert.True(status == HttpStatusCode.BadRequest, $"{body}: {(int)status}");
            var expected = JsonSerializer.SerializeToElement(new { errors = fields.Select(f => new { code = "EV1100", type = "validation", message = $"{Invalid}: {f}" }) });
            JsonEquality.AssertEqual(expected, json);
        }
    }

    [Fact]
    public async Task UnreadableRequests_ReturnEV1100()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var jwt = M2m(host, DemoUser);
        var valid = ListBody("132243158", "IRD");
        var cases = new (string Name, HttpRequestMessage Request)[]
        {
            ("malformed", Post("list", """{"CustomerID":""", jwt)),
            ("empty", Post("list", string.Empty, jwt)),
            ("array", Post("list", "[]", jwt)),
            ("string", Post("list", "\"132243158\"", jwt)),
            ("deep", Post("list", new string('[', 5000), jwt)),
            ("text/plain", Post("list", valid, jwt, "text/plain")),
            ("application/xml", Post("list", valid, jwt, "application/xml")),
            ("no content type", Post("list", valid, jwt, contentType: null)),
            ("latin-1", Post("list", valid, jwt, "application/json; charset=iso-8859-1")),
            ("too large", Post("list", valid.Insert(1, new string(' ', RequestReaderLimit)), jwt)),
            ("too large, chunked", Chunked(valid.Insert(1, new string(' ', RequestReaderLimit)), jwt)),
            ("invalid UTF-8", Raw([.. "{\"CustomerID\":\""u8, 0xC3, 0x28, .. "\",\"CustomerIDType\":\"IRD\"}"u8], jwt)),
        };

        foreach (var (name, request) in cases)
        {
            var (status, json, response) = await SendAsync(cloud, request);
            response.Dispose();

            Assert.True(status == HttpStatusCode.BadRequest, $"{name}: {(int)status}");
            AssertError(HttpStatusCode.BadRequest, "EV1100", "validation", Invalid, status, json);
        }
    }

    [Fact]
    public async Task AcceptableVariations_AreServed()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var jwt = M2m(host, DemoUser);
        var valid = ListBody("132243158", "IRD");
        var cases = new (string Name, HttpRequestMessage Request)[]
        {
            ("no charset", Post("list", valid, jwt, "application/json")),
            ("upper-case charset", Post("list", valid, jwt, "application/json; charset=UTF-8")),
            ("byte order mark", Raw([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(valid)], jwt)),
            ("extra property", Post("list", """{"CustomerID":"132243158","CustomerIDType":"IRD","Extra":1}""", jwt)),
            ("OpenAPI basePath", Post("list", valid, jwt, basePath: "/secure/gateway/account/")),
        };

        foreach (var (name, request) in cases)
        {
            var (status, json, response) = await SendAsync(cloud, request);
            response.Dispose();

            Assert.True(status == HttpStatusCode.OK, $"{name}: {(int)status}");
            Assert.Equal(5, json.GetProperty("Accounts").GetArrayLength());
        }
    }

    [Fact]
    public async Task IrdNumberFailingItsCheckDigit_ReturnsEV2234()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();

        var (status, body) = await ListAsync(cloud, M2m(host, DemoUser), "132243159", "IRD");

        AssertError(HttpStatusCode.BadRequest, "EV2234", "validation", "IR number failed check digit", status, body);
    }

    [Theory]
    [InlineData("list", "049091850", "IRD")]
    [InlineData("list", "1999999999", "CST")]
    [InlineData("list", "132243158", "CST")]
    [InlineData("account", "132243158INC003", "CMPF")]
    [InlineData("account", "132243158INC003", "KSF")]
    [InlineData("account", "132243158inc003", "ACC")]
    [InlineData("account", "999999999INC001", "ACC")]
    public async Task UnknownIdentifier_ReturnsCST404(string service, string id, string idType)
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        var jwt = M2m(host, DemoUser);

        var (status, body) = service == "list" ? await ListAsync(cloud, jwt, id, idType) : await AccountAsync(cloud, jwt, id, idType);

        AssertError(HttpStatusCode.BadRequest, "CST404", "validation", "A record could not be located for the given identifier.", status, body);
    }

    [Fact]
    public async Task Status_ReturnsOK_OnBothBasePaths()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();

        foreach (var path in new[] { "/gateway/account/status", "/secure/gateway/account/status" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.TryAddWithoutValidation("Authorization", M2m(host, startLogon: null));
            using var response = await cloud.SendAsync(request);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("OK", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task WrongMethodOrOperation_IsRefusedWithoutAFault()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();

        using var get = new HttpRequestMessage(HttpMethod.Get, BasePath + "list");
        get.Headers.TryAddWithoutValidation("Authorization", M2m(host, DemoUser));
        using var getResponse = await cloud.SendAsync(get);
        var (unknownStatus, _, unknownResponse) = await SendAsync(cloud, Post("accounts", ListBody("132243158", "IRD"), M2m(host, DemoUser)));
        unknownResponse.Dispose();

        Assert.Equal(HttpStatusCode.MethodNotAllowed, getResponse.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownStatus);
    }

    [Fact]
    public async Task UnexpectedFault_ReturnsEU6001WithoutDetail()
    {
        await using var host = await WaharoaTestHost.StartAsync();
        using var cloud = host.CreateCloudClient();
        await using (var connection = new SqliteConnection($"Data Source={host.Folder.Database};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE accounts SET details = '{not json' WHERE account_id = '132243158GST004'";
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        var (status, body, response) = await SendAsync(cloud, Post("account", AccountBody("132243158GST004"), M2m(host, DemoUser)));

        using (response)
        {
            AssertError(HttpStatusCode.InternalServerError, "EU6001", "server", "Unexpected error occurred", status, body);
            Assert.Equal(JsonContentType, response.Content.Headers.ContentType?.ToString());
        }
    }

    private const int RequestReaderLimit = Waharoa.Server.Sandbox.AccountApi.RequestReader.MaxBodyBytes;

    private static HttpRequestMessage Raw(byte[] body, string authorization)
    {
        var request = Post("list", string.Empty, authorization);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(JsonContentType);
        return request;
    }

    private static HttpRequestMessage Chunked(string body, string authorization)
    {
        var request = Post("list", string.Empty, authorization);
        request.Content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(body)));
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(JsonContentType);
        request.Headers.TransferEncodingChunked = true;
        return request;
    }
}
