namespace Waharoa.Server.Sandbox.Intermediation;

/// <summary>The operations of IR's Intermediation service, as the WSDL's <c>portType</c> names them.</summary>
internal enum IntermediationOperation
{
    /// <summary>Retrieves the agency's client lists and the clients in each.</summary>
    RetrieveClientList,

    /// <summary>Links a client (account or customer master) to a client list.</summary>
    Link,

    /// <summary>Removes a link.</summary>
    Delink,

    /// <summary>Retrieves the links of one client.</summary>
    RetrieveClient,

    /// <summary>Changes a link's redirect flags or moves it to another client list.</summary>
    Update,
}
