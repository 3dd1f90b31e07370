using System.Security.Cryptography;
using System.Text;

namespace Waharoa.Testing;

/// <summary>Builds START IAM (<c>/gateway3/oauth/…</c>) request URLs, requests and PKCE values for tests.</summary>
public static class StartUrls
{
    public const string Authorize = "/gateway3/oauth/authorize";
    public const string Token = "/gateway3/oauth/token";
    public const string Introspect = "/gateway3/oauth/introspect";
    public const string Revoke = "/gateway3/oauth/revoke";
    public const string Scope = "MYIR.Services";

    /// <summary>The <c>state</c> <see cref="AuthorizeUrl"/> sends unless told otherwise.</summary>
    public const string DefaultState = "2d0fcc2d-8f7a-4f27-8bea-976cb86bd409";

    /// <summary>The mock environment's issuer and audience of START access tokens.</summary>
    public const string MockIssuer = "https://oauth.test.services.ird.govt.nz/gateway3/oauth/";

    /// <summary>The alphabet of START codes and refresh tokens (as IR's samples: digits 2-9 and consonants).</summary>
    public const string OpaqueAlphabet = "23456789bcdfghjkmnpqrstvwxyz";

    /// <summary>
    /// An authorize URL; every argument that is null is left out, so a test can drop any parameter.
    /// Parameters go in the order of IR's sample (client_id, redirect_uri, scope, response_type, state).
    /// </summary>
    public static string AuthorizeUrl(
        string? clientId, string? redirectUri, string? scope = Scope, string? responseType = "code", string? state = DefaultState,
        string? codeChallenge = null, string? codeChallengeMethod = null, bool logout = false)
    {
        var parameters = new List<string>();
        Add(parameters, "client_id", clientId);
        Add(parameters, "redirect_uri", redirectUri);
        Add(parameters, "scope", scope);
        Add(parameters, "response_type", responseType);
        Add(parameters, "state", state);
        Add(parameters, "code_challenge", codeChallenge);
        Add(parameters, "code_challenge_method", codeChallengeMethod);
        if (logout)
        {
            parameters.Add("logout=true");
        }

        return parameters.Count == 0 ? Authorize : Authorize + "?" + string.Join('&', parameters);
    }

    /// <summary>The value of an <c>Authorization</c> header for HTTP Basic client authentication.</summary>
    public static string Basic(string clientId, string secret) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{secret}"));

    /// <summary>A form POST to <paramref name="path"/> with an optional raw <c>Authorization</c> header.</summary>
    public static HttpRequestMessage FormRequest(string path, string? authorization, IEnumerable<(string Name, string Value)> form)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent(form.Select(f => KeyValuePair.Create(f.Name, f.Value))),
        };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return request;
    }

    /// <summary>A fresh RFC 7636 code verifier: 64 characters of the unreserved alphabet.</summary>
    public static string NewCodeVerifier() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)).Replace('+', '-').Replace('/', '_');

    /// <summary>The S256 code challenge of <paramref name="verifier"/>: BASE64URL(SHA-256(verifier)), 43 characters.</summary>
    public static string S256(string verifier) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static void Add(List<string> parameters, string name, string? value)
    {
        if (value is not null)
        {
            parameters.Add(name + "=" + Uri.EscapeDataString(value));
        }
    }
}
