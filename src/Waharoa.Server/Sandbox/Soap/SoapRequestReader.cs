using System.Xml;
using System.Xml.Linq;
using Microsoft.Net.Http.Headers;

namespace Waharoa.Server.Sandbox.Soap;

/// <summary>Reads a SOAP 1.2 request with bounded size, no DTDs and no external resolution.</summary>
internal static class SoapRequestReader
{
    /// <summary>The largest request body read: far above any request of IR's SOAP services, small enough to refuse abuse.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    /// <summary>The deepest element nesting read.</summary>
    public const int MaxDepth = 64;

    private static readonly XmlReaderSettings ReaderSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 0,
    };

    private static readonly XName Envelope = XName.Get("Envelope", Soap12.Namespace);
    private static readonly XName Header = XName.Get("Header", Soap12.Namespace);
    private static readonly XName Body = XName.Get("Body", Soap12.Namespace);
    private static readonly XName Action = XName.Get("Action", Soap12.AddressingNamespace);

    public static async Task<(SoapRequest? Request, SoapReadFailure? Failure)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !string.Equals(contentType.MediaType.Value, Soap12.MediaType, StringComparison.OrdinalIgnoreCase))
        {
            return (null, SoapReadFailure.WrongMediaType);
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, SoapReadFailure.TooLarge);
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return (null, SoapReadFailure.TooLarge);
            }

            buffer.Write(chunk, 0, read);
        }

        XDocument document;
        try
        {
            // A first streaming pass refuses absurd nesting before anything recursive (schema validation, copies)
            // sees the document: IR's deepest message is a dozen levels.
            buffer.Position = 0;
            using (var scan = XmlReader.Create(buffer, ReaderSettings))
            {
                while (scan.Read())
                {
                    if (scan.Depth > MaxDepth)
                    {
                        return (null, SoapReadFailure.TooDeep);
                    }
                }
            }

            buffer.Position = 0;
            using var reader = XmlReader.Create(buffer, ReaderSettings);
            document = XDocument.Load(reader);
        }
        catch (XmlException)
        {
            return (null, SoapReadFailure.NotXml);
        }

        var root = document.Root!;
        var bodies = root.Elements(Body).ToList();
        if (root.Name != Envelope || bodies.Count != 1 || root.Elements(Header).Count() > 1)
        {
            return (null, SoapReadFailure.NotSoap);
        }

        return (new SoapRequest(root.Element(Header)?.Element(Action)?.Value.Trim(), bodies[0].Elements().FirstOrDefault()), null);
    }
}
