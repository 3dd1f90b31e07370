using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Waharoa.Security;

namespace Waharoa.Certificates;

/// <summary>Reads and writes certificates and keys as PEM files.</summary>
public static class CertificateFiles
{
    /// <summary>Writes <paramref name="certificate"/> to <paramref name="certPath"/> and, when it has one, its RSA or ECDSA key to <paramref name="keyPath"/>.</summary>
    public static void Write(X509Certificate2 certificate, string certPath, string? keyPath)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(certPath))!);
        File.WriteAllText(certPath, certificate.ExportCertificatePem());
        if (keyPath is null)
        {
            return;
        }

        AsymmetricAlgorithm key = (AsymmetricAlgorithm?)certificate.GetRSAPrivateKey()
            ?? certificate.GetECDsaPrivateKey()
            ?? throw new InvalidOperationException("The certificate has no private key to write.");
        using (key)
        {
            OwnerOnlyFiles.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        }
    }

    /// <summary>Loads a certificate with its private key.</summary>
    public static X509Certificate2 LoadWithKey(string certPath, string keyPath) =>
        X509Certificate2.CreateFromPemFile(certPath, keyPath);

    /// <summary>Loads a lone certificate (no key).</summary>
    public static X509Certificate2 Load(string certPath) =>
        X509CertificateLoader.LoadCertificateFromFile(certPath);

    /// <summary>The certificate's subject Common Name, or null when it has none.</summary>
    public static string? CommonName(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var name = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        return string.IsNullOrEmpty(name) ? null : name;
    }

    /// <summary>The SHA-256 thumbprint of <paramref name="certificate"/> in upper-case hex, as enrolled thumbprints are kept.</summary>
    public static string Sha256Thumbprint(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return certificate.GetCertHashString(HashAlgorithmName.SHA256);
    }
}
