using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Waharoa.Security;

/// <summary>Random handles (session cookies) and the hashes under which they are stored.</summary>
public static class OpaqueHandle
{
    /// <summary>A new random handle of 256 bits, URL-safe.</summary>
    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>The SHA-256 hash (hex) under which a handle is stored, so a copy of the database does not leak live handles.</summary>
    public static string Hash(string handle) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(handle)));
}
