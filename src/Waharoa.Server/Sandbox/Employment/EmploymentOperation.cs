namespace Waharoa.Server.Sandbox.Employment;

/// <summary>The Employment service's operations, named as IR's WSDL names them.</summary>
internal enum EmploymentOperation
{
    Create,
    Update,
    Terminate,
    RetrieveList,
    Event,
}
