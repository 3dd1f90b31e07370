using System.Text.RegularExpressions;

namespace Waharoa.Server.Calls;

/// <summary>
/// Takes every secret out of a recorded call: credentials in headers (the scheme kept), cookies, secret fields of query
/// strings, forms, JSON and XML bodies, JWTs anywhere (a marker keeps their header's <c>alg</c>/<c>kid</c> and their
/// non-secret claims, never the token), data-protection payloads (antiforgery tokens, session cookies) and private keys.
/// </summary>
internal static partial class CallRedaction
{
    public const string Redacted = "[redacted]";

    /// <summary>Fields whose values are secrets wherever they appear.</summary>
    private static readonly HashSet<string> SecretFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "client_secret", "password", "code", "assertion", "refresh_token", "access_token", "id_token", "token", "client_assertion",
        "code_verifier", "__RequestVerificationToken", "secret", "Password",
    };

    /// <summary>The secret fields whose name in a query string is a mistake of the caller's (a code in a redirect is not).</summary>
    private static readonly HashSet<string> QuerySecretFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "client_secret", "password", "assertion", "refresh_token", "access_token", "id_token", "token", "client_assertion",
    };

    private static readonly HashSet<string> CredentialHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "Proxy-Authorization", "Authentication", "X-Waharoa-Authorization",
    };

    private static readonly HashSet<string> CookieHeaders = new(StringComparer.OrdinalIgnoreCase) { "Cookie", "Set-Cookie" };

    /// <summary>True when the query string of <paramref name="pathAndQuery"/> carries a client secret, password or token.</summary>
    public static bool HasSecretInQuery(string pathAndQuery)
    {
        var q = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        if (q < 0)
        {
            return false;
        }

        foreach (var pair in pathAndQuery[(q + 1)..].Split('&'))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString((eq < 0 ? pair : pair[..eq]).Replace('+', ' '));
            if (QuerySecretFields.Contains(name) && eq >= 0 && eq < pair.Length - 1)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A path and query with the secret fields' values replaced.</summary>
    public static string PathAndQuery(string pathAndQuery)
    {
        var q = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        return q < 0 ? Text(pathAndQuery) : Text(pathAndQuery[..q]) + "?" + Form(pathAndQuery[(q + 1)..]);
    }

    /// <summary>Headers as <c>Name: value</c> lines, redacted.</summary>
    public static string Headers(IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        // Each value redacted first (most come back as they are), then the lines written once into a string of their length.
        var values = new string[headers.Count];
        var length = Math.Max(0, headers.Count - 1);
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = Header(headers[i].Key, headers[i].Value);
            length += headers[i].Key.Length + 2 + values[i].Length;
        }

        return string.Create(length, (headers, values), static (text, lines) =>
        {
            for (var i = 0; i < lines.values.Length; i++)
            {
                if (i > 0)
                {
                    text[0] = '\n';
                    text = text[1..];
                }

                var name = lines.headers[i].Key;
                name.CopyTo(text);
                ": ".CopyTo(text[name.Length..]);
                lines.values[i].CopyTo(text[(name.Length + 2)..]);
                text = text[(name.Length + 2 + lines.values[i].Length)..];
            }
        });
    }

    /// <summary>One header's value, redacted.</summary>
    public static string Header(string name, string value)
    {
        if (CookieHeaders.Contains(name))
        {
            return Redacted;
        }

        if (CredentialHeaders.Contains(name))
        {
            // The common case, a JWT alone after its scheme (or bare), is told by its remembered marker without a copy of it.
            var presented = value.AsSpan().Trim();
            var space = presented.IndexOf(' ');
            var presentedCredential = presented[(space + 1)..].TrimStart();
            if (IsOneJwt(presentedCredential))
            {
                var marker = JwtMarker(presentedCredential);
                return space < 0 ? marker : string.Concat(presented[..space], " ", marker);
            }

            var trimmed = value.Trim();
            space = trimmed.IndexOf(' ', StringComparison.Ordinal);
            if (space < 0)
            {
                // A bare value: an M2M JWT, or a token sent without its scheme.
                return Jwt().IsMatch(trimmed) ? Text(trimmed) : Redacted;
            }

            var scheme = trimmed[..space];
            var credential = trimmed[(space + 1)..].Trim();
            return scheme + " " + (Jwt().IsMatch(credential) ? Text(credential) : Redacted);
        }

        return value.Contains('?', StringComparison.Ordinal) || value.Contains('=', StringComparison.Ordinal) ? PathAndQuery(value) : Text(value);
    }

    /// <summary>
    /// A body, redacted as its content type says (a form, JSON, XML or HTML; anything else as text). A <c>code</c> is an
    /// authorisation code in OAuth calls, but IR's error code in a gateway answer (<paramref name="codeIsSecret"/> false).
    /// </summary>
    public static string Body(string body, string? contentType, bool codeIsSecret = true)
    {
        if (body.Length == 0)
        {
            return body;
        }

        if (contentType?.Contains("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
        {
            return Form(body);
        }

        var secret = codeIsSecret ? (Func<string, bool>)SecretFields.Contains : name => !name.Equals("code", StringComparison.OrdinalIgnoreCase) && SecretFields.Contains(name);
        var text = Text(body);
        text = JsonSecret().Replace(text, m => secret(m.Groups["name"].Value) ? $"\"{m.Groups["name"].Value}\"{m.Groups["sep"].Value}\"{Redacted}\"" : m.Value);
        text = XmlSecret().Replace(text, m => secret(m.Groups["name"].Value) ? $"<{m.Groups["tag"].Value}{m.Groups["attrs"].Value}>{Redacted}</" : m.Value);
        text = HtmlInput().Replace(text, m => secret(m.Groups["name"].Value) && m.Groups["value"].Length > 0 ? m.Value.Replace(m.Groups["value"].Value, Redacted, StringComparison.Ordinal) : m.Value);
        return text;
    }

    /// <summary>A form or query string with the secret fields' values replaced.</summary>
    public static string Form(string form)
    {
        var pairs = form.Split('&');
        for (var i = 0; i < pairs.Length; i++)
        {
            var eq = pairs[i].IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
            {
                pairs[i] = Text(pairs[i]);
                continue;
            }

            var name = SafeUnescape(pairs[i][..eq]);
            pairs[i] = SecretFields.Contains(name) ? pairs[i][..(eq + 1)] + Redacted : pairs[i][..(eq + 1)] + Text(pairs[i][(eq + 1)..]);
        }

        return string.Join('&', pairs);
    }

    /// <summary>Any text: JWTs, data-protection payloads and private keys replaced wherever they stand.</summary>
    public static string Text(string text)
    {
        if (text.Contains("PRIVATE KEY", StringComparison.Ordinal))
        {
            text = PrivateKey().Replace(text, "[redacted private key]");
        }

        if (text.Contains("eyJ", StringComparison.Ordinal))
        {
            text = Jwt().Replace(text, m => JwtMarker(m.Value));
        }

        if (text.Contains("CfDJ8", StringComparison.Ordinal))
        {
            text = Protected().Replace(text, Redacted);
        }

        return text;
    }

    /// <summary>A form or query value unescaped; as it is when it is not well escaped.</summary>
    public static string SafeUnescape(string value)
    {
        try
        {
            return Uri.UnescapeDataString(value.Replace('+', ' '));
        }
        catch (UriFormatException)
        {
            return value;
        }
    }

    [GeneratedRegex(@"CfDJ8[A-Za-z0-9_\-+/=]+")]
    private static partial Regex Protected();

    [GeneratedRegex(@"-----BEGIN [A-Z ]*PRIVATE KEY-----.*?(-----END [A-Z ]*PRIVATE KEY-----|$)", RegexOptions.Singleline)]
    private static partial Regex PrivateKey();

    [GeneratedRegex(@"""(?<name>[A-Za-z_]+)""(?<sep>\s*:\s*)""(?:[^""\\]|\\.)*""")]
    private static partial Regex JsonSecret();

    [GeneratedRegex(@"<(?<tag>(?:[\w-]+:)?(?<name>[\w-]+))(?<attrs>[^>/]*)>[^<]*</")]
    private static partial Regex XmlSecret();

    [GeneratedRegex(@"<input[^>]*\bname=""(?<name>[^""]+)""[^>]*\bvalue=""(?<value>[^""]*)""[^>]*>|<input[^>]*\bvalue=""(?<value>[^""]*)""[^>]*\bname=""(?<name>[^""]+)""[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlInput();
}
