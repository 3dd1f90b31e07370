using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.IdentityModel.Tokens;
using Waharoa.Storage;

namespace Waharoa.Tokens;

/// <summary>
/// An RSA key that signs tokens, held in a self-signed certificate so that token headers can carry <c>x5t</c>
/// as IR's do. Kept in the store (<see cref="ISigningKeyStore"/>), so every instance on it signs with the same keys.
/// </summary>
public sealed class SigningKey : IDisposable
{
    private SigningKey(X509Certificate2 certificate, DateTimeOffset? retiresAt)
    {
        Certificate = certificate;
        SecurityKey = new X509SecurityKey(certificate);
        KeyId = SecurityKey.KeyId;
        X5t = SecurityKey.X5t;
        PrivateKey = certificate.GetRSAPrivateKey() ?? throw new InvalidOperationException("A signing certificate needs its RSA private key.");
        RetiresAt = retiresAt;
    }

    /// <summary>The signing certificate.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The key as IdentityModel sees it, for verification.</summary>
    public X509SecurityKey SecurityKey { get; }

    /// <summary>The <c>kid</c> of tokens signed with this key: the certificate's SHA-1 thumbprint, upper-case hex.</summary>
    public string KeyId { get; }

    /// <summary>The <c>x5t</c> of tokens signed with this key: the certificate's SHA-1 thumbprint, base64url (27 characters).</summary>
    public string X5t { get; }

    /// <summary>When set, the key no longer signs and verifies only until then.</summary>
    public DateTimeOffset? RetiresAt { get; }

    /// <summary>The RSA private key (thread-safe for signing).</summary>
    internal RSA PrivateKey { get; }

    /// <summary>Makes a new 2048-bit RSA key in a self-signed certificate, as the store keeps it.</summary>
    public static StoredSigningKey Generate(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Waharoa token signing, O=Waharoa", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        var now = time.GetUtcNow();
        using var created = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(20));
        return new StoredSigningKey(created.Thumbprint, created.ExportCertificatePem(), rsa.ExportPkcs8PrivateKeyPem(), now, null);
    }

    /// <summary>
    /// The key a data folder of an earlier release kept as <c>signing.crt</c> + <c>signing.key</c> in
    /// <paramref name="directory"/>, so tokens it signed keep verifying; null when there is none.
    /// </summary>
    public static StoredSigningKey? ReadFolderKey(string directory, DateTimeOffset now)
    {
        var certPath = Path.Combine(directory, "signing.crt");
        var keyPath = Path.Combine(directory, "signing.key");
        if (!File.Exists(certPath) || !File.Exists(keyPath))
        {
            return null;
        }

        using var certificate = X509Certificate2.CreateFromPemFile(certPath, keyPath);
        return new StoredSigningKey(certificate.Thumbprint, File.ReadAllText(certPath), File.ReadAllText(keyPath), now, null);
    }

    /// <summary>Loads a key the store kept.</summary>
    public static SigningKey FromStored(StoredSigningKey stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return new SigningKey(X509Certificate2.CreateFromPem(stored.CertificatePem, stored.PrivateKeyPem), stored.RetiresAt);
    }

    /// <summary>True when the key still verifies at <paramref name="now"/>.</summary>
    public bool VerifiesAt(DateTimeOffset now) => RetiresAt is not { } retires || retires > now;

    /// <inheritdoc />
    public void Dispose()
    {
        PrivateKey.Dispose();
        Certificate.Dispose();
    }
}
