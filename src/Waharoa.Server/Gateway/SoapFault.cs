using System.Text;
using System.Xml;

namespace Waharoa.Server.Gateway;

/// <summary>SOAP 1.2 faults the gateway answers with itself, e.g. the <c>UnAuthorised</c> fault of a throttled SOAP call.</summary>
internal static class SoapFault
{
    public const string EnvelopeNamespace = "http://www.w3.org/2003/05/soap-envelope";
    public const string ContentType = "application/soap+xml; charset=utf-8";

    /// <summary>Writes the fault IR's build packs document as "(SOAP fault) UnAuthorised", with <paramref name="status"/>.</summary>
    public static Task WriteUnAuthorisedAsync(HttpResponse response, int status, CancellationToken cancellationToken) =>
        WriteAsync(response, status, "Receiver", "UnAuthorised", cancellationToken);

    /// <summary>Writes a SOAP 1.2 fault with code <paramref name="code"/> (<c>Sender</c> or <c>Receiver</c>) and <paramref name="reason"/>.</summary>
    public static async Task WriteAsync(HttpResponse response, int status, string code, string reason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        var buffer = new MemoryStream();
        using (var w = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), OmitXmlDeclaration = true }))
        {
            w.WriteStartElement("s", "Envelope", EnvelopeNamespace);
            w.WriteStartElement("s", "Body", EnvelopeNamespace);
            w.WriteStartElement("s", "Fault", EnvelopeNamespace);
            w.WriteStartElement("s", "Code", EnvelopeNamespace);
            w.WriteElementString("s", "Value", EnvelopeNamespace, "s:" + code);
            w.WriteEndElement();
            w.WriteStartElement("s", "Reason", EnvelopeNamespace);
            w.WriteStartElement("s", "Text", EnvelopeNamespace);
            w.WriteAttributeString("xml", "lang", null, "en");
            w.WriteString(reason);
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
        }

        response.StatusCode = status;
        response.ContentType = ContentType;
        response.ContentLength = buffer.Length;
        await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken);
    }
}
