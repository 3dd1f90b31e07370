using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.IdentityModel.Tokens;
using Waharoa.Certificates;

namespace Waharoa.Tokens;

/// <summary>
/// The RSA key that signs tokens, held in a self-signed certificate so that token headers can
/// carry <c>x5t</c> as IR's do. Kept as PEM files in the data folder.
/// </summary>
public sealed class SigningKey : IDisposable
{
    private SigningKey(X509Certificate2 certificate)
    {
        Certificate = certificate;
        SecurityKey = new X509SecurityKey(certificate);
        Credentials = new X509SigningCredentials(certificate, SecurityAlgorithms.RsaSha512);
        KeyId = SecurityKey.KeyId;
    }

    /// <summary>The signing certificate.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The key as IdentityModel sees it, for verification.</summary>
    public X509SecurityKey SecurityKey { get; }

    /// <summary>RS512 signing credentials.</summary>
    public SigningCredentials Credentials { get; }

    /// <summary>The <c>kid</c> of tokens signed with this key.</summary>
    public string KeyId { get; }

    /// <summary>Loads the key from <paramref name="directory"/>, creating a 2048-bit RSA key there on first use.</summary>
    public static SigningKey LoadOrCreate(string directory, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var certPath = Path.Combine(directory, "signing.crt");
        var keyPath = Path.Combine(directory, "signing.key");
        if (File.Exists(certPath) && File.Exists(keyPath))
        {
            return new SigningKey(CertificateFiles.LoadWithKey(certPath, keyPath));
        }

        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Waharoa token signing, O=Waharoa", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        var now = time.GetUtcNow();
        using var created = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(20));
        CertificateFiles.Write(created, certPath, keyPath);
        return new SigningKey(CertificateFiles.LoadWithKey(certPath, keyPath));
    }

    /// <inheritdoc />
    public void Dispose() => Certificate.Dispose();
}
