namespace Waharoa.Clients;

/// <summary>A registered digital service provider (DSP) application.</summary>
/// <param name="ClientId">The public client identifier.</param>
/// <param name="Name">A display name shown on the consent page.</param>
/// <param name="Kind">Cloud or native.</param>
/// <param name="SecretHash">The salted hash of the client secret (never the secret itself).</param>
/// <param name="RedirectUris">The registered redirect URIs, matched exactly.</param>
/// <param name="CertificateThumbprint">
/// SHA-256 thumbprint (upper-case hex) of the one client certificate a cloud client is pinned to; null when it is
/// enrolled by <see cref="CertificateCommonName"/> instead.
/// </param>
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
    /// The Common Name a cloud client is enrolled by, as IR enrols DSPs ("any certificate that contains a pre-approved
    /// Common Name … issued … by one of IR's approved … CAs will be accepted"): a renewed certificate with the same CN
    /// from a trusted CA works without re-enrolment. A pinned <see cref="CertificateThumbprint"/> wins over it.
    /// </summary>
    public string? CertificateCommonName { get; init; }

    /// <summary>
    /// True when an operator disabled the client: the OAuth endpoints and the gateway refuse it as they refuse an unknown
    /// client (the store finds only enabled clients for them) until it is enabled again.
    /// </summary>
    public bool Disabled { get; init; }

    /// <summary>True when a trusted client certificate with <paramref name="thumbprint"/> and <paramref name="commonName"/> is this client's.</summary>
    public bool AcceptsCertificate(string thumbprint, string? commonName)
    {
        ArgumentNullException.ThrowIfNull(thumbprint);
        return CertificateThumbprint is { } pinned
            ? System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                System.Text.Encoding.ASCII.GetBytes(pinned.ToUpperInvariant()), System.Text.Encoding.ASCII.GetBytes(thumbprint.ToUpperInvariant()))
            : CertificateCommonName is { } enrolled && commonName is not null && string.Equals(enrolled, commonName, StringComparison.Ordinal);
    }

    /// <summary>
    /// The certificates (PEM) the DSP signs its M2M JWTs with, exchanged at onboarding apart from its TLS certificate
    /// (IR's build packs §2.4); a JWT's <c>sub</c> is the SHA-256 thumbprint of the one that signed it. None enrolled:
    /// the client signs with its TLS client certificate, as earlier releases took it.
    /// </summary>
    public IReadOnlyList<string> SigningCertificates { get; init; } = [];

    /// <summary>
    /// The software platform values IR assigned the DSP at onboarding ("The field value will be provided by Inland
    /// Revenue during the onboarding", IR's build packs): a SOAP request whose <c>softwareProviderData/softwarePlatform</c>
    /// is not one of them is refused with status 5 "Unauthorised vendor". None registered: any platform is accepted.
    /// </summary>
    public IReadOnlyList<string> SoftwarePlatforms { get; init; } = [];

    /// <summary>
    /// True when a request naming <paramref name="platform"/> as its software platform may be served: the client has
    /// no register, or the value is in it (compared ordinally, as IR matches its own assigned values).
    /// </summary>
    public bool AcceptsSoftwarePlatform(string? platform) =>
        SoftwarePlatforms.Count == 0 || (platform is not null && SoftwarePlatforms.Contains(platform, StringComparer.Ordinal));

    /// <summary>True when the client is enrolled for <paramref name="service"/>.</summary>
    public bool IsEnrolledFor(string service) =>
        Services.Any(s => s == "*" || string.Equals(s, service, StringComparison.OrdinalIgnoreCase));

    /// <summary>True when <paramref name="redirectUri"/> is registered for this client, by exact, ordinal string match.</summary>
    public bool HasRedirectUri(string? redirectUri) =>
        redirectUri is not null && RedirectUris.Any(r => string.Equals(r, redirectUri, StringComparison.Ordinal));
}
