using System.Xml.Linq;
using Waharoa.Testing;
using Waharoa.Tests.Intermediation;

namespace Waharoa.Tests.Returns;

/// <summary>Calls the Return service as a DSP would: SOAP 1.2 on the cloud endpoint with an OAuth access token of a myIR logon.</summary>
internal sealed class ReturnsCalls(WaharoaEndpoints host) : IDisposable
{
    public const string CloudPath = "/gateway/gws/returns/";

    /// <summary>The demo user, who owns every IR mock GST customer (as any user reaches IR's mock data).</summary>
    public const string DemoUser = "TR24573773";

    private readonly IntermediationCalls _soap = new(host);

    public WaharoaEndpoints Host => host;

    public HttpClient Http => _soap.Http;

    public Task<string> BearerForAsync(string logon) => _soap.BearerForAsync(logon);

    /// <summary>Posts <paramref name="envelope"/> as <paramref name="logon"/> and returns the SOAP response (HTTP 200 expected).</summary>
    public async Task<ReturnAnswer> SendAsync(string logon, XDocument envelope) =>
        new((await _soap.SendAsync(logon, envelope, CloudPath)).Document);

    public Task<HttpResponseMessage> PostAsync(string body, string? authorization, string path = CloudPath) => _soap.PostAsync(body, authorization, path);

    /// <summary>IR's GST sample message <paramref name="file"/>.</summary>
    public static XDocument Sample(string file) => XDocument.Load(SpecFiles.Path("ir-returns", "gst", "sample messages", file));

    /// <summary>
    /// IR's sample request <paramref name="file"/> with the identifier (and its type), the period, the minor form type
    /// changed where given.
    /// </summary>
    public static XDocument Sample(string file, string? identifier = null, string? identifierType = null, string? period = null, string? minorForm = null)
    {
        var document = Sample(file);
        var cmn = ReturnAnswer.Cmn;
        var rc = ReturnAnswer.Rc;
        if (identifier is not null)
        {
            document.Descendants(cmn + "identifier").Single().Value = identifier;
        }

        if (identifierType is not null)
        {
            document.Descendants(cmn + "identifier").Single().SetAttributeValue("IdentifierValueType", identifierType);
        }

        if (period is not null)
        {
            document.Descendants(rc + "periodEndDate").Single().Value = period;
        }

        if (minorForm is not null)
        {
            document.Descendants(rc + "minorFormType").Single().Value = minorForm;
        }

        return document;
    }

    public void Dispose() => _soap.Dispose();
}
