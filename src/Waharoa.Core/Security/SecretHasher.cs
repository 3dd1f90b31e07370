using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Waharoa.Security;

/// <summary>
/// Hashes client secrets. Client secrets are checked on every token request, so a salted
/// SHA-256 keeps that path fast; passwords of people use <see cref="Users.UserPasswordHasher"/>.
/// </summary>
public static class SecretHasher
{
    private const string Prefix = "s256";

    /// <summary>Returns <c>s256$salt$hash</c> for <paramref name="secret"/>.</summary>
    public static string Hash(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var salt = RandomNumberGenerator.GetBytes(16);
        return $"{Prefix}${Convert.ToBase64String(salt)}${Convert.ToBase64String(Compute(salt, secret))}";
    }

    /// <summary>Checks <paramref name="secret"/> against <paramref name="stored"/> in constant time.</summary>
    public static bool Verify(string stored, string secret)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(secret);
        var parts = stored.Split('$');
        if (parts.Length != 3 || parts[0] != Prefix)
        {
            return false;
        }

        byte[] salt, expected;
        try
        {
            salt = Convert.FromBase64String(parts[1]);
            expected = Convert.FromBase64String(parts[2]);
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(expected, Compute(salt, secret));
    }

    private static byte[] Compute(byte[] salt, string secret)
    {
        var bytes = Encoding.UTF8.GetBytes(secret);
        var input = new byte[salt.Length + bytes.Length];
        salt.CopyTo(input, 0);
        bytes.CopyTo(input, salt.Length);
        return SHA256.HashData(input);
    }

    /// <summary>A new random secret of 32 URL-safe characters.</summary>
    public static string NewSecret() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(24));
}
