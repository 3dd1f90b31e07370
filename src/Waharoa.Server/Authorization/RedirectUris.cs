using Microsoft.AspNetCore.WebUtilities;

namespace Waharoa.Server.Authorization;

/// <summary>Builds the redirects back to a client's registered redirect URI.</summary>
internal static class RedirectUris
{
    /// <summary>Appends <paramref name="parameters"/> (nulls skipped) to <paramref name="redirectUri"/>'s query, keeping any fragment-free query it has.</summary>
    public static string WithQuery(string redirectUri, params (string Name, string? Value)[] parameters)
    {
        var result = redirectUri;
        foreach (var (name, value) in parameters)
        {
            if (value is not null)
            {
                result = QueryHelpers.AddQueryString(result, name, value);
            }
        }

        return result;
    }
}
