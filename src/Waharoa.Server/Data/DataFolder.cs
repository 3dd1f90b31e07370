using Waharoa.Security;

namespace Waharoa.Server.Data;

/// <summary>Where things live inside the data folder.</summary>
/// <param name="Root">The data folder's full path.</param>
public sealed record DataFolder(string Root)
{
    /// <summary>The SQLite database.</summary>
    public string Database => Path.Combine(Root, "waharoa.db");

    /// <summary>Certificates (PEM).</summary>
    public string Certificates => Path.Combine(Root, "certs");

    /// <summary>The development CA certificate.</summary>
    public string CaCertificate => Path.Combine(Certificates, "ca.crt");

    /// <summary>The development CA key.</summary>
    public string CaKey => Path.Combine(Certificates, "ca.key");

    /// <summary>The TLS server certificate for localhost.</summary>
    public string ServerCertificate => Path.Combine(Certificates, "server.crt");

    /// <summary>The TLS server key.</summary>
    public string ServerKey => Path.Combine(Certificates, "server.key");

    /// <summary>Extra CAs trusted for client certificates: every <c>*.crt</c> in this folder.</summary>
    public string TrustedClientCas => Path.Combine(Certificates, "trusted");

    /// <summary>Token signing keys.</summary>
    public string Keys => Path.Combine(Root, "keys");

    /// <summary>The key that encrypts the private keys in the SQLite database when the operator gives none.</summary>
    public string KeyEncryptionKey => Path.Combine(Keys, "key-encryption.key");

    /// <summary>ASP.NET Core data-protection keys (anti-forgery tokens, page state).</summary>
    public string DataProtectionKeys => Path.Combine(Keys, "data-protection");

    /// <summary>The demo credentials for scripts.</summary>
    public string DemoFile => Path.Combine(Root, "demo.json");

    /// <summary>
    /// Creates the folder when missing and makes it and what it holds of secrets its owner's only: the folder and its
    /// key folders 0700; the database, every key file and the demo credentials 0600 (certificates stay readable).
    /// </summary>
    public void Secure()
    {
        OwnerOnlyFiles.Folder(Root);
        foreach (var folder in new[] { Keys, Certificates }.Where(Directory.Exists))
        {
            OwnerOnlyFiles.Folder(folder);
        }

        var secrets = new[] { Database, Database + "-wal", Database + "-shm", DemoFile }
            .Concat(Directory.Exists(Certificates) ? Directory.EnumerateFiles(Certificates, "*.key", SearchOption.AllDirectories) : [])
            .Concat(Directory.Exists(Keys) ? Directory.EnumerateFiles(Keys, "*", SearchOption.AllDirectories) : []);
        foreach (var file in secrets)
        {
            OwnerOnlyFiles.Restrict(file);
        }
    }

    /// <summary>The certificate of a DSP client issued by the development CA.</summary>
    public string ClientCertificate(string clientId) => Path.Combine(Certificates, "clients", clientId + ".crt");

    /// <summary>The key of a DSP client certificate issued by the development CA.</summary>
    public string ClientKey(string clientId) => Path.Combine(Certificates, "clients", clientId + ".key");
}
