using System.Globalization;
using Waharoa.Clients;
using Waharoa.Grants;
using Waharoa.OAuth;
using Waharoa.Server.OAuth;
using Waharoa.Server.Calls;
using Waharoa.Server.Endpoints;
using Waharoa.Server.Observability;
using Waharoa.Storage;

namespace Waharoa.Server.Start;

/// <summary>
/// <c>POST /gateway3/oauth/token</c>: authorization_code (with optional PKCE) and refresh_token (single-use tokens,
/// reuse revoking the set), over the OAuth core.
/// </summary>
internal sealed partial class StartTokenEndpoint(
    StartRequests requests,
    CodeExchange codes,
    RefreshExchange refreshes,
    IUserStore users,
    StartTokenFactory factory,
    StartDialect dialect,
    WaharoaMetrics metrics,
    IssuedTokens tokens,
    TimeProvider time,
    ILogger<StartTokenEndpoint> logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        var (form, client, refusal) = await requests.ReadAsync(context, StartApi.Token);
        if (refusal is not null)
        {
            await StartJson.WriteErrorAsync(context.Response, refusal);
            return;
        }

        var endpoint = context.GetGatewayEndpoint();
        var outcome = form!["grant_type"].ToString() switch
        {
            "" => StartErrors.MissingParameter("grant_type"),
            "authorization_code" => await ExchangeCodeAsync(form, client!, endpoint, context.RequestAborted),
            "refresh_token" => await RefreshAsync(form, client!, endpoint, context.RequestAborted),
            _ => (object)StartErrors.UnsupportedGrantType,
        };
        if (outcome is StartError error)
        {
            if (form["grant_type"].ToString() == "refresh_token" && client!.Kind == ClientKind.Cloud)
            {
                await RefreshRefusals.NoteAsync(context, tokens, form["refresh_token"].ToString(), singleUse: true, time);
            }

            await StartJson.WriteErrorAsync(context.Response, error);
            return;
        }

        var issued = (IssuedSet)outcome;
        context.CallNotes().Logon = issued.Logon;
        await StartJson.WriteAsync(context.Response, StatusCodes.Status200OK, w =>
        {
            w.WriteString("access_token", issued.AccessToken);
            w.WriteString("token_type", "Bearer");
            w.WriteString("expires_in", ((long)dialect.Policy.AccessTokenLifetime.TotalSeconds).ToString(CultureInfo.InvariantCulture));
            w.WriteString("scope", issued.Scope);
            if (issued.RefreshToken is not null)
            {
                w.WriteString("refresh_token", issued.RefreshToken);
            }
        });
    }

    private async Task<object> ExchangeCodeAsync(IFormCollection form, DspClient client, GatewayEndpoint endpoint, CancellationToken cancellationToken)
    {
        var value = form["code"].ToString();
        var redirectUri = form["redirect_uri"].ToString();
        if (value.Length == 0)
        {
            return StartErrors.MissingParameter("code");
        }

        if (redirectUri.Length == 0)
        {
            return StartErrors.MissingParameter("redirect_uri");
        }

        if (!StartOpaque.HasShape(value, StartOpaque.CodeLength))
        {
            return StartErrors.InvalidCode;
        }

        var verifier = form["code_verifier"].Count == 1 ? form["code_verifier"].ToString() : null;
        var outcome = await codes.ExchangeAsync(new PresentedCode(StartOpaque.Hash(value), redirectUri, verifier), client, endpoint, dialect.Policy, cancellationToken);
        return outcome.Refusal switch
        {
            GrantRefusal.None => await IssuedAsync(outcome.Tokens!, "authorization_code", StartTokenFactory.AuthorizationCodeGrant, cancellationToken),
            GrantRefusal.CodeExpired => StartErrors.ExpiredCode,
            GrantRefusal.RedirectUriMismatch => StartErrors.RedirectUriMismatch,
            _ => StartErrors.InvalidCode,
        };
    }

    private async Task<object> RefreshAsync(IFormCollection form, DspClient client, GatewayEndpoint endpoint, CancellationToken cancellationToken)
    {
        if (client.Kind != ClientKind.Cloud)
        {
            return StartErrors.RefreshNotAllowed;
        }

        var value = form["refresh_token"].ToString();
        if (value.Length == 0)
        {
            return StartErrors.MissingParameter("refresh_token");
        }

        var outcome = await refreshes.RefreshAsync(value, client, endpoint, dialect.Policy, cancellationToken);
        return outcome switch
        {
            { Tokens: { } tokens } => await IssuedAsync(tokens, "refresh_token", StartTokenFactory.RefreshTokenGrant, cancellationToken),
            { Refusal: GrantRefusal.RefreshNotOffered } => StartErrors.UnsupportedGrantType,
            _ => StartErrors.InvalidRefreshToken,
        };
    }

    private async Task<IssuedSet> IssuedAsync(MintedTokens tokens, string grantType, string grantClaim, CancellationToken cancellationToken)
    {
        var grant = tokens.Grant;
        var access = tokens.Access.Record;
        Log.TokensIssued(logger, grant.ClientId, grantType);
        metrics.TokensIssued(StartDialect.DialectName, grantType);
        var subject = await users.GetSubjectAsync(grant.Logon, cancellationToken) ?? grant.Logon;
        return new IssuedSet(
            factory.CreateAccessToken(access.Jti, subject, grant.Logon, grant.Scope, grant.ClientId, grantClaim, access.IssuedAt, access.ExpiresAt),
            tokens.Refresh?.Value,
            grant.Scope,
            grant.Logon);
    }

    private sealed record IssuedSet(string AccessToken, string? RefreshToken, string Scope, string Logon);

    private static partial class Log
    {
        [LoggerMessage(4002, LogLevel.Information, "START tokens issued to client {ClientId} ({GrantType})")]
        public static partial void TokensIssued(ILogger logger, string clientId, string grantType);
    }
}
