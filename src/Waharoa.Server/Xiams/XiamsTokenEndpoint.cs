using Waharoa.Clients;
using Waharoa.Grants;
using Waharoa.OAuth;
using Waharoa.Server.Calls;
using Waharoa.Server.Endpoints;
using Waharoa.Server.Observability;
using Waharoa.Server.OAuth;
using Waharoa.Tokens;

namespace Waharoa.Server.Xiams;

/// <summary>
/// <c>POST /ms_oauth/oauth2/endpoints/oauthservice/tokens</c>: the authorization_code and refresh_token grants (over
/// the OAuth core), and validate and delete through <c>oracle-idm:/oauth/grant-type/resource-access-token/jwt</c>.
/// </summary>
internal sealed partial class XiamsTokenEndpoint(
    ClientAuthenticator authenticator,
    CodeExchange codes,
    RefreshExchange refreshes,
    XiamsResourceAccess resourceAccess,
    JwtSigner signer,
    XiamsTokenFactory factory,
    XiamsDialect dialect,
    OAuthOptions oauth,
    WaharoaMetrics metrics,
    IssuedTokens issued,
    TimeProvider time,
    ILogger<XiamsTokenEndpoint> logger)
{
    public const string ResourceAccessGrantType = "oracle-idm:/oauth/grant-type/resource-access-token/jwt";

    public async Task HandleAsync(HttpContext context)
    {
        if (await ProcessAsync(context) is { } result)
        {
            await XiamsResponses.WriteAsync(context, result);
        }
    }

    /// <summary>The answer: an <see cref="XiamsError"/> or a token set; null when the client has gone.</summary>
    private async Task<object?> ProcessAsync(HttpContext context)
    {
        var (outcome, form) = await TokenRequestForm.ReadAsync(context, oauth.MaxTokenRequestBytes);
        switch (outcome)
        {
            case FormReadOutcome.ClientGone:
                return null;
            case FormReadOutcome.WrongContentType:
                return XiamsErrors.WrongContentType;
            case FormReadOutcome.TooLarge:
                return XiamsErrors.BodyTooLarge;
            case FormReadOutcome.Malformed:
                return XiamsErrors.MalformedBody;
        }

        if (TokenRequestForm.FirstRepeated(form!) is { } repeated)
        {
            return XiamsErrors.RepeatedParameter(repeated);
        }

        var (authentication, client) = await authenticator.AuthenticateAsync(context, form, allowFormCredentials: false);
        if (authentication != ClientAuthenticationOutcome.Authenticated)
        {
            Log.ClientRejected(logger, authentication.ToString());
            context.CallNotes().Reason = $"Client authentication {ClientAuthenticationReasons.Of(authentication)}.";
            return XiamsErrors.ForClientAuthentication(authentication);
        }

        var endpoint = context.GetGatewayEndpoint();
        return form!["grant_type"].ToString() switch
        {
            "" => XiamsErrors.MissingParameter("grant_type"),
            "authorization_code" => await ExchangeCodeAsync(form, client!, endpoint, context),
            "refresh_token" when endpoint == GatewayEndpoint.Cloud => await RefreshAsync(form, client!, endpoint, context),
            ResourceAccessGrantType => await resourceAccess.HandleAsync(form, client!, context.RequestAborted),
            _ => XiamsErrors.UnsupportedGrantType,
        };
    }

    private async Task<object> ExchangeCodeAsync(IFormCollection form, DspClient client, GatewayEndpoint endpoint, HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        if (XiamsForm.Missing(form, "code", "redirect_uri") is { } missing)
        {
            return missing;
        }

        var code = await signer.VerifyAsync(form["code"].ToString());
        if (code is null || XiamsTokenFactory.ContextOf(code) != XiamsTokenFactory.CodeContext)
        {
            return XiamsErrors.InvalidAuthorizationCode;
        }

        var outcome = await codes.ExchangeAsync(new PresentedCode(code.Id, form["redirect_uri"].ToString(), null), client, endpoint, dialect.Policy, cancellationToken);
        return outcome.Refusal switch
        {
            GrantRefusal.None => Issued(outcome.Tokens!, "authorization_code", context),
            GrantRefusal.RedirectUriMismatch => XiamsErrors.InvalidRedirectUri,
            _ => XiamsErrors.InvalidAuthorizationCode,
        };
    }

    private async Task<object> RefreshAsync(IFormCollection form, DspClient client, GatewayEndpoint endpoint, HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        if (XiamsForm.Missing(form, "refresh_token") is { } missing)
        {
            return missing;
        }

        var outcome = await refreshes.RefreshAsync(form["refresh_token"].ToString(), client, endpoint, dialect.Policy, cancellationToken);
        if (outcome.Tokens is { } tokens)
        {
            return Issued(tokens, "refresh_token", context);
        }

        await RefreshRefusals.NoteAsync(context, issued, form["refresh_token"].ToString(), singleUse: false, time);
        return XiamsErrors.InvalidRefreshToken;
    }

    private XiamsResponses.TokenSet Issued(MintedTokens tokens, string grantType, HttpContext context)
    {
        var grant = tokens.Grant;
        context.CallNotes().Logon = grant.Logon;
        var access = tokens.Access.Record;
        var refresh = tokens.Refresh?.Record;
        Log.TokensIssued(logger, grant.ClientId, grantType);
        metrics.TokensIssued(XiamsDialect.DialectName, grantType);
        return new XiamsResponses.TokenSet(
            (long)dialect.Policy.AccessTokenLifetime.TotalSeconds,
            factory.CreateAccessToken(access.Jti, grant.ClientId, grant.Logon, grant.Scope, access.IssuedAt, access.ExpiresAt),
            refresh is null ? null : factory.CreateRefreshToken(refresh.Jti, grant.ClientId, grant.Logon, grant.Scope, refresh.IssuedAt, refresh.ExpiresAt));
    }

    private static partial class Log
    {
        [LoggerMessage(2001, LogLevel.Information, "Token request refused: client authentication {Outcome}")]
        public static partial void ClientRejected(ILogger logger, string outcome);

        [LoggerMessage(2002, LogLevel.Information, "Tokens issued to client {ClientId} ({GrantType})")]
        public static partial void TokensIssued(ILogger logger, string clientId, string grantType);
    }
}
