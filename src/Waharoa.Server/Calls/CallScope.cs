namespace Waharoa.Server.Calls;

/// <summary>
/// Which requests are DSP calls, and of what area: the OAuth endpoints of both dialects and the pages a DSP's user sees
/// (<see cref="OAuthPages"/>) are <c>oauth</c>; the server's own paths (<see cref="OwnPathPrefixes"/>) and whatever
/// <see cref="IsOwnConnection"/> says (the control listener's) are not calls; everything else is <c>gateway</c>. The features
/// that own those paths say which they are when the server is composed.
/// </summary>
/// <param name="OAuthPages">Exact paths of the myIR pages (logon, consent).</param>
/// <param name="OwnPathPrefixes">Prefixes of paths that are no DSP call (health, metrics, JWKS, pages' assets, the control API).</param>
/// <param name="IsOwnConnection">True for a connection that carries no DSP call.</param>
/// <param name="ClientOf">The DSP client the connection's certificate identified, when no part of the server noted one.</param>
internal sealed record CallScope(
    IReadOnlyList<string> OAuthPages, IReadOnlyList<string> OwnPathPrefixes, Func<HttpContext, bool> IsOwnConnection, Func<HttpContext, string?> ClientOf)
{
    private static readonly string[] OAuthPrefixes = ["/ms_oauth/", "/gateway3/oauth/"];

    /// <summary><c>oauth</c>, <c>gateway</c>, or null for a request that is no DSP call.</summary>
    public string? AreaOf(HttpContext context, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (IsOwnConnection(context))
        {
            return null;
        }

        // Loops rather than queries: this runs on every call, and a query's closures and copies are work for nothing.
        foreach (var prefix in OAuthPrefixes)
        {
            if (path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return "oauth";
            }
        }

        foreach (var page in OAuthPages)
        {
            if (path.Equals(page, StringComparison.OrdinalIgnoreCase))
            {
                return "oauth";
            }
        }

        foreach (var prefix in OwnPathPrefixes)
        {
            if (path.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || path.AsSpan().Equals(prefix.AsSpan().TrimEnd('/'), StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }
        }

        return "gateway";
    }
}
