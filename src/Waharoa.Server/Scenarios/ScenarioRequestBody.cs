using System.Text;
using System.Text.Json;
using System.Xml;

namespace Waharoa.Server.Scenarios;

/// <summary>
/// What a rule may look for in a request's body, read only when an active rule needs it (the body is buffered and rewound,
/// so the service reads it as sent): the SOAP operation (the WS-Addressing action's last segment and the body element's
/// name) and every text value (an IRD number, a customer or account ID, anywhere in the XML or JSON).
/// </summary>
internal sealed class ScenarioRequestBody
{
    private const int Limit = 4 * 1024 * 1024;

    private ScenarioRequestBody(HashSet<string> operations, HashSet<string> values)
    {
        Operations = operations;
        Values = values;
    }

    public static readonly ScenarioRequestBody Empty = new([], []);

    /// <summary>The SOAP operation's names found (action's last segment, body element).</summary>
    public HashSet<string> Operations { get; }

    /// <summary>Every text value, trimmed.</summary>
    public HashSet<string> Values { get; }

    public static async Task<ScenarioRequestBody> ReadAsync(HttpRequest request)
    {
        if (request.ContentLength is 0 or > Limit || HttpMethods.IsGet(request.Method))
        {
            return Empty;
        }

        request.EnableBuffering(Limit);
        using var buffer = new MemoryStream();
        try
        {
            await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or BadHttpRequestException)
        {
            return Empty;
        }
        finally
        {
            request.Body.Position = 0;
        }

        var text = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length).TrimStart('\uFEFF', ' ', '\r', '\n', '\t');
        var operations = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var values = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        try
        {
            if (text.StartsWith('<'))
            {
                ReadXml(text, operations, values);
            }
            else if (text.StartsWith('{') || text.StartsWith('['))
            {
                using var json = JsonDocument.Parse(text);
                ReadJson(json.RootElement, values);
            }
        }
        catch (Exception e) when (e is XmlException or JsonException)
        {
            // Not readable: only what was read before the fault can match; the service answers the body as it is.
        }

        return new ScenarioRequestBody(operations, values);
    }

    /// <summary>True when <paramref name="ird"/> (nine digits) is a value of the body, or begins an account ID in it.</summary>
    public bool Mentions(string ird)
    {
        foreach (var value in Values)
        {
            var plain = value.Replace("-", string.Empty, StringComparison.Ordinal);
            if (plain.Length == 8 && plain.All(char.IsAsciiDigit))
            {
                plain = "0" + plain;
            }

            if (string.Equals(plain, ird, StringComparison.OrdinalIgnoreCase)
                || (plain.Length > ird.Length && plain.StartsWith(ird, StringComparison.OrdinalIgnoreCase) && char.IsAsciiLetter(plain[ird.Length])))
            {
                return true;
            }
        }

        return false;
    }

    private static void ReadXml(string text, HashSet<string> operations, HashSet<string> values)
    {
        using var reader = XmlReader.Create(new StringReader(text), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        string? element = null;
        var inBody = false;
        var bodyDepth = -1;
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    element = reader.LocalName;
                    if (inBody && reader.Depth == bodyDepth + 1 && operations.Count < 2)
                    {
                        operations.Add(reader.LocalName);
                    }

                    if (reader.LocalName == "Body" && reader.NamespaceURI.Contains("soap-envelope", StringComparison.Ordinal))
                    {
                        inBody = true;
                        bodyDepth = reader.Depth;
                    }

                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA:
                    var value = reader.Value.Trim();
                    if (value.Length == 0)
                    {
                        break;
                    }

                    if (element == "Action")
                    {
                        var slash = value.TrimEnd('/').LastIndexOf('/');
                        operations.Add(slash >= 0 ? value.TrimEnd('/')[(slash + 1)..] : value);
                    }

                    values.Add(value);
                    break;
            }
        }
    }

    private static void ReadJson(JsonElement element, HashSet<string> values)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    ReadJson(property.Value, values);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    ReadJson(item, values);
                }

                break;
            case JsonValueKind.String:
                values.Add(element.GetString()!.Trim());
                break;
            case JsonValueKind.Number:
                values.Add(element.GetRawText());
                break;
        }
    }
}
