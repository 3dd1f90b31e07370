using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;

namespace Waharoa.Certificates;

/// <summary>
/// What a client certificate is enrolled by: its SHA-256 thumbprint and subject Common Name, worked out once per
/// certificate object. A TLS connection's client certificate is one object for the connection's life, so every call
/// on a kept-alive connection reuses what its first call computed, rather than hashing and parsing it again.
/// </summary>
/// <param name="Sha256Thumbprint">Upper-case hex, as enrolled thumbprints are kept (<see cref="CertificateFiles.Sha256Thumbprint"/>).</param>
/// <param name="CommonName">The subject CN, or null (<see cref="CertificateFiles.CommonName"/>).</param>
public sealed record CertificateIdentity(string Sha256Thumbprint, string? CommonName)
{
    private static readonly ConditionalWeakTable<X509Certificate2, CertificateIdentity> Known = [];

    /// <summary>The identity of <paramref name="certificate"/>, computed on its first use.</summary>
    public static CertificateIdentity Of(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Known.GetValue(certificate, static c => new CertificateIdentity(CertificateFiles.Sha256Thumbprint(c), CertificateFiles.CommonName(c)));
    }
}
