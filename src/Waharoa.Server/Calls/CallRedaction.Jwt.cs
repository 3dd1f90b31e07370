using System.Buffers;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Waharoa.Server.Calls;

/// <summary>JWTs in a recorded call: recognised, and told by a marker of what may be said of them (never the token).</summary>
internal static partial class CallRedaction
{
    /// <summary>How many JWT markers are remembered (a DSP sends the same token on many calls); when full, all are forgotten.</summary>
    private const int MarkerCapacity = 256;

    /// <summary>The longest JWT whose marker is remembered (as long as a token Waharoa reads).</summary>
    private const int MarkerMaxLength = 16 * 1024;

    private static readonly ConcurrentDictionary<string, string> Markers = new(StringComparer.Ordinal);

    /// <summary>What may be told of a JWT without it: its algorithm and key id, and its claims that are no secret.</summary>
    public static string JwtMarker(string jwt) => JwtMarker(jwt.AsSpan());

    /// <summary>True when <paramref name="text"/> is one JWT and nothing else (three base64url parts, the first a JSON object's).</summary>
    private static bool IsOneJwt(ReadOnlySpan<char> text) =>
        text.StartsWith("eyJ") && text.Count('.') == 2 && text.IndexOf('.') >= 5 && !text.ContainsAnyExcept(JwtCharacters);

    private static readonly SearchValues<char> JwtCharacters = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-.");

    private static string JwtMarker(ReadOnlySpan<char> jwt)
    {
        if (jwt.Length > MarkerMaxLength)
        {
            return NewMarker(jwt.ToString());
        }

        // Remembered by the token's hash: the token itself is not kept.
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        var ascii = ArrayPool<byte>.Shared.Rent(jwt.Length);
        try
        {
            SHA256.HashData(ascii.AsSpan(0, Encoding.ASCII.GetBytes(jwt, ascii)), hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(ascii);
        }

        var key = Convert.ToBase64String(hash);
        if (Markers.TryGetValue(key, out var known))
        {
            return known;
        }

        var marker = NewMarker(jwt.ToString());
        if (Markers.Count >= MarkerCapacity)
        {
            Markers.Clear();
        }

        Markers[key] = marker;
        return marker;
    }

    private static string NewMarker(string jwt)
    {
        var parts = jwt.Split('.');
        var said = new List<string>();
        foreach (var (part, names) in new[] { (0, new[] { "alg", "kid", "x5t" }), (1, new[] { "iss", "sub", "aud", "client_id", "azp", "scope", "iat", "nbf", "exp", "startLogon" }) })
        {
            if (Decode(parts.ElementAtOrDefault(part)) is not { } json)
            {
                continue;
            }

            foreach (var name in names)
            {
                if (json.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.String or JsonValueKind.Number)
                {
                    said.Add($"{name}={value}");
                }
            }
        }

        return "[jwt" + (said.Count == 0 ? "" : " " + string.Join(' ', said)) + "]";
    }

    /// <summary>A JWT's payload (unverified), or null.</summary>
    public static JsonElement? Payload(string jwt)
    {
        var parts = jwt.Split('.');
        return parts.Length == 3 ? Decode(parts[1]) : null;
    }

    /// <summary>True when <paramref name="value"/> looks like a JWT.</summary>
    public static bool IsJwt(string value) => Jwt().IsMatch(value) && Jwt().Match(value).Length == value.Length;

    private static JsonElement? Decode(string? part)
    {
        if (string.IsNullOrEmpty(part) || part.Length > 8192)
        {
            return null;
        }

        try
        {
            var bytes = Base64Url.DecodeFromChars(part);
            using var document = JsonDocument.Parse(bytes);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*")]
    private static partial Regex Jwt();
}
