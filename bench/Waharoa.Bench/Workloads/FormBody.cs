using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Waharoa.Bench.Workloads;

/// <summary>Small helpers for the request and response bodies of the token endpoints.</summary>
internal static class FormBody
{
    private static readonly MediaTypeHeaderValue FormType = new("application/x-www-form-urlencoded");

    /// <summary>An <c>application/x-www-form-urlencoded</c> body (with its Content-Length, which START requires).</summary>
    public static ByteArrayContent Create(params (string Name, string Value)[] fields)
    {
        var text = string.Join('&', fields.Select(f => Uri.EscapeDataString(f.Name) + "=" + Uri.EscapeDataString(f.Value)));
        var content = new ByteArrayContent(Encoding.ASCII.GetBytes(text));
        content.Headers.ContentType = FormType;
        return content;
    }

    /// <summary>The value of an <c>Authorization</c> header for HTTP Basic client authentication.</summary>
    public static string Basic(string clientId, string secret) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{secret}"));

    /// <summary>The string value of the top-level member <paramref name="name"/> of a JSON object, or null.</summary>
    public static string? ReadString(ReadOnlySpan<byte> json, string name)
    {
        var reader = new Utf8JsonReader(json);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals(name))
                {
                    reader.Read();
                    return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return null;
    }

    /// <summary>A short printable excerpt of a response, for the error report.</summary>
    public static string Describe(System.Net.HttpStatusCode status, byte[] body) =>
        $"{(int)status} {Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 200))}";
}
