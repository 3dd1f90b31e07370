namespace Waharoa.Server.Sandbox.Soap;

/// <summary>Why a request is not a SOAP 1.2 message the service can answer in XML (build pack §5.1 "(non xml)").</summary>
internal enum SoapReadFailure
{
    /// <summary>Larger than <see cref="SoapRequestReader.MaxBodyBytes"/>.</summary>
    TooLarge,

    /// <summary>Not <c>application/soap+xml</c>.</summary>
    WrongMediaType,

    /// <summary>Not well-formed XML.</summary>
    NotXml,

    /// <summary>Elements nested deeper than <see cref="SoapRequestReader.MaxDepth"/>.</summary>
    TooDeep,

    /// <summary>Well-formed XML but not a SOAP 1.2 envelope with one body.</summary>
    NotSoap,
}
