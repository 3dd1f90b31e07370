namespace Waharoa.Clients;

/// <summary>What a redirect URI must be to be registered (RFC 6749 §3.1.2): absolute, without a fragment.</summary>
public static class RedirectUriRule
{
    /// <summary>Null when <paramref name="uri"/> can be registered; otherwise what is wrong with it, to show the operator.</summary>
    public static string? Problem(string? uri) =>
        uri is not null
        && !uri.Any(char.IsWhiteSpace)
        && Uri.TryCreate(uri, UriKind.Absolute, out var parsed)

        // .NET reads "/callback" as a file path on Unix: the scheme must be written, and a file is nowhere to redirect.
        && uri.StartsWith(parsed.Scheme + ":", StringComparison.OrdinalIgnoreCase)
        && parsed.Scheme != Uri.UriSchemeFile
        && parsed.Fragment.Length == 0
            ? null
            : $"'{uri}' is not an absolute URI without a fragment";
}
