namespace Waharoa.Storage;

/// <summary>A file kept in the store so every instance on it sees the same one (certificates, data-protection keys).</summary>
/// <param name="Name">A relative path with <c>/</c> separators, such as <c>certs/ca.crt</c>.</param>
/// <param name="Content">The file's bytes.</param>
/// <param name="CreatedAt">When it was first stored.</param>
public sealed record SharedFile(string Name, byte[] Content, DateTimeOffset CreatedAt)
{
    /// <summary>
    /// True for the files that are private keys (<c>*.key</c>) or hold them (<c>data-protection/</c>): a store with a
    /// key-encryption key keeps these encrypted.
    /// </summary>
    public static bool IsSecret(string name) =>
        name is not null && (name.EndsWith(".key", StringComparison.Ordinal) || name.StartsWith("data-protection/", StringComparison.Ordinal));
}

/// <summary>Files shared by every instance on the store. A name, once stored, keeps its first content.</summary>
public interface ISharedFileStore
{
    /// <summary>The files whose names start with <paramref name="prefix"/>, by name.</summary>
    Task<IReadOnlyList<SharedFile>> ListSharedFilesAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="file"/> unless its name is taken; false (storing nothing) when it was.</summary>
    Task<bool> AddSharedFileAsync(SharedFile file, CancellationToken cancellationToken);

    /// <summary>
    /// Stores every file of <paramref name="files"/> whose name is not taken, in one transaction (all of them or,
    /// on failure, none); the number stored.
    /// </summary>
    Task<int> AddSharedFilesAsync(IReadOnlyList<SharedFile> files, CancellationToken cancellationToken);
}
