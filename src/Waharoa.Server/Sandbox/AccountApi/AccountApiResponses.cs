using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Waharoa.Server.Sandbox.AccountApi;

/// <summary>Writes Account API bodies as the OpenAPI file's <c>produces</c> says: <c>application/json; charset=utf-8</c>.</summary>
internal static class AccountApiResponses
{
    public const string JsonContentType = "application/json; charset=utf-8";

    public static async Task WriteAsync(HttpResponse response, int status, Action<Utf8JsonWriter> write, CancellationToken cancellationToken)
    {
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

    public static Task WriteRefusalAsync(HttpResponse response, AccountApiRefusal refusal, CancellationToken cancellationToken) =>
        WriteAsync(response, refusal.Status, w =>
        {
            w.WriteStartArray("errors");
            foreach (var error in refusal.Errors)
            {
                w.WriteStartObject();
                w.WriteString("code", error.Code);
                w.WriteString("type", error.Type);
                w.WriteString("message", error.Message);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }, cancellationToken);
}
