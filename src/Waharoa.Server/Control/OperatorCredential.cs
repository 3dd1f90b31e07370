using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Waharoa.Security;
using Waharoa.Server.Data;
using Waharoa.Storage;

namespace Waharoa.Server.Control;

/// <summary>
/// The operator credential of the control API: random, generated at first start, written to the data folder
/// (<c>keys/operator.key</c>, owner only) and, on a store several instances share, kept in the store (encrypted, as every key
/// there) so that every instance takes the same one.
/// </summary>
internal sealed class OperatorCredential
{
    private const string SharedName = "control/operator.key";
    private readonly byte[] _hash;

    private OperatorCredential(string value)
    {
        Value = value;
        _hash = SHA256.HashData(Encoding.UTF8.GetBytes(value));
    }

    /// <summary>The credential, for the banner and the data folder.</summary>
    public string Value { get; }

    /// <summary>The data folder's file that holds it.</summary>
    public static string PathIn(DataFolder folder) => Path.Combine(folder.Keys, "operator.key");

    /// <summary>The store's credential (shared store), else the folder's, else a new one; written to the folder either way.</summary>
    public static async Task<OperatorCredential> EnsureAsync(DataFolder folder, IWaharoaStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var path = PathIn(folder);
        string? value = null;
        if (store.IsShared)
        {
            var shared = (await store.ListSharedFilesAsync(SharedName, cancellationToken)).FirstOrDefault(f => f.Name == SharedName);
            value = shared is null ? null : Encoding.ASCII.GetString(shared.Content);
        }

        if (value is null && File.Exists(path))
        {
            value = (await File.ReadAllTextAsync(path, cancellationToken)).Trim();
        }

        if (string.IsNullOrEmpty(value))
        {
            value = "wop_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        }

        if (store.IsShared)
        {
            // The first instance's credential is the one: a racing instance's is not stored, and it takes the stored one.
            await store.AddSharedFileAsync(new SharedFile(SharedName, Encoding.ASCII.GetBytes(value), time.GetUtcNow()), cancellationToken);
            value = Encoding.ASCII.GetString((await store.ListSharedFilesAsync(SharedName, cancellationToken)).First(f => f.Name == SharedName).Content);
        }

        Directory.CreateDirectory(folder.Keys);
        OwnerOnlyFiles.Folder(folder.Keys);
        if (!File.Exists(path) || (await File.ReadAllTextAsync(path, cancellationToken)).Trim() != value)
        {
            await File.WriteAllTextAsync(path, value + "\n", cancellationToken);
        }

        OwnerOnlyFiles.Restrict(path);
        return new OperatorCredential(value);
    }

    /// <summary>True when <paramref name="presented"/> is the credential (compared in constant time).</summary>
    public bool Matches(string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(_hash, SHA256.HashData(Encoding.UTF8.GetBytes(presented)));
}
