using System.Buffers;
using Waharoa.Server.Authorization;
using Waharoa.Server.OAuth;
using Waharoa.Storage;

namespace Waharoa.Server.Start;

/// <summary>
/// <c>GET /gateway3/oauth/authorize</c>: checks the request in the order of IR's table (JSON errors, never a redirect,
/// until client and redirect URI are trusted), then hands over to the shared logon and consent flow.
/// </summary>
internal static class StartAuthorizeEndpoint
{
    private static readonly SearchValues<char> Base64Url =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    public static async Task HandleAsync(HttpContext context, IClientStore clients, AuthorizationFlow flow, OAuthOptions options, StartDialect dialect)
    {
        var query = context.Request.Query;
        string? Single(string name) => query[name].Count == 1 ? query[name].ToString() : null;

        var clientId = Single("client_id");
        if (string.IsNullOrEmpty(clientId))
        {
            await StartJson.WriteErrorAsync(context.Response, StartErrors.MissingParameter("client_id"));
            return;
        }

        var client = await clients.FindClientAsync(clientId, context.RequestAborted);
        if (client is null)
        {
            await StartJson.WriteErrorAsync(context.Response, StartErrors.UnknownClientAtAuthorize);
            return;
        }

        var redirectUri = Single("redirect_uri");
        if (string.IsNullOrEmpty(redirectUri))
        {
            await StartJson.WriteErrorAsync(context.Response, StartErrors.MissingParameter("redirect_uri"));
            return;
        }

        if (!client.HasRedirectUri(redirectUri))
        {
            await StartJson.WriteErrorAsync(context.Response, StartErrors.RedirectUriNotConfigured(redirectUri));
            return;
        }

        var responseType = Single("response_type");
        var refusal = string.IsNullOrEmpty(responseType) ? StartErrors.MissingParameter("response_type")
            : responseType != "code" ? StartErrors.InvalidResponseType
            : string.IsNullOrEmpty(Single("scope")) ? StartErrors.MissingParameter("scope")
            : query.ContainsKey("state") && (Single("state") is not { } s || !StateRules.IsValid(s)) ? StartErrors.InvalidState
            : ChallengeRefusal(Single("code_challenge"), Single("code_challenge_method"), query, dialect.Policy.RequiresPkce(client));
        if (refusal is not null)
        {
            await StartJson.WriteErrorAsync(context.Response, refusal);
            return;
        }

        var state = Single("state");
        var scope = Single("scope")!;
        if (!string.Equals(scope, options.Scope, StringComparison.Ordinal))
        {
            // error_description form-encoded (spaces as '+'), as IR's redirect spells it.
            var location = RedirectUris.WithQuery(redirectUri, ("error", StartErrors.InvalidScope))
                + "&error_description=" + System.Net.WebUtility.UrlEncode(StartErrors.InvalidScopeDescription);
            context.Response.Redirect(RedirectUris.WithQuery(location, ("state", state)));
            return;
        }

        var forceLogon = string.Equals(Single("logout"), "true", StringComparison.OrdinalIgnoreCase);
        var request = new AuthorizationRequest(StartDialect.DialectName, client.ClientId, redirectUri, scope, state)
        {
            CodeChallenge = Single("code_challenge"),
        };
        await (await flow.ContinueAsync(context, request, client, forceLogon)).ExecuteAsync(context);
    }

    /// <summary>
    /// PKCE: S256 only (IR refuses <c>plain</c>); a challenge is the 43-character base64url SHA-256 of the verifier;
    /// none at all only where the client is not <paramref name="required"/> to use PKCE.
    /// </summary>
    private static StartError? ChallengeRefusal(string? challenge, string? method, IQueryCollection query, bool required)
    {
        var challengeSent = query.ContainsKey("code_challenge");
        var methodSent = query.ContainsKey("code_challenge_method");
        if (!challengeSent && !methodSent)
        {
            return required ? StartErrors.MissingParameter("code_challenge") : null;
        }

        if (methodSent && method != "S256")
        {
            return StartErrors.InvalidChallengeMethod;
        }

        if (!challengeSent)
        {
            return StartErrors.MissingParameter("code_challenge");
        }

        if (!methodSent)
        {
            return StartErrors.MissingParameter("code_challenge_method");
        }

        return challenge is { Length: 43 } && !challenge.AsSpan().ContainsAnyExcept(Base64Url) ? null : StartErrors.InvalidChallenge;
    }
}
