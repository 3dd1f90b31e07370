using System.Xml.Linq;

namespace Waharoa.Server.Sandbox.Soap;

/// <summary>A well-formed SOAP 1.2 request: its WS-Addressing action and its body's element.</summary>
/// <param name="Action">The <c>wsa:Action</c> header, or null when there is none.</param>
/// <param name="Operation">The body's first element, or null for an empty body.</param>
internal sealed record SoapRequest(string? Action, XElement? Operation);
