using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Waharoa.Server.Start;

/// <summary>
/// START's opaque values: authorisation codes (100 characters) and refresh tokens (50), drawn from the alphabet IR's
/// samples use (lower-case consonants without <c>l</c>, digits 2–9). Only their SHA-256 hashes are stored.
/// </summary>
internal static class StartOpaque
{
    public const string Alphabet = "23456789bcdfghjkmnpqrstvwxyz";
    public const int CodeLength = 100;
    public const int RefreshTokenLength = 50;

    private static readonly SearchValues<char> Allowed = SearchValues.Create(Alphabet);

    public static string NewCode() => RandomNumberGenerator.GetString(Alphabet, CodeLength);

    public static string NewRefreshToken() => RandomNumberGenerator.GetString(Alphabet, RefreshTokenLength);

    /// <summary>True when <paramref name="value"/> has the shape of a value of <paramref name="length"/>.</summary>
    public static bool HasShape(string? value, int length) =>
        value is not null && value.Length == length && !value.AsSpan().ContainsAnyExcept(Allowed);

    /// <summary>The identifier a value is stored under.</summary>
    public static string Hash(string value) => Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(value)));
}
