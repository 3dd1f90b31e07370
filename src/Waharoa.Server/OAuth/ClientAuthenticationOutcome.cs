namespace Waharoa.Server.OAuth;

/// <summary>The result of authenticating the client of a token request.</summary>
internal enum ClientAuthenticationOutcome
{
    /// <summary>The client is authenticated.</summary>
    Authenticated,

    /// <summary>No usable credentials were sent.</summary>
    Missing,

    /// <summary>An <c>Authorization</c> header was sent that is not HTTP Basic with <c>id:secret</c> in base64.</summary>
    MalformedHeader,

    /// <summary>A <c>client_id</c> form field was sent without <c>client_secret</c>, and no header.</summary>
    MissingSecret,

    /// <summary>The client id is not registered.</summary>
    UnknownClient,

    /// <summary>The secret does not match.</summary>
    WrongSecret,

    /// <summary>On the cloud endpoint, the TLS client certificate is not the one enrolled for the client.</summary>
    CertificateMismatch,
}
