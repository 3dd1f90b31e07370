using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Waharoa.Tests.Control.Clock;

/// <summary>Calls of <c>/control/clock</c> as a test script makes them.</summary>
internal static class ClockApi
{
    public static Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(HttpClient control) => SendAsync(control, HttpMethod.Get, "/control/clock", null);

    public static Task<(HttpStatusCode Status, JsonElement Body)> AdvanceAsync(HttpClient control, string by) =>
        SendAsync(control, HttpMethod.Post, "/control/clock/advance", JsonContent.Create(new { by }));

    public static Task<(HttpStatusCode Status, JsonElement Body)> SetAsync(HttpClient control, string to) =>
        SendAsync(control, HttpMethod.Post, "/control/clock/set", JsonContent.Create(new { to }));

    public static Task<(HttpStatusCode Status, JsonElement Body)> ResetAsync(HttpClient control) => SendAsync(control, HttpMethod.Post, "/control/clock/reset", null);

    /// <summary>Moves the clock and fails the test unless the move was taken.</summary>
    public static async Task<JsonElement> MovedAsync(Task<(HttpStatusCode Status, JsonElement Body)> move)
    {
        var (status, body) = await move;
        Assert.True(status == HttpStatusCode.OK, $"{(int)status} {body}");
        return body;
    }

    public static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpClient control, HttpMethod method, string path, HttpContent? content)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var response = await control.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text.Length == 0 ? "null" : text);
        return (response.StatusCode, document.RootElement.Clone());
    }
}
