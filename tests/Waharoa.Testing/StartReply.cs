using System.Net;
using System.Text.Json;

namespace Waharoa.Testing;

/// <summary>A START endpoint's answer: status, the raw body text (IR's exact bytes matter), the parsed body if JSON, and the response.</summary>
public sealed record StartReply(HttpStatusCode Status, string Raw, JsonElement Body, HttpResponseMessage Response)
{
    /// <summary>The whole <c>Content-Type</c> header as sent, or null.</summary>
    public string? ContentType => Response.Content.Headers.ContentType?.ToString();

    public string String(string name) => Body.GetProperty(name).GetString()!;

    public string[] Names => Body.ValueKind == JsonValueKind.Object ? Body.EnumerateObject().Select(p => p.Name).ToArray() : [];

    public static async Task<StartReply> ReadAsync(HttpResponseMessage response)
    {
        var raw = await response.Content.ReadAsStringAsync();
        JsonElement body = default;
        if (raw.Length > 0)
        {
            try
            {
                using var document = JsonDocument.Parse(raw);
                body = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                // Not JSON: the assertions on Raw will say what came instead.
            }
        }

        return new StartReply(response.StatusCode, raw, body, response);
    }

    public override string ToString() => $"{(int)Status} {ContentType} {Raw}";
}
