using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Waharoa.Server.Demo;
using Waharoa.Testing;
using Waharoa.Tests.Gateway;

namespace Waharoa.Tests.AccountApi;

/// <summary>Account API calls through the real gateway on the cloud endpoint, as a DSP makes them.</summary>
internal static class AccountApiCalls
{
    public const string BasePath = "/gateway/account/";
    public const string JsonContentType = "application/json; charset=utf-8";

    /// <summary>The demo logons of <c>Demo/Seeds/accounts.yaml</c>.</summary>
    public const string Password = "Password1!";
    public const string DemoUser = "TR24573773";
    public const string Owner = "AccountOwner";
    public const string Delegated = "AccountDelegate";
    public const string Agent = "AccountAgent";
    public const string Stranger = "AccountStranger";
    public const string AgencyIrd = "132270007";
    public const string AgencyListId = "7100001";

    /// <summary>A customer the demo user owns, with accounts (INC and GST).</summary>
    public const string DemoCustomer = "132243158";

    public static string ListBody(string customerId, string customerIdType) =>
        JsonSerializer.Serialize(new { CustomerID = customerId, CustomerIDType = customerIdType });

    public static string AccountBody(string accountId, string accountIdType = "ACC") =>
        JsonSerializer.Serialize(new { AccountID = accountId, AccountIDType = accountIdType });

    public static HttpRequestMessage Post(string service, string body, string? authorization, string? contentType = JsonContentType, string basePath = BasePath)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, basePath + service)
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)),
        };
        if (contentType is not null)
        {
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return request;
    }

    /// <summary>An M2M JWT (no "Bearer") signed with the demo cloud client's certificate, acting as <paramref name="startLogon"/> or, when null, as the DSP.</summary>
    public static string M2m(WaharoaTestHost host, string? startLogon)
    {
        using var certificate = host.LoadCloudClientCertificate();
        return M2mTokens.Create(certificate, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(9), startLogon);
    }

    /// <summary>"Bearer " and an OAuth access token for <paramref name="logon"/>, through the real myIR logon and code exchange.</summary>
    public static async Task<string> BearerAsync(WaharoaTestHost host, HttpClient cloud, string logon = DemoUser)
    {
        var (access, _) = await TokenCalls.NewCloudTokensAsync(host, cloud, new DemoUser(logon, logon == DemoUser ? host.User.Password : Password));
        return "Bearer " + access;
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> SendAsync(HttpClient http, HttpRequestMessage request)
    {
        using (request)
        {
            var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            JsonElement body = default;
            if (text.Length > 0 && response.Content.Headers.ContentType?.MediaType == "application/json")
            {
                using var document = JsonDocument.Parse(text);
                body = document.RootElement.Clone();
            }

            return (response.StatusCode, body, response);
        }
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body)> ListAsync(HttpClient http, string authorization, string customerId, string customerIdType = "IRD")
    {
        var (status, body, response) = await SendAsync(http, Post("list", ListBody(customerId, customerIdType), authorization));
        response.Dispose();
        return (status, body);
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body)> AccountAsync(HttpClient http, string authorization, string accountId, string accountIdType = "ACC")
    {
        var (status, body, response) = await SendAsync(http, Post("account", AccountBody(accountId, accountIdType), authorization));
        response.Dispose();
        return (status, body);
    }

    public static string[] AccountIds(JsonElement listBody) =>
        listBody.GetProperty("Accounts").EnumerateArray().Select(a => a.GetProperty("ID").GetString()!).ToArray();

    /// <summary>Asserts IR's error shape: exactly <c>{"errors":[{"code","type","message"}]}</c> with these values.</summary>
    public static void AssertError(HttpStatusCode expectedStatus, string code, string type, string message, HttpStatusCode status, JsonElement body)
    {
        Assert.Equal(expectedStatus, status);
        var expected = JsonSerializer.SerializeToElement(new { errors = new[] { new { code, type, message } } });
        JsonEquality.AssertEqual(expected, body);
    }

    public const string EV1022Message = "Access is not permitted for the requester to perform this operation for the submitted identifier";

    public static void AssertAccessDenied(HttpStatusCode status, JsonElement body) =>
        AssertError(HttpStatusCode.Forbidden, "EV1022", "security", EV1022Message, status, body);
}
