using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Waharoa.OAuth;

/// <summary>PKCE (RFC 7636) with the S256 method, the only one IR takes.</summary>
public static class Pkce
{
    /// <summary>
    /// True when <paramref name="verifier"/> is a verifier (43–128 characters of <c>A-Z a-z 0-9 - . _ ~</c>) whose
    /// S256 transform, BASE64URL(SHA256(ASCII(verifier))), is <paramref name="challenge"/>; compared in constant time.
    /// </summary>
    public static bool Matches(string? verifier, string challenge)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        if (verifier is null || verifier.Length is < 43 or > 128
            || !verifier.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~'))
        {
            return false;
        }

        var computed = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(computed), Encoding.ASCII.GetBytes(challenge));
    }
}
