using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Waharoa.Certificates;

/// <summary>
/// A development certificate authority: issues the server certificate for localhost and
/// client certificates that identify DSPs on the cloud endpoint.
/// </summary>
public sealed class TestCertificateAuthority : IDisposable
{
    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");

    private readonly TimeProvider _time;

    /// <summary>Wraps an existing CA certificate that has its private key.</summary>
    public TestCertificateAuthority(X509Certificate2 certificate, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (!certificate.HasPrivateKey)
        {
            throw new ArgumentException("The CA certificate needs its private key.", nameof(certificate));
        }

        Certificate = certificate;
        _time = time;
    }

    /// <summary>The CA's certificate (with its key).</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Creates a new self-signed CA valid for ten years.</summary>
    public static TestCertificateAuthority Create(string commonName, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={commonName}, O=Waharoa", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 1, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = time.GetUtcNow();
        return new TestCertificateAuthority(request.CreateSelfSigned(now.AddDays(-1), now.AddYears(10)), time);
    }

    /// <summary>
    /// Issues a TLS server certificate for localhost, 127.0.0.1 and ::1: with an ECDSA P-256 key, as IR's endpoints have
    /// (the TLS 1.2 suites IR allows are ECDHE-ECDSA only), or with an RSA 2048 key when <paramref name="ecc"/> is false.
    /// </summary>
    public X509Certificate2 IssueServerCertificate(TimeSpan? validity = null, bool ecc = true)
    {
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(IPAddress.Loopback);
        san.AddIpAddress(IPAddress.IPv6Loopback);
        if (!ecc)
        {
            return Issue("CN=localhost, O=Waharoa", ServerAuth, san.Build(), null, validity ?? TimeSpan.FromDays(825));
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName("CN=localhost, O=Waharoa"), new PublicKey(key), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var issued = Create(request, ServerAuth, san.Build(), null, validity ?? TimeSpan.FromDays(825), X509KeyUsageFlags.DigitalSignature);
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>True when this CA issued <paramref name="certificate"/> (a development certificate Waharoa may reissue).</summary>
    public bool Issued(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.IgnoreNotTimeValid;
        return chain.Build(certificate) && chain.ChainElements.Count == 2;
    }

    /// <summary>Issues a client certificate whose subject common name is <paramref name="commonName"/>.</summary>
    public X509Certificate2 IssueClientCertificate(string commonName, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        var start = notBefore ?? _time.GetUtcNow().AddDays(-1);
        var end = notAfter ?? start.AddYears(2);
        return Issue($"CN={commonName}, O=Waharoa DSP", ClientAuth, null, start, end - start);
    }

    /// <summary>
    /// Issues a client certificate with an elliptic-curve key (<paramref name="curve"/>, e.g. P-256), for DSPs that sign
    /// M2M JWTs with ES256/384/512.
    /// </summary>
    public X509Certificate2 IssueEcClientCertificate(string commonName, ECCurve curve)
    {
        using var key = ECDsa.Create(curve);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={commonName}, O=Waharoa DSP"), new PublicKey(key), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var issued = Create(request, ClientAuth, null, null, TimeSpan.FromDays(730), X509KeyUsageFlags.DigitalSignature);
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>
    /// The subject of a DSP certificate: common name <paramref name="commonName"/> as given (commas, quotes and all, which a
    /// distinguished name written as text would misread), organisation "Waharoa DSP".
    /// </summary>
    public static X500DistinguishedName DspSubject(string commonName)
    {
        var builder = new X500DistinguishedNameBuilder();
        builder.AddCommonName(commonName);
        builder.AddOrganizationName("Waharoa DSP");
        return builder.Build();
    }

    /// <summary>
    /// Issues a DSP certificate valid from <paramref name="notBefore"/> to <paramref name="notAfter"/> (which may lie in the
    /// past or the future, within the CA's own validity), with an RSA 2048 or an ECDSA P-256 key: for client-auth TLS, or,
    /// with <paramref name="signing"/>, for signing M2M JWTs (digital signature only, no extended key usage).
    /// </summary>
    /// <exception cref="ArgumentException">The period is empty or lies outside the CA's validity.</exception>
    public X509Certificate2 IssueDspCertificate(X500DistinguishedName subject, bool ecc, bool signing, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var caStart = new DateTimeOffset(Certificate.NotBefore.ToUniversalTime());
        var caEnd = new DateTimeOffset(Certificate.NotAfter.ToUniversalTime());
        if (notAfter <= notBefore || notBefore < caStart || notAfter > caEnd)
        {
            throw new ArgumentException(
                $"A certificate valid from {notBefore:u} to {notAfter:u} does not fit in the CA's validity ({caStart:u} to {caEnd:u}).");
        }

        var usage = signing ? null : ClientAuth;
        if (ecc)
        {
            using var ecKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var ecRequest = new CertificateRequest(subject, new PublicKey(ecKey), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var ecIssued = Create(ecRequest, usage, null, notBefore, notAfter - notBefore, X509KeyUsageFlags.DigitalSignature);
            return ecIssued.CopyWithPrivateKey(ecKey);
        }

        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var keyUsage = signing ? X509KeyUsageFlags.DigitalSignature : X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment;
        using var issued = Create(request, usage, null, notBefore, notAfter - notBefore, keyUsage);
        return issued.CopyWithPrivateKey(key);
    }

    private X509Certificate2 Issue(string subject, Oid usage, X509Extension? san, DateTimeOffset? notBefore, TimeSpan validity)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var issued = Create(request, usage, san, notBefore, validity, X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment);
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>Signs <paramref name="request"/> with this CA, within the CA's own validity.</summary>
    private X509Certificate2 Create(CertificateRequest request, Oid? usage, X509Extension? san, DateTimeOffset? notBefore, TimeSpan validity, X509KeyUsageFlags keyUsage)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(keyUsage, true));
        if (usage is not null)
        {
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([usage], false));
        }

        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false));
        if (san is not null)
        {
            request.CertificateExtensions.Add(san);
        }

        var start = notBefore ?? _time.GetUtcNow().AddDays(-1);
        var caStart = new DateTimeOffset(Certificate.NotBefore.ToUniversalTime());
        if (start < caStart)
        {
            start = caStart;
        }

        var caEnd = Certificate.NotAfter.ToUniversalTime();
        var end = (notBefore ?? start) + validity;
        if (end > caEnd)
        {
            end = caEnd;
        }

        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        // The CA signs with its RSA key whatever the subject's key is (RSA or EC).
        using var caKey = Certificate.GetRSAPrivateKey() ?? throw new InvalidOperationException("The CA certificate has no RSA private key.");
        return request.Create(Certificate.SubjectName, X509SignatureGenerator.CreateForRSA(caKey, RSASignaturePadding.Pkcs1), start, end, serial);
    }

    /// <inheritdoc />
    public void Dispose() => Certificate.Dispose();
}
