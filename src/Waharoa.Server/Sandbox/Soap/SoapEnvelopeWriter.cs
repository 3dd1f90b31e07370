using System.Text;
using System.Xml;
using Waharoa.Server.Gateway;

namespace Waharoa.Server.Sandbox.Soap;

/// <summary>
/// Writes a response in the frame of IR's WCF services' sample responses: the response action with
/// <c>mustUnderstand</c>, then <c>{Op}Response/{Op}Result/d4p1:{Op}ResponseWrapper</c> around the payload (or the
/// wrapper the WSDL names otherwise, e.g. the Employment service's <c>EmploymentEventResponseWrapper</c>).
/// </summary>
internal static class SoapEnvelopeWriter
{
    /// <param name="response">Where the 200 response goes.</param>
    /// <param name="serviceNamespace">The WSDL's target namespace (the response and result elements').</param>
    /// <param name="operation">The operation's name, e.g. <c>RetrieveClientList</c>.</param>
    /// <param name="responseAction">The WS-Addressing action of the response.</param>
    /// <param name="wrapperNamespace">The namespace of the response wrapper element.</param>
    /// <param name="payload">Writes the payload inside the wrapper.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public static Task WriteAsync(
        HttpResponse response, string serviceNamespace, string operation, string responseAction, string wrapperNamespace, Action<XmlWriter> payload,
        CancellationToken cancellationToken) =>
        WriteAsync(response, serviceNamespace, operation, responseAction, wrapperNamespace, operation + "ResponseWrapper", payload, cancellationToken);

    /// <param name="response">Where the 200 response goes.</param>
    /// <param name="serviceNamespace">The WSDL's target namespace (the response and result elements').</param>
    /// <param name="operation">The operation's name, e.g. <c>Event</c>.</param>
    /// <param name="responseAction">The WS-Addressing action of the response.</param>
    /// <param name="wrapperNamespace">The namespace of the response wrapper element.</param>
    /// <param name="wrapperName">The response wrapper element's local name.</param>
    /// <param name="payload">Writes the payload inside the wrapper.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public static async Task WriteAsync(
        HttpResponse response, string serviceNamespace, string operation, string responseAction, string wrapperNamespace, string wrapperName,
        Action<XmlWriter> payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(payload);
        using var buffer = new MemoryStream();
        using (var w = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), OmitXmlDeclaration = true }))
        {
            w.WriteStartElement("s", "Envelope", Soap12.Namespace);
            w.WriteStartElement("s", "Header", Soap12.Namespace);
            w.WriteAttributeString("xmlns", "wsa", null, Soap12.AddressingNamespace);
            w.WriteStartElement("wsa", "Action", Soap12.AddressingNamespace);
            w.WriteAttributeString("xmlns", "env", null, Soap12.Namespace);
            w.WriteAttributeString("env", "mustUnderstand", Soap12.Namespace, "1");
            w.WriteString(responseAction);
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteStartElement("s", "Body", Soap12.Namespace);
            w.WriteStartElement(string.Empty, operation + "Response", serviceNamespace);
            w.WriteStartElement(string.Empty, operation + "Result", serviceNamespace);
            w.WriteAttributeString("xmlns", "d4p1", null, wrapperNamespace);
            w.WriteStartElement("d4p1", wrapperName, wrapperNamespace);
            payload(w);
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
            w.WriteEndElement();
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = SoapFault.ContentType;
        response.ContentLength = buffer.Length;
        await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), cancellationToken);
    }

    /// <summary>
    /// IR's <c>statusMessage</c> as the services' samples write it: the code, the message (an empty element on success)
    /// and, where Common.v2 has it, the particulars (<c>errorDescription</c>), in the Common namespace
    /// <paramref name="commonNamespace"/> the service's payload uses.
    /// </summary>
    public static void WriteStatusMessage(XmlWriter w, string commonNamespace, int code, string message, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.WriteStartElement(string.Empty, "statusMessage", commonNamespace);
        w.WriteElementString("statusCode", commonNamespace, code.ToString(System.Globalization.CultureInfo.InvariantCulture));
        w.WriteStartElement("errorMessage", commonNamespace);
        w.WriteString(message);
        w.WriteEndElement();
        if (description is not null)
        {
            w.WriteElementString("errorDescription", commonNamespace, description);
        }

        w.WriteEndElement();
    }
}
