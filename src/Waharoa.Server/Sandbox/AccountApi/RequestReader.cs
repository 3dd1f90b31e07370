using System.Buffers;
using System.Text.Json;
using Microsoft.Net.Http.Headers;

namespace Waharoa.Server.Sandbox.AccountApi;

/// <summary>
/// Reads an Account API request body against its OpenAPI schema: <c>application/json</c> (UTF-8), at most
/// <see cref="MaxBodyBytes"/>, valid UTF-8, a JSON object whose required fields are strings within their lengths and enums.
/// Anything else is EV1100; unknown extra properties are ignored, as the schema does not forbid them.
/// </summary>
internal static class RequestReader
{
    /// <summary>The largest body read; the real requests are under 100 bytes.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    private static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = 16 };

    public static async Task<(IReadOnlyDictionary<string, string>? Values, AccountApiRefusal? Refusal)> ReadAsync(
        HttpRequest request, IReadOnlyList<RequestField> fields, CancellationToken cancellationToken)
    {
        if (!IsJson(request.ContentType) || request.ContentLength > MaxBodyBytes)
        {
            return (null, AccountApiErrors.InvalidRequest);
        }

        var body = await ReadBoundedAsync(request, cancellationToken);

        // JsonDocument checks UTF-8 only when a string is read (and then throws); check it all first.
        if (body is null || !System.Text.Unicode.Utf8.IsValid(body))
        {
            return (null, AccountApiErrors.InvalidRequest);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(StripBom(body), JsonOptions);
        }
        catch (JsonException)
        {
            return (null, AccountApiErrors.InvalidRequest);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, AccountApiErrors.InvalidRequest);
            }

            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            var invalid = new List<string>();
            foreach (var field in fields)
            {
                if (document.RootElement.TryGetProperty(field.Name, out var value)
                    && value.ValueKind == JsonValueKind.String
                    && value.GetString() is { } text
                    && field.Accepts(text))
                {
                    values[field.Name] = text;
                }
                else
                {
                    invalid.Add(field.Name);
                }
            }

            return invalid.Count > 0 ? (null, AccountApiErrors.InvalidFields(invalid)) : (values, null);
        }
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        && (!media.Charset.HasValue || media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    /// <summary>The body, or null when it exceeds <see cref="MaxBodyBytes"/> (whatever Content-Length claimed).</summary>
    private static async Task<byte[]?> ReadBoundedAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(MaxBodyBytes + 1);
        try
        {
            var total = 0;
            int read;
            while ((read = await request.Body.ReadAsync(buffer.AsMemory(total, MaxBodyBytes + 1 - total), cancellationToken)) > 0)
            {
                total += read;
                if (total > MaxBodyBytes)
                {
                    return null;
                }
            }

            return buffer.AsSpan(0, total).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static ReadOnlyMemory<byte> StripBom(byte[] body) =>
        body.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? body.AsMemory(3) : body;
}
