using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;
using Waharoa.Clients;
using Waharoa.Grants;
using Waharoa.Server.Authorization;
using Waharoa.Server.Hosting;
using Waharoa.Server.TokenRequests;
using Waharoa.Storage;

namespace Waharoa.Server.Start;

/// <summary>
/// <c>POST /gateway3/oauth/token</c> (authorization_code with optional PKCE, refresh_token with rotation and reuse
/// detection), <c>/introspect</c> and <c>/revoke</c>, over the token records both dialects share.
/// </summary>
internal sealed partial class StartTokenEndpoints(
    ClientAuthenticator authenticator,
    IGrantStore grants,
    IConsentStore consents,
    IUserStore users,
    IssuedTokenLookup lookup,
    StartTokenFactory factory,
    TimeProvider time,
    WaharoaOptions options,
    Observability.WaharoaMetrics metrics,
    ILogger<StartTokenEndpoints> logger)
{
    private enum Api
    {
        Token,
        Introspect,
        Revoke,
    }

    public async Task TokenAsync(HttpContext context)
    {
        var (form, client, refusal) = await ReadAsync(context, Api.Token);
        if (refusal is not null)
        {
            await StartJson.WriteErrorAsync(context.Response, refusal);
            return;
        }

        var grantType = form!["grant_type"].ToString();
        var outcome = grantType switch
        {
            "" => StartErrors.MissingParameter("grant_type"),
            "authorization_code" => await AuthorizationCodeAsync(form, client!, context.GetGatewayEndpoint(), context.RequestAborted),
            "refresh_token" => await RefreshAsync(form, client!, context.RequestAborted),
            _ => (object)StartErrors.UnsupportedGrantType,
        };
        if (outcome is StartError error)
        {
            await StartJson.WriteErrorAsync(context.Response, error);
            return;
        }

        var issued = (IssuedSet)outcome;
        await StartJson.WriteAsync(context.Response, StatusCodes.Status200OK, w =>
        {
            w.WriteString("access_token", issued.AccessToken);
            w.WriteString("token_type", "Bearer");
            w.WriteString("expires_in", ((long)options.Start.AccessTokenLifetime.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
            w.WriteString("scope", issued.Scope);
            if (issued.RefreshToken is not null)
            {
                w.WriteString("refresh_token", issued.RefreshToken);
            }
        });
    }

    public async Task IntrospectAsync(HttpContext context)
    {
        var (form, client, refusal) = await ReadAsync(context, Api.Introspect);
        refusal ??= string.IsNullOrEmpty(form?["token"].ToString()) ? StartErrors.MissingParameter("token")
            : form["token_type_hint"] == "refresh_token" && client!.Kind == ClientKind.Native ? StartErrors.RefreshNotAllowed
            : null;
        if (refusal is not null)
        {
            await StartJson.WriteErrorAsync(context.Response, refusal);
            return;
        }

        var found = await lookup.FindAsync(form!["token"].ToString(), context.RequestAborted);
        var status = found?.Status;
        if (status is null || !status.IsActive(time.GetUtcNow()) || status.Grant.ClientId != client!.ClientId)
        {
            metrics.TokenChecked("start", active: false);
            await StartJson.WriteAsync(context.Response, StatusCodes.Status200OK, w => w.WriteBoolean("active", false));
            return;
        }

        metrics.TokenChecked("start", active: true);
        var subject = await users.GetSubjectAsync(status.Grant.Logon, context.RequestAborted);
        await StartJson.WriteAsync(context.Response, StatusCodes.Status200OK, w =>
        {
            w.WriteBoolean("active", true);
            w.WriteString("client_id", status.Grant.ClientId);
            w.WriteString("username", status.Grant.Logon);
            w.WriteString("scope", status.Grant.Scope);
            w.WriteString("sub", subject);
            w.WriteNumber("exp", status.Token.ExpiresAt.ToUnixTimeSeconds());
            w.WriteNumber("iat", status.Token.IssuedAt.ToUnixTimeSeconds());
        });
    }

    public async Task RevokeAsync(HttpContext context)
    {
        var (form, client, refusal) = await ReadAsync(context, Api.Revoke);
        refusal ??= string.IsNullOrEmpty(form?["token"].ToString()) ? StartErrors.MissingParameter("token") : null;
        if (refusal is not null)
        {
            await StartJson.WriteErrorAsync(context.Response, refusal);
            return;
        }

        // An unknown, spent or other client's token changes nothing and gets the same empty 200 (RFC 7009 §2.2).
        var found = await lookup.FindAsync(form!["token"].ToString(), context.RequestAborted);
        if (found is not null && found.Status.Grant.ClientId == client!.ClientId)
        {
            var now = time.GetUtcNow();
            var revoked = found.Status.Token.Kind == TokenKind.Refresh
                ? await grants.RevokeGrantAsync(found.Status.Grant.GrantId, now, CancellationToken.None)
                : await grants.RevokeTokenAsync(found.Status.Token.Jti, now, CancellationToken.None);
            if (revoked)
            {
                Log.TokenRevoked(logger, client.ClientId, found.Status.Token.Kind.ToString());
                metrics.TokenRevoked("start");
            }
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentLength = 0;
    }

    private async Task<object> AuthorizationCodeAsync(IFormCollection form, DspClient client, GatewayEndpoint endpoint, CancellationToken cancellationToken)
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

        var now = time.GetUtcNow();
        var verifier = form["code_verifier"].Count == 1 ? form["code_verifier"].ToString() : null;
        StartError? bindingError = null;
        IReadOnlyList<IssuedToken> records = [];
        string? refreshValue = null;
        var (redemption, code) = await grants.RedeemCodeAsync(StartOpaque.Hash(value), now, code =>
        {
            bindingError = !string.Equals(code.ClientId, client.ClientId, StringComparison.Ordinal) ? StartErrors.InvalidCode
                : !string.Equals(code.RedirectUri, redirectUri, StringComparison.Ordinal) ? StartErrors.RedirectUriMismatch
                : code.CodeChallenge is not null && !VerifierMatches(verifier, code.CodeChallenge) ? StartErrors.InvalidCode
                : null;
            if (bindingError is not null)
            {
                return null;
            }

            var grant = new Grant(Guid.NewGuid().ToString(), client.ClientId, code.Logon, code.Scope, endpoint, now, null);
            (records, refreshValue) = NewTokens(grant.GrantId, client, now);
            return (grant, records);
        }, cancellationToken);

        switch (redemption)
        {
            case CodeRedemption.Redeemed:
                Log.TokensIssued(logger, client.ClientId, "authorization_code");
        metrics.TokensIssued("start", "authorization_code");
                return await IssuedAsync(records, refreshValue, client.ClientId, code!.Logon, code.Scope, StartTokenFactory.AuthorizationCodeGrant, cancellationToken);
            case CodeRedemption.Replayed:
                Log.CodeReplayed(logger, client.ClientId);
                return StartErrors.InvalidCode;
            default:
                if (bindingError == StartErrors.InvalidCode && code?.CodeChallenge is not null)
                {
                    Log.VerifierRefused(logger, client.ClientId);
                }

                return bindingError ?? (code is not null && code.ExpiresAt <= now ? StartErrors.ExpiredCode : StartErrors.InvalidCode);
        }
    }

    private async Task<object> RefreshAsync(IFormCollection form, DspClient client, CancellationToken cancellationToken)
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

        var found = await lookup.FindAsync(value, cancellationToken);
        if (found is not { Dialect: TokenDialect.Start, Status.Token.Kind: TokenKind.Refresh } || found.Status.Grant.ClientId != client.ClientId)
        {
            return StartErrors.InvalidRefreshToken;
        }

        var status = found.Status;
        var now = time.GetUtcNow();
        if (!status.IsActive(now))
        {
            await RevokeSetOnReuseAsync(status, client);
            return StartErrors.InvalidRefreshToken;
        }

        if (!await consents.HasConsentAsync(status.Grant.Logon, client.ClientId, cancellationToken))
        {
            return StartErrors.InvalidRefreshToken;
        }

        var (records, refreshValue) = NewTokens(status.Grant.GrantId, client, now);
        if (!await grants.RotateRefreshTokenAsync(status.Token.Jti, now, records, CancellationToken.None))
        {
            // Spent between the read and now: a concurrent use of the same refresh token, so a replay.
            await RevokeSetOnReuseAsync(status with { TokenRevokedAt = now }, client);
            return StartErrors.InvalidRefreshToken;
        }

        Log.TokensIssued(logger, client.ClientId, "refresh_token");
        metrics.TokensIssued("start", "refresh_token");
        return await IssuedAsync(records, refreshValue, client.ClientId, status.Grant.Logon, status.Grant.Scope, StartTokenFactory.RefreshTokenGrant, cancellationToken);
    }

    /// <summary>A refresh token used before (rotated or revoked) presented again: the whole token set goes (build pack §2.1.4).</summary>
    private async Task RevokeSetOnReuseAsync(TokenStatus status, DspClient client)
    {
        if (status.TokenRevokedAt is not null && status.Grant.RevokedAt is null
            && await grants.RevokeGrantAsync(status.Grant.GrantId, time.GetUtcNow(), CancellationToken.None))
        {
            Log.RefreshTokenReused(logger, client.ClientId);
        }
    }

    private (IReadOnlyList<IssuedToken> Records, string? RefreshValue) NewTokens(string grantId, DspClient client, DateTimeOffset now)
    {
        var records = new List<IssuedToken> { new(Guid.NewGuid().ToString(), grantId, TokenKind.Access, now, now + options.Start.AccessTokenLifetime) };
        string? refresh = null;
        if (client.Kind == ClientKind.Cloud)
        {
            refresh = StartOpaque.NewRefreshToken();
            records.Add(new IssuedToken(StartOpaque.Hash(refresh), grantId, TokenKind.Refresh, now, now + options.Start.RefreshTokenLifetime));
        }

        return (records, refresh);
    }

    private async Task<IssuedSet> IssuedAsync(
        IReadOnlyList<IssuedToken> records, string? refreshValue, string clientId, string logon, string scope, string grant, CancellationToken cancellationToken)
    {
        var access = records.Single(r => r.Kind == TokenKind.Access);
        var subject = await users.GetSubjectAsync(logon, cancellationToken) ?? logon;
        return new IssuedSet(
            factory.CreateAccessToken(access.Jti, subject, logon, scope, clientId, grant, access.IssuedAt, access.ExpiresAt), refreshValue, scope);
    }

    private static bool VerifierMatches(string? verifier, string challenge)
    {
        // RFC 7636 §4.1: 43–128 characters of A-Z a-z 0-9 - . _ ~; S256: BASE64URL(SHA256(ASCII(verifier))).
        if (verifier is null || verifier.Length is < 43 or > 128
            || !verifier.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~'))
        {
            return false;
        }

        var computed = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(computed), Encoding.ASCII.GetBytes(challenge));
    }

    /// <summary>The common first steps: Content-Length, the form (body only), the client's credentials.</summary>
    private async Task<(IFormCollection? Form, DspClient? Client, StartError? Refusal)> ReadAsync(HttpContext context, Api api)
    {
        if (options.Start.RequireContentLength && context.Request.ContentLength is null)
        {
            return (null, null, StartErrors.ContentLengthRequired);
        }

        var (outcome, form) = await TokenRequestForm.ReadAsync(context, options.MaxTokenRequestBytes);
        switch (outcome)
        {
            case FormReadOutcome.TooLarge:
                return (null, null, new StartError(413, "invalid_request", $"Request body larger than {options.MaxTokenRequestBytes} bytes."));
            case FormReadOutcome.Malformed:
                return (null, null, new StartError(400, "invalid_request", "Invalid request format. The body is not a valid form."));
            case FormReadOutcome.WrongContentType:
                // Not a form: as if no parameter had been sent, so the missing-parameter errors say what is needed.
                form = FormCollection.Empty;
                break;
        }

        var (authentication, client) = await authenticator.AuthenticateAsync(context, form, allowFormCredentials: true);
        if (authentication == ClientAuthenticationOutcome.Authenticated)
        {
            return (form, client, null);
        }

        Log.ClientRejected(logger, api.ToString(), authentication.ToString());
        var error = (api, authentication) switch
        {
            (_, ClientAuthenticationOutcome.WrongSecret) => StartErrors.WrongSecret,

            // On the cloud endpoint the TLS client certificate must be the client's own: an authentication failure.
            (_, ClientAuthenticationOutcome.CertificateMismatch) => StartErrors.UnknownClient.AsUnauthorized(),
            (Api.Token, ClientAuthenticationOutcome.Missing) => StartErrors.NoCredentials,
            (Api.Token, ClientAuthenticationOutcome.MissingSecret) => StartErrors.MissingAuthorizationHeader,
            (Api.Token, ClientAuthenticationOutcome.MalformedHeader) => StartErrors.InvalidAuthorizationHeader,
            (Api.Token, _) => StartErrors.UnknownClient,
            (Api.Introspect, ClientAuthenticationOutcome.Missing or ClientAuthenticationOutcome.MissingSecret) => StartErrors.IntrospectionNoCredentials,
            (Api.Revoke, ClientAuthenticationOutcome.Missing) => StartErrors.RevocationNoCredentials,
            (Api.Revoke, ClientAuthenticationOutcome.MissingSecret) => new StartError(401, "invalid_client", "Invalid request format. Missing parameter: client_secret"),
            (_, ClientAuthenticationOutcome.MalformedHeader) => StartErrors.InvalidAuthorizationHeader.AsUnauthorized(),
            _ => StartErrors.UnknownClient.AsUnauthorized(),
        };
        return (null, null, error);
    }

    private sealed record IssuedSet(string AccessToken, string? RefreshToken, string Scope);

    private static partial class Log
    {
        [LoggerMessage(4001, LogLevel.Information, "START {Api} request refused: client authentication {Outcome}")]
        public static partial void ClientRejected(ILogger logger, string api, string outcome);

        [LoggerMessage(4002, LogLevel.Information, "START tokens issued to client {ClientId} ({GrantType})")]
        public static partial void TokensIssued(ILogger logger, string clientId, string grantType);

        [LoggerMessage(4003, LogLevel.Warning, "START authorisation code of client {ClientId} used twice: the tokens issued from it are revoked")]
        public static partial void CodeReplayed(ILogger logger, string clientId);

        [LoggerMessage(4004, LogLevel.Warning, "START refresh token of client {ClientId} used again: its whole token set is revoked")]
        public static partial void RefreshTokenReused(ILogger logger, string clientId);

        [LoggerMessage(4005, LogLevel.Information, "Client {ClientId} revoked one of its {Kind} tokens through START")]
        public static partial void TokenRevoked(ILogger logger, string clientId, string kind);

        [LoggerMessage(4006, LogLevel.Information, "START code of client {ClientId} refused: the code_verifier is missing or does not match the code_challenge")]
        public static partial void VerifierRefused(ILogger logger, string clientId);
    }
}
