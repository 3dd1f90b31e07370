namespace Waharoa.Clients;

/// <summary>A registered digital service provider (DSP) application.</summary>
/// <param name="ClientId">The public client identifier.</param>
/// <param name="Name">A display name shown on the consent page.</param>
/// <param name="Kind">Cloud or native.</param>
/// <param name="SecretHash">The salted hash of the client secret (never the secret itself).</param>
/// <param name="RedirectUris">The registered redirect URIs, matched exactly.</param>
/// <param name="CertificateThumbprint">SHA-256 thumbprint (upper-case hex) of the enrolled client certificate, for cloud clients.</param>
/// <param name="CreatedAt">When the client was registered.</param>
public sealed record DspClient(
    string ClientId,
    string Name,
    ClientKind Kind,
    string SecretHash,
    IReadOnlyList<string> RedirectUris,
    string? CertificateThumbprint,
    DateTimeOffset CreatedAt)
{
    /// <summary>The gateway web services the client is enrolled for (route service names); <c>*</c> enrols it for every service.</summary>
    public IReadOnlyList<string> Services { get; init; } = [];

    /// <summary>
    /// The IRD number of the DSP's own customer: whom an M2M call without <c>startLogon</c> acts as. Null when the
    /// DSP has none.
    /// </summary>
    public string? CustomerIrd { get; init; }

    /// <summary>
    /// The certificates (PEM) the DSP signs its M2M JWTs with, exchanged at onboarding apart from its TLS certificate
    /// (IR's build packs §2.4); a JWT's <c>sub</c> is the SHA-256 thumbprint of the one that signed it. None enrolled:
    /// the client signs with its TLS client certificate, as earlier releases took it.
    /// </summary>
    public IReadOnlyList<string> SigningCertificates { get; init; } = [];

    /// <summary>True when the client is enrolled for <paramref name="service"/>.</summary>
    public bool IsEnrolledFor(string service) =>
        Services.Any(s => s == "*" || string.Equals(s, service, StringComparison.OrdinalIgnoreCase));

    /// <summary>True when <paramref name="redirectUri"/> is registered for this client, by exact, ordinal string match.</summary>
    public bool HasRedirectUri(string? redirectUri) =>
        redirectUri is not null && RedirectUris.Any(r => string.Equals(r, redirectUri, StringComparison.Ordinal));
}
