namespace Waharoa.Storage;

/// <summary>
/// A token-signing key as the store keeps it: the self-signed certificate and its RSA private key, both PEM.
/// </summary>
/// <param name="KeyId">The key's <c>kid</c> (the certificate's SHA-1 thumbprint, upper-case hex).</param>
/// <param name="CertificatePem">The certificate, PEM.</param>
/// <param name="PrivateKeyPem">The private key, PKCS#8 PEM.</param>
/// <param name="CreatedAt">When the key was made; the newest key without <paramref name="RetiresAt"/> signs.</param>
/// <param name="RetiresAt">When set, the key no longer signs and verifies only until this time (its last token's expiry).</param>
public sealed record StoredSigningKey(string KeyId, string CertificatePem, string PrivateKeyPem, DateTimeOffset CreatedAt, DateTimeOffset? RetiresAt);

/// <summary>Token-signing keys shared by every instance on the store, with rotation.</summary>
public interface ISigningKeyStore
{
    /// <summary>Every key kept, oldest first.</summary>
    Task<IReadOnlyList<StoredSigningKey>> ListSigningKeysAsync(CancellationToken cancellationToken);

    /// <summary>Adds <paramref name="key"/> only when the store holds no key yet (first start); false when one already did.</summary>
    Task<bool> AddFirstSigningKeyAsync(StoredSigningKey key, CancellationToken cancellationToken);

    /// <summary>
    /// Rotates, atomically: adds <paramref name="key"/> (which signs from now on) and gives every key that had no
    /// retirement time <paramref name="retireOthersAt"/>.
    /// </summary>
    Task RotateSigningKeyAsync(StoredSigningKey key, DateTimeOffset retireOthersAt, CancellationToken cancellationToken);

    /// <summary>
    /// Retires the key <paramref name="keyId"/> at <paramref name="at"/>: it verifies until then (not at all when that is
    /// now), and it never signs again. False when there is no such key, or it retires at or before then already.
    /// </summary>
    Task<bool> RetireSigningKeyAsync(string keyId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Forgets keys retired at or before <paramref name="now"/>; the number removed.</summary>
    Task<int> RemoveRetiredSigningKeysAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
