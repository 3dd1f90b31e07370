namespace Waharoa.Server.TokenRequests;

/// <summary>The result of authenticating the client of a token request.</summary>
internal enum ClientAuthenticationOutcome
{
    /// <summary>The client is authenticated.</summary>
    Authenticated,

    /// <summary>No usable credentials were sent.</summary>
    Missing,

    /// <summary>The client id is not registered.</summary>
    UnknownClient,

    /// <summary>The secret does not match.</summary>
    WrongSecret,

    /// <summary>On the cloud endpoint, the TLS client certificate is not the one enrolled for the client.</summary>
    CertificateMismatch,
}
