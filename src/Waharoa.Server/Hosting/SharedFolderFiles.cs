using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Waharoa.Certificates;
using Waharoa.Security;
using Waharoa.Server.Data;
using Waharoa.Server.Demo;
using Waharoa.Storage;

namespace Waharoa.Server.Hosting;

/// <summary>
/// On a store several instances share, the data folder's certificates (development CA, server certificate,
/// demo client certificates, trusted CAs) and demo credentials live in the store, so every instance presents
/// the same server certificate, trusts the same client certificates and hands out the same demo credentials.
/// The first instance to start creates them; the others copy them into their own data folders. The development CA's
/// key is the exception: it stays in the store (encrypted, as every private key there), is read into memory by the
/// instance that issues a certificate, and is written to no data folder.
/// </summary>
internal static class SharedFolderFiles
{
    private const string CertificatesPrefix = "certs/";
    private const string DemoName = "demo.json";
    private const string CaKeyName = CertificatesPrefix + "ca.key";

    /// <summary>
    /// Writes the store's certificates and demo credentials into <paramref name="folder"/>; the development CA's key, which
    /// no instance needs to serve, is returned rather than written (null before the first instance stored one).
    /// </summary>
    public static async Task<string?> DownloadAsync(ISharedFileStore store, DataFolder folder, CancellationToken cancellationToken)
    {
        string? caKey = null;
        foreach (var file in await store.ListSharedFilesAsync(CertificatesPrefix, cancellationToken))
        {
            if (file.Name == CaKeyName)
            {
                caKey = Encoding.ASCII.GetString(file.Content);
                continue;
            }

            await WriteIfChangedAsync(LocalPath(folder, file.Name), file.Content, cancellationToken);
        }

        if (caKey is not null)
        {
            // The store's CA is the one: a key left in the folder (by a release that copied it, or from a SQLite past) goes.
            File.Delete(folder.CaKey);
        }

        var demo = (await store.ListSharedFilesAsync(DemoName, cancellationToken)).FirstOrDefault(f => f.Name == DemoName);
        if (demo is not null)
        {
            var credentials = JsonSerializer.Deserialize<DemoCredentials>(demo.Content)!;
            await WriteIfChangedAsync(folder.DemoFile, JsonSerializer.SerializeToUtf8Bytes(MapPaths(credentials, p => Path.GetFullPath(p, folder.Root)), DemoData.Json), cancellationToken);
        }
        else if (File.Exists(folder.DemoFile))
        {
            // The folder's demo credentials belong to another store (its SQLite): set them aside so that the demo
            // data is seeded into this one.
            File.Move(folder.DemoFile, folder.DemoFile + ".before-shared", overwrite: true);
        }

        return caKey;
    }

    /// <summary>
    /// Stores whatever certificates and demo credentials this instance made that the store lacks, in one transaction:
    /// a start interrupted half-way leaves either all of them or none (never a CA certificate without its key).
    /// </summary>
    public static async Task UploadAsync(ISharedFileStore store, DataFolder folder, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var files = new List<SharedFile>();
        if (Directory.Exists(folder.Certificates))
        {
            foreach (var path in Directory.EnumerateFiles(folder.Certificates, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                files.Add(new SharedFile(SharedName(folder, path), await File.ReadAllBytesAsync(path, cancellationToken), now));
            }
        }

        if (File.Exists(folder.DemoFile) && DemoData.Read(folder.DemoFile) is { } credentials)
        {
            var relative = MapPaths(credentials, p => Path.GetRelativePath(folder.Root, p));
            files.Add(new SharedFile(DemoName, JsonSerializer.SerializeToUtf8Bytes(relative, DemoData.Json), now));
        }

        await store.AddSharedFilesAsync(files, cancellationToken);

        // The store holds the CA's key now (it keeps a name's first content, and DownloadAsync took any key it held
        // before this folder's was made), so this folder need not.
        if (files.Any(f => f.Name == CaKeyName))
        {
            File.Delete(folder.CaKey);
        }
    }

    /// <summary>
    /// Issues a client certificate from the development CA the store holds (the one every instance trusts); nothing is
    /// written until <see cref="KeepClientCertificateAsync"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">No instance has started on the store yet, so it holds no CA.</exception>
    public static async Task<X509Certificate2> IssueClientCertificateAsync(
        ISharedFileStore store, string clientId, TimeProvider time, CancellationToken cancellationToken)
    {
        var shared = await store.ListSharedFilesAsync(CertificatesPrefix, cancellationToken);
        var caCertificate = shared.FirstOrDefault(f => f.Name == CertificatesPrefix + "ca.crt");
        var caKey = shared.FirstOrDefault(f => f.Name == CaKeyName);
        if (caCertificate is null || caKey is null)
        {
            throw new InvalidOperationException("The database holds no development CA yet: start an instance on it first (waharoa serve --postgres …).");
        }

        using var authority = new TestCertificateAuthority(
            X509Certificate2.CreateFromPem(Encoding.ASCII.GetString(caCertificate.Content), Encoding.ASCII.GetString(caKey.Content)), time);
        return authority.IssueClientCertificate(clientId);
    }

    /// <summary>
    /// Writes <paramref name="issued"/> (from <see cref="IssueClientCertificateAsync"/>) to the folder's
    /// <c>certs/clients/</c> and shares the certificate (not its key) with the other instances.
    /// </summary>
    public static async Task KeepClientCertificateAsync(
        ISharedFileStore store, DataFolder folder, string clientId, X509Certificate2 issued, TimeProvider time, CancellationToken cancellationToken)
    {
        CertificateFiles.Write(issued, folder.ClientCertificate(clientId), folder.ClientKey(clientId));
        await store.AddSharedFileAsync(
            new SharedFile(SharedName(folder, folder.ClientCertificate(clientId)), await File.ReadAllBytesAsync(folder.ClientCertificate(clientId), cancellationToken), time.GetUtcNow()),
            cancellationToken);
    }

    private static string SharedName(DataFolder folder, string path) => Path.GetRelativePath(folder.Root, path).Replace(Path.DirectorySeparatorChar, '/');

    private static DemoCredentials MapPaths(DemoCredentials credentials, Func<string, string> map) =>
        credentials with
        {
            CaCertificate = map(credentials.CaCertificate),
            Clients = [.. credentials.Clients.Select(c => c with
            {
                Certificate = c.Certificate is null ? null : map(c.Certificate),
                CertificateKey = c.CertificateKey is null ? null : map(c.CertificateKey),
            })],
        };

    private static string LocalPath(DataFolder folder, string name)
    {
        var path = Path.GetFullPath(Path.Combine(folder.Root, name.Replace('/', Path.DirectorySeparatorChar)));
        if (!path.StartsWith(folder.Certificates + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"The store holds a shared file outside the certificates folder: {name}");
        }

        return path;
    }

    private static async Task WriteIfChangedAsync(string path, byte[] content, CancellationToken cancellationToken)
    {
        if (File.Exists(path) && (await File.ReadAllBytesAsync(path, cancellationToken)).AsSpan().SequenceEqual(content))
        {
            return;
        }

        // Keys among them: readable by the owner only, as the files this instance writes itself.
        await OwnerOnlyFiles.WriteAllBytesAsync(path, content, cancellationToken);
    }
}
