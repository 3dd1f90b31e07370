namespace Waharoa.Server.Sandbox.Returns;

/// <summary>The Return service's operations, named as in IR's WSDL (portType <c>Return</c>).</summary>
internal enum ReturnOperation
{
    File,
    Prepop,
    RetrieveStatus,
    RetrieveFilingObligations,
    RetrieveReturn,
}
