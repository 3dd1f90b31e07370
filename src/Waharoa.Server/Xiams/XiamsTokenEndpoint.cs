using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Waharoa.Clients;
using Waharoa.Grants;
using Waharoa.Server.Hosting;
using Waharoa.Server.TokenRequests;
using Waharoa.Storage;
using Waharoa.Tokens;

namespace Waharoa.Server.Xiams;

/// <summary>
/// <c>POST /ms_oauth/oauth2/endpoints/oauthservice/tokens</c>: the authorization_code and refresh_token grants,
/// and validate and delete through <c>oracle-idm:/oauth/grant-type/resource-access-token/jwt</c>.
/// </summary>
internal sealed partial class XiamsTokenEndpoint(
    ClientAuthenticator authenticator,
    IGrantStore grants,
    IConsentStore consents,
    JwtSigner signer,
    XiamsTokenReader reader,
    Authorization.IssuedTokenLookup lookup,
    XiamsTokenFactory factory,
    TimeProvider time,
    WaharoaOptions options,
    Observability.WaharoaMetrics metrics,
    Coordination.UncachedTokenStatus uncached,
    ILogger<XiamsTokenEndpoint> logger)
{
    public const string ResourceAccessGrantType = "oracle-idm:/oauth/grant-type/resource-access-token/jwt";

    public async Task HandleAsync(HttpContext context)
    {
        var result = await ProcessAsync(context);
        await WriteAsync(context, result);
    }

    private async Task<object> ProcessAsync(HttpContext context)
    {
        var (outcome, form) = await TokenRequestForm.ReadAsync(context, options.MaxTokenRequestBytes);
        switch (outcome)
        {
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
            return authentication switch
            {
                ClientAuthenticationOutcome.UnknownClient => XiamsErrors.ClientIdUnknown,
                ClientAuthenticationOutcome.WrongSecret => XiamsErrors.ClientSecretWrong,
                ClientAuthenticationOutcome.CertificateMismatch => XiamsErrors.ClientCertificateMismatch,
                _ => XiamsErrors.ClientAuthenticationMissing,
            };
        }

        var endpoint = context.GetGatewayEndpoint();
        var grantType = form!["grant_type"].ToString();
        return grantType switch
        {
            "" => XiamsErrors.MissingParameter("grant_type"),
            "authorization_code" => await AuthorizationCodeAsync(form, client!, endpoint, context.RequestAborted),
            "refresh_token" when endpoint == GatewayEndpoint.Cloud => await RefreshAsync(form, client!, context.RequestAborted),
            ResourceAccessGrantType => await ResourceAccessAsync(form, client!, context.RequestAborted),
            _ => XiamsErrors.UnsupportedGrantType,
        };
    }

    private async Task<object> AuthorizationCodeAsync(IFormCollection form, DspClient client, GatewayEndpoint endpoint, CancellationToken cancellationToken)
    {
        if (Missing(form, "code", "redirect_uri") is { } missing)
        {
            return missing;
        }

        var jwt = await signer.VerifyAsync(form["code"].ToString());
        if (jwt is null || !HasContext(jwt, XiamsTokenFactory.CodeContext))
        {
            return XiamsErrors.InvalidAuthorizationCode;
        }

        var redirectUri = form["redirect_uri"].ToString();
        var now = time.GetUtcNow();
        var withRefresh = endpoint == GatewayEndpoint.Cloud && client.Kind == ClientKind.Cloud;
        XiamsError? bindingError = null;
        string? grantId = null;
        IReadOnlyList<IssuedToken> tokens = [];
        var (redemption, code) = await grants.RedeemCodeAsync(jwt.Id, now, code =>
        {
            if (!string.Equals(code.ClientId, client.ClientId, StringComparison.Ordinal))
            {
                bindingError = XiamsErrors.InvalidAuthorizationCode;
                return null;
            }

            if (!string.Equals(code.RedirectUri, redirectUri, StringComparison.Ordinal))
            {
                bindingError = XiamsErrors.InvalidRedirectUri;
                return null;
            }

            grantId = Guid.NewGuid().ToString();
            tokens = NewTokens(grantId, now, withRefresh);
            return (new Grant(grantId, client.ClientId, code.Logon, code.Scope, endpoint, now, null), tokens);
        }, cancellationToken);

        switch (redemption)
        {
            case CodeRedemption.Replayed:
                Log.CodeReplayed(logger, client.ClientId);
                return XiamsErrors.InvalidAuthorizationCode;
            case CodeRedemption.Invalid:
                return bindingError ?? XiamsErrors.InvalidAuthorizationCode;
        }

        Log.TokensIssued(logger, client.ClientId, "authorization_code");
        metrics.TokensIssued("xiams", "authorization_code");
        return TokenResponse(tokens, client.ClientId, code!.Logon, code.Scope);
    }

    private async Task<object> RefreshAsync(IFormCollection form, DspClient client, CancellationToken cancellationToken)
    {
        if (Missing(form, "refresh_token") is { } missing)
        {
            return missing;
        }

        var (_, status) = await ReadActiveAsync(form["refresh_token"].ToString(), client, XiamsTokenFactory.RefreshContext);
        if (status is null)
        {
            return XiamsErrors.InvalidRefreshToken;
        }

        // Consent withdrawn since the grant was made: the grant is revoked in the same transaction, but check anyway.
        if (!await consents.HasConsentAsync(status.Grant.Logon, client.ClientId, cancellationToken))
        {
            return XiamsErrors.InvalidRefreshToken;
        }

        // New tokens are issued on the store's word, not a cached one: a refresh token deleted on another instance a
        // moment ago must not yield a successor that outlives the deletion.
        var now = time.GetUtcNow();
        if (!await uncached.IsStillActiveAsync(status, now, cancellationToken))
        {
            return XiamsErrors.InvalidRefreshToken;
        }

        var tokens = NewTokens(status.Grant.GrantId, now, withRefresh: true);
        await grants.AddTokensAsync(tokens, cancellationToken);
        Log.TokensIssued(logger, client.ClientId, "refresh_token");
        metrics.TokensIssued("xiams", "refresh_token");
        return TokenResponse(tokens, client.ClientId, status.Grant.Logon, status.Grant.Scope);
    }

    private async Task<object> ResourceAccessAsync(IFormCollection form, DspClient client, CancellationToken cancellationToken)
    {
        var action = form["oracle_token_action"];
        if (action.Count == 0)
        {
            return XiamsErrors.MissingParameter("oracle_token_action");
        }

        switch (action.ToString())
        {
            case "validate":
                if (Missing(form, "scope", "assertion", "oracle_token_attrs_retrieval") is { } missing)
                {
                    return missing;
                }

                if (!string.Equals(form["scope"].ToString(), options.Scope, StringComparison.OrdinalIgnoreCase))
                {
                    return XiamsErrors.ValidateScopeInvalid;
                }

                var (jwt, status) = await ReadActiveAsync(form["assertion"].ToString(), client, XiamsTokenFactory.AccessContext, XiamsTokenFactory.RefreshContext);
                metrics.TokenChecked("xiams", status is not null);
                return status is null ? XiamsErrors.ValidationFailed : new ValidateResponse(jwt!, form["oracle_token_attrs_retrieval"].ToString());

            case "delete":
                if (Missing(form, "assertion") is { } missingAssertion)
                {
                    return missingAssertion;
                }

                // Any access or refresh token of this client, of either dialect: both share one record of revocation.
                var found = await lookup.FindAsync(form["assertion"].ToString(), cancellationToken);
                var deleting = found?.Status is { } candidate && candidate.IsActive(time.GetUtcNow()) && candidate.Grant.ClientId == client.ClientId ? candidate : null;
                if (deleting is null || !await grants.RevokeTokenAsync(deleting.Token.Jti, time.GetUtcNow(), cancellationToken))
                {
                    return XiamsErrors.CannotTerminate;
                }

                Log.TokenRevoked(logger, client.ClientId, deleting.Token.Kind.ToString());
                metrics.TokenRevoked("xiams");
                return SuccessfulResponse.Instance;

            default:
                return XiamsErrors.InvalidTokenAction(action.ToString());
        }
    }

    private Task<(JsonWebToken? Jwt, TokenStatus? Status)> ReadActiveAsync(string token, DspClient client, params string[] contexts) =>
        reader.ReadActiveAsync(token, client.ClientId, CancellationToken.None, contexts);

    private static bool HasContext(JsonWebToken jwt, string context) => XiamsTokenReader.HasContext(jwt, context);

    private static XiamsError? Missing(IFormCollection form, params string[] names)
    {
        foreach (var name in names)
        {
            if (string.IsNullOrEmpty(form[name].ToString()))
            {
                return XiamsErrors.MissingParameter(name);
            }
        }

        return null;
    }

    private List<IssuedToken> NewTokens(string grantId, DateTimeOffset now, bool withRefresh)
    {
        var tokens = new List<IssuedToken> { new(Guid.NewGuid().ToString(), grantId, TokenKind.Access, now, now + options.AccessTokenLifetime) };
        if (withRefresh)
        {
            tokens.Add(new(Guid.NewGuid().ToString(), grantId, TokenKind.Refresh, now, now + options.RefreshTokenLifetime));
        }

        return tokens;
    }

    private TokenSetResponse TokenResponse(IReadOnlyList<IssuedToken> tokens, string clientId, string logon, string scope)
    {
        var access = tokens.Single(t => t.Kind == TokenKind.Access);
        var refresh = tokens.SingleOrDefault(t => t.Kind == TokenKind.Refresh);
        return new TokenSetResponse(
            (long)options.AccessTokenLifetime.TotalSeconds,
            factory.CreateAccessToken(access.Jti, clientId, logon, scope, access.IssuedAt, access.ExpiresAt),
            refresh is null ? null : factory.CreateRefreshToken(refresh.Jti, clientId, logon, scope, refresh.IssuedAt, refresh.ExpiresAt));
    }

    private static async Task WriteAsync(HttpContext context, object result)
    {
        var response = context.Response;
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
        response.ContentType = "application/json";
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            switch (result)
            {
                case XiamsError error:
                    response.StatusCode = error.Status;
                    w.WriteString("error", error.Error);
                    w.WriteString("error_description", error.Description);
                    break;
                case TokenSetResponse tokens:
                    w.WriteNumber("expires_in", tokens.ExpiresIn);
                    w.WriteString("token_type", "Bearer");
                    w.WriteString("access_token", tokens.AccessToken);
                    if (tokens.RefreshToken is not null)
                    {
                        w.WriteString("refresh_token", tokens.RefreshToken);
                    }

                    break;
                case ValidateResponse validate:
                    w.WriteBoolean("successful", true);
                    w.WritePropertyName("oracle_token_attrs_retrieval");
                    validate.WriteAttributes(w);
                    break;
                case SuccessfulResponse:
                    w.WriteBoolean("successful", true);
                    break;
            }

            w.WriteEndObject();
        }

        response.ContentLength = buffer.Length;
        await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), context.RequestAborted);
    }

    private sealed record TokenSetResponse(long ExpiresIn, string AccessToken, string? RefreshToken);

    private sealed class SuccessfulResponse
    {
        public static readonly SuccessfulResponse Instance = new();
    }

    /// <summary>
    /// The attributes asked for in <c>oracle_token_attrs_retrieval</c>: each claim by its lower-cased name, in
    /// name order as IR's samples show them; <c>startLogon</c> is the user's logon.
    /// </summary>
    private sealed record ValidateResponse(JsonWebToken Token, string Attributes)
    {
        public void WriteAttributes(Utf8JsonWriter w)
        {
            using var payload = JwtSigner.Payload(Token);
            var names = Attributes.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(a => a.ToLowerInvariant())
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal);
            w.WriteStartObject();
            foreach (var name in names)
            {
                // startLogon is the user's logon: xIAMS carries it as oracle.oauth.user_origin_id, START as startLogon
                // (which START tokens also stand in for prn with).
                var claims = name switch
                {
                    "startlogon" => new[] { XiamsTokenFactory.UserClaim, "startLogon" },
                    "prn" => ["prn", "startLogon"],
                    _ => [name],
                };
                var property = claims
                    .Select(claim => payload.RootElement.EnumerateObject().FirstOrDefault(p => string.Equals(p.Name, claim, StringComparison.OrdinalIgnoreCase)))
                    .FirstOrDefault(p => p.Value.ValueKind != JsonValueKind.Undefined);
                w.WritePropertyName(name);
                if (property.Value.ValueKind == JsonValueKind.Undefined)
                {
                    w.WriteNullValue();
                }
                else
                {
                    property.Value.WriteTo(w);
                }
            }

            w.WriteEndObject();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(2001, LogLevel.Information, "Token request refused: client authentication {Outcome}")]
        public static partial void ClientRejected(ILogger logger, string outcome);

        [LoggerMessage(2002, LogLevel.Information, "Tokens issued to client {ClientId} ({GrantType})")]
        public static partial void TokensIssued(ILogger logger, string clientId, string grantType);

        [LoggerMessage(2003, LogLevel.Warning, "Authorisation code of client {ClientId} used twice: its grant is revoked")]
        public static partial void CodeReplayed(ILogger logger, string clientId);

        [LoggerMessage(2004, LogLevel.Information, "Client {ClientId} revoked one of its {Kind} tokens")]
        public static partial void TokenRevoked(ILogger logger, string clientId, string kind);
    }
}
