using System.Security.Cryptography;
using System.Text;

namespace Waharoa.Security;

/// <summary>
/// The operator's key that encrypts the private keys a store keeps (token-signing keys, the development CA's and
/// the server's TLS keys, data-protection keys), with AES-256-GCM. A protected value names the key that sealed it
/// (a short fingerprint, no secret) and is bound to the row it belongs to, so a value copied to another row, or
/// read with another key, is refused rather than used.
/// </summary>
public sealed class KeyEncryptionKey
{
    /// <summary>The shortest secret taken: 32 characters (e.g. <c>openssl rand -base64 32</c> gives 44).</summary>
    public const int MinimumSecretLength = 32;

    private const string Prefix = "waharoa-aes256gcm:v1:";
    private static readonly byte[] PrefixBytes = Encoding.ASCII.GetBytes(Prefix);
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private static readonly byte[] Salt = Encoding.ASCII.GetBytes("waharoa key encryption v1");

    private readonly byte[] _key;

    private KeyEncryptionKey(byte[] key)
    {
        _key = key;
        Fingerprint = Convert.ToHexStringLower(SHA256.HashData(key).AsSpan(0, 6));
    }

    /// <summary>Names the key without revealing it: 12 hex digits of its hash, kept beside each value it seals.</summary>
    public string Fingerprint { get; }

    /// <summary>The key derived (HKDF-SHA256) from <paramref name="secret"/>, the operator's secret text.</summary>
    /// <exception cref="ArgumentException">The secret is shorter than <see cref="MinimumSecretLength"/> characters.</exception>
    public static KeyEncryptionKey FromSecret(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        secret = secret.Trim();
        if (secret.Length < MinimumSecretLength)
        {
            throw new ArgumentException(
                $"The key-encryption key must be at least {MinimumSecretLength} characters (e.g. the output of `openssl rand -base64 32`).", nameof(secret));
        }

        return new KeyEncryptionKey(HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret), 32, Salt, Encoding.ASCII.GetBytes("private keys")));
    }

    /// <summary>A new random secret, as <see cref="FromSecret"/> takes it (base64 of 32 random bytes).</summary>
    public static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>True when <paramref name="value"/> is a protected value (of any key), not plain text.</summary>
    public static bool IsProtected(string value) => value is not null && value.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>True when <paramref name="value"/> is the UTF-8 of a protected value.</summary>
    public static bool IsProtected(ReadOnlySpan<byte> value) => value.StartsWith(PrefixBytes);

    /// <summary>Seals <paramref name="plaintext"/> for the row <paramref name="context"/> names (e.g. <c>signing_keys/ABC…</c>).</summary>
    public string Protect(ReadOnlySpan<byte> plaintext, string context)
    {
        var sealedBytes = new byte[NonceSize + plaintext.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(NonceSize, plaintext.Length), sealedBytes.AsSpan(NonceSize + plaintext.Length), Encoding.UTF8.GetBytes(context));
        return $"{Prefix}{Fingerprint}:{Convert.ToBase64String(sealedBytes)}";
    }

    /// <summary>Seals text (a PEM) for the row <paramref name="context"/> names.</summary>
    public string Protect(string plaintext, string context) => Protect(Encoding.UTF8.GetBytes(plaintext), context);

    /// <summary>
    /// The plaintext of <paramref name="value"/>, sealed for <paramref name="context"/>; a value that is not protected
    /// is returned as it is (stores written before encryption).
    /// </summary>
    /// <exception cref="KeyEncryptionException">Sealed with another key, for another row, or altered.</exception>
    public byte[] Unprotect(string value, string context)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!IsProtected(value))
        {
            return Encoding.UTF8.GetBytes(value);
        }

        var rest = value.AsSpan(Prefix.Length);
        var colon = rest.IndexOf(':');
        var fingerprint = colon < 0 ? rest : rest[..colon];
        if (!fingerprint.SequenceEqual(Fingerprint))
        {
            throw new KeyEncryptionException(
                $"The store's private keys were encrypted with another key-encryption key (fingerprint {fingerprint}); this instance has {Fingerprint}. Give every instance the same key.");
        }

        byte[] sealedBytes;
        try
        {
            sealedBytes = Convert.FromBase64String(rest[(colon + 1)..].ToString());
        }
        catch (FormatException ex)
        {
            throw new KeyEncryptionException($"The store's encrypted key {context} is damaged.", ex);
        }

        if (sealedBytes.Length < NonceSize + TagSize)
        {
            throw new KeyEncryptionException($"The store's encrypted key {context} is damaged.");
        }

        var length = sealedBytes.Length - NonceSize - TagSize;
        var plaintext = new byte[length];
        try
        {
            using var aes = new AesGcm(_key, TagSize);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize, length), sealedBytes.AsSpan(NonceSize + length), plaintext, Encoding.UTF8.GetBytes(context));
        }
        catch (AuthenticationTagMismatchException ex)
        {
            throw new KeyEncryptionException($"The store's encrypted key {context} does not open with this key-encryption key: it was altered or belongs to another row.", ex);
        }

        return plaintext;
    }
}

/// <summary>A protected key could not be opened: another key-encryption key, another row, or damage. The message says which.</summary>
public sealed class KeyEncryptionException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public KeyEncryptionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public KeyEncryptionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
