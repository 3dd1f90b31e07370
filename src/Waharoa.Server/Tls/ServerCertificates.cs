using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Waharoa.Certificates;
using Waharoa.Server.Data;

namespace Waharoa.Server.Tls;

/// <summary>The development CA, the TLS server certificate and the CAs trusted for client certificates.</summary>
internal sealed class ServerCertificates : IDisposable
{
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");

    private ServerCertificates(TestCertificateAuthority authority, X509Certificate2 server, X509Certificate2Collection trusted)
    {
        Authority = authority;
        Server = server;
        TrustedClientCas = trusted;
    }

    /// <summary>The development CA, which issues demo client certificates.</summary>
    public TestCertificateAuthority Authority { get; }

    /// <summary>The TLS server certificate (with key).</summary>
    public X509Certificate2 Server { get; }

    /// <summary>The CAs a client certificate must chain to: the development CA and any in <c>certs/trusted/</c>.</summary>
    public X509Certificate2Collection TrustedClientCas { get; }

    /// <summary>
    /// Loads the certificates from the data folder, generating the CA and server certificate on first start. The server
    /// certificate's key follows <paramref name="policy"/> (ECDSA for IR's, RSA for the relaxed one): one Waharoa issued
    /// is reissued when the policy changes; one the operator put there must already fit IR's. Null leaves it as it is.
    /// <paramref name="caKeyPem"/> is the development CA's key when a shared store keeps it (rather than the folder).
    /// </summary>
    public static ServerCertificates LoadOrCreate(DataFolder folder, TimeProvider time, TlsPolicy? policy = null, string? caKeyPem = null)
    {
        TestCertificateAuthority authority;
        if (caKeyPem is not null && File.Exists(folder.CaCertificate))
        {
            authority = new TestCertificateAuthority(X509Certificate2.CreateFromPem(File.ReadAllText(folder.CaCertificate), caKeyPem), time);
        }
        else if (File.Exists(folder.CaCertificate) && File.Exists(folder.CaKey))
        {
            authority = new TestCertificateAuthority(CertificateFiles.LoadWithKey(folder.CaCertificate, folder.CaKey), time);
        }
        else
        {
            authority = TestCertificateAuthority.Create("Waharoa Development CA", time);
            CertificateFiles.Write(authority.Certificate, folder.CaCertificate, folder.CaKey);
        }

        var ecc = policy != TlsPolicy.Relaxed;
        if (!File.Exists(folder.ServerCertificate) || !File.Exists(folder.ServerKey))
        {
            using var issued = authority.IssueServerCertificate(ecc: ecc);
            CertificateFiles.Write(issued, folder.ServerCertificate, folder.ServerKey);
        }
        else if (policy is not null)
        {
            FitToPolicy(folder, authority, ecc);
        }

        var server = CertificateFiles.LoadWithKey(folder.ServerCertificate, folder.ServerKey);
        var trusted = new X509Certificate2Collection { X509CertificateLoader.LoadCertificate(authority.Certificate.RawData) };
        if (Directory.Exists(folder.TrustedClientCas))
        {
            foreach (var path in Directory.EnumerateFiles(folder.TrustedClientCas, "*.crt").Order(StringComparer.Ordinal))
            {
                trusted.Add(CertificateFiles.Load(path));
            }
        }

        return new ServerCertificates(authority, server, trusted);
    }

    private static void FitToPolicy(DataFolder folder, TestCertificateAuthority authority, bool ecc)
    {
        using var existing = CertificateFiles.Load(folder.ServerCertificate);
        using var existingKey = existing.GetECDsaPublicKey();
        if ((existingKey is not null) == ecc)
        {
            return;
        }

        if (authority.Issued(existing))
        {
            using var issued = authority.IssueServerCertificate(ecc: ecc);
            CertificateFiles.Write(issued, folder.ServerCertificate, folder.ServerKey);
        }
        else if (ecc)
        {
            throw new ArgumentException(
                $"IR's TLS policy needs an ECC (ECDSA) server certificate, and {folder.ServerCertificate} holds an RSA one that Waharoa did not "
                + "issue. Put an ECC certificate there, or set Waharoa:Tls:Policy to Relaxed.");
        }
    }

    /// <summary>
    /// Builds the server certificate's chain as Kestrel does for each TLS listener. On Linux the first chain a process
    /// builds in the system's trust mode loads the system's trust store (every certificate under /etc/ssl/certs, about
    /// 0.15 s), once; done beside the rest of the start-up, it is no longer in the way of the listeners.
    /// </summary>
    public void LoadSystemTrustStore()
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.ExtraStore.Add(Authority.Certificate);
        chain.Build(Server);
        foreach (var element in chain.ChainElements)
        {
            element.Certificate.Dispose();
        }
    }

    /// <summary>True when <paramref name="certificate"/> is a client certificate that chains to a trusted CA and is in its validity period.</summary>
    public bool IsTrustedClientCertificate(X509Certificate2 certificate, TimeProvider time)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(TrustedClientCas);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(ClientAuth);
        chain.ChainPolicy.VerificationTime = time.GetUtcNow().UtcDateTime;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        return chain.Build(certificate);
    }

    public void Dispose()
    {
        Authority.Dispose();
        Server.Dispose();
        foreach (var certificate in TrustedClientCas)
        {
            certificate.Dispose();
        }
    }
}
