namespace Waharoa.Server.Sandbox.Soap;

/// <summary>SOAP 1.2 and WS-Addressing as IR's WCF services speak them (wsHttpBinding).</summary>
internal static class Soap12
{
    public const string Namespace = "http://www.w3.org/2003/05/soap-envelope";
    public const string AddressingNamespace = "http://www.w3.org/2005/08/addressing";

    /// <summary>SOAP 1.2's media type (WCF's wsHttpBinding accepts no other).</summary>
    public const string MediaType = "application/soap+xml";
}
