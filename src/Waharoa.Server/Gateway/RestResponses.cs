using System.Text.Json;

namespace Waharoa.Server.Gateway;

/// <summary>
/// IR's REST bodies, as the gateway and the REST services behind it write them: compact JSON as
/// <c>application/json; charset=utf-8</c>, and refusals as the <c>errors</c> array of <c>code</c>, <c>type</c>, <c>message</c>.
/// </summary>
internal static class RestResponses
{
    public const string JsonContentType = "application/json; charset=utf-8";

    /// <summary>Writes what <paramref name="write"/> writes into one JSON object, with <paramref name="status"/>.</summary>
    public static async Task WriteJsonAsync(HttpResponse response, int status, Action<Utf8JsonWriter> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        response.StatusCode = status;
        response.ContentType = JsonContentType;
        response.ContentLength = buffer.Length;
        await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken);
    }

    /// <summary>Writes <c>{"errors":[…]}</c> with <paramref name="status"/>.</summary>
    public static Task WriteErrorsAsync(HttpResponse response, int status, IEnumerable<(string Code, string Type, string Message)> errors, CancellationToken cancellationToken) =>
        WriteJsonAsync(response, status, w =>
        {
            w.WriteStartArray("errors");
            foreach (var (code, type, message) in errors)
            {
                w.WriteStartObject();
                w.WriteString("code", code);
                w.WriteString("type", type);
                w.WriteString("message", message);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }, cancellationToken);
}
