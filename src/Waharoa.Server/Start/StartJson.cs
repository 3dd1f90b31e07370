using System.Text;
using System.Text.Json;

namespace Waharoa.Server.Start;

/// <summary>
/// START's JSON on the wire: compact, <c>Content-Type: application/json</c>, and <c>/</c> written as <c>\/</c> as IR's
/// service writes it (a <c>/</c> can only occur inside a JSON string, so escaping every one is exact).
/// </summary>
internal static class StartJson
{
    public const string ContentType = "application/json";

    // IR's serializer escapes only what JSON requires (and '/'): an apostrophe stays an apostrophe.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Compact JSON of what <paramref name="write"/> writes into one object, with <c>\/</c>.</summary>
    public static byte[] Object(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, WriterOptions))
        {
            w.WriteStartObject();
            write(w);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length).Replace("/", "\\/", StringComparison.Ordinal));
    }

    public static Task WriteAsync(HttpResponse response, int status, Action<Utf8JsonWriter> write, bool noStore = true)
    {
        var body = Object(write);
        response.StatusCode = status;
        response.ContentType = ContentType;
        if (noStore)
        {
            response.Headers.CacheControl = "no-store";
            response.Headers.Pragma = "no-cache";
        }

        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, response.HttpContext.RequestAborted).AsTask();
    }

    public static Task WriteErrorAsync(HttpResponse response, StartError error) =>
        WriteAsync(response, error.Status, w =>
        {
            w.WriteString("error", error.Error);
            w.WriteString("error_description", error.Description);
        });
}
