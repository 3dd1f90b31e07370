using Waharoa.Server.Authorization;
using Waharoa.Server.OAuth;
using Waharoa.Storage;

namespace Waharoa.Server.Xiams;

/// <summary>
/// <c>GET /ms_oauth/oauth2/endpoints/oauthservice/authorize</c>: checks the request, then hands over to the
/// logon and consent flow. A request whose client or redirect URI cannot be trusted gets an error page,
/// never a redirect.
/// </summary>
internal static class XiamsAuthorizeEndpoint
{
    private static readonly string[] Parameters = ["client_id", "redirect_uri", "scope", "response_type", "state", "logout"];

    public static async Task<IResult> HandleAsync(HttpContext context, IClientStore clients, AuthorizationFlow flow, OAuthOptions options)
    {
        var query = context.Request.Query;
        foreach (var name in Parameters)
        {
            if (query[name].Count > 1)
            {
                return Page(XiamsErrors.RepeatedParameter(name));
            }
        }

        var clientId = query["client_id"].ToString();
        var client = clientId.Length == 0 ? null : await clients.FindClientAsync(clientId, context.RequestAborted);
        if (client is null)
        {
            return Page(XiamsErrors.UnknownClient);
        }

        var redirectUri = query["redirect_uri"].ToString();
        if (!client.HasRedirectUri(redirectUri))
        {
            return Page(XiamsErrors.RedirectUriMismatch);
        }

        string? state = query.ContainsKey("state") ? query["state"].ToString() : null;
        if (state is not null && !StateRules.IsValid(state))
        {
            return Page(XiamsErrors.InvalidState);
        }

        if (!string.Equals(query["response_type"].ToString(), "code", StringComparison.Ordinal))
        {
            return Page(XiamsErrors.UnsupportedResponseType);
        }

        var scope = query["scope"].ToString();
        if (!string.Equals(scope, options.Scope, StringComparison.Ordinal))
        {
            return Results.Redirect(RedirectUris.WithQuery(redirectUri, ("error", XiamsErrors.InvalidScope), ("state", state)));
        }

        var forceLogon = string.Equals(query["logout"].ToString(), "true", StringComparison.OrdinalIgnoreCase);
        var request = new AuthorizationRequest(XiamsDialect.DialectName, client.ClientId, redirectUri, scope, state);
        return await flow.ContinueAsync(context, request, client, forceLogon);
    }

    private static IResult Page(XiamsError error) => AuthorizationPages.Error(error.Status, error.Error, error.Description);
}
