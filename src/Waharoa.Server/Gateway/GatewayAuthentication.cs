using Waharoa.Calls;
using Waharoa.Certificates;
using Waharoa.Server.Calls;
using Waharoa.Clients;
using Waharoa.Grants;
using Waharoa.OAuth;
using Waharoa.Delegation;
using Waharoa.Storage;
using Waharoa.Users;

namespace Waharoa.Server.Gateway;

/// <summary>
/// Who a gateway call is from: on cloud, the DSP its client certificate is enrolled for; then the caller, by an OAuth
/// access token of any dialect (<c>Authorization: Bearer …</c>) or, on cloud only, an M2M JWT sent bare.
/// </summary>
internal sealed partial class GatewayAuthentication(
    IClientStore clients,
    IUserStore users,
    DelegationModel delegation,
    GatewayOptions options,
    IssuedTokens issued,
    M2mJwtVerifier m2m,
    TimeProvider time,
    ILogger<GatewayAuthentication> logger)
{
    /// <summary>The caller, or why not; and on cloud the DSP the client certificate names, even when the token fails.</summary>
    public async Task<(GatewayCaller? Caller, GatewayError? Error, DspClient? CertificateClient)> AuthenticateAsync(HttpContext context, GatewayEndpoint endpoint)
    {
        DspClient? certificateClient = null;
        var certificate = context.Connection.ClientCertificate;
        if (endpoint == GatewayEndpoint.Cloud)
        {
            // UnenrolledCertificateMiddleware has looked the certificate up already, before the call's other work.
            certificateClient = context.Features.Get<CertificateClientFeature>() is { } found ? found.Client
                : certificate is null ? null
                : CertificateIdentity.Of(certificate) is var identity
                    ? await clients.FindClientByCertificateAsync(identity.Sha256Thumbprint, identity.CommonName, context.RequestAborted) : null;
            if (certificateClient is null)
            {
                Log.UnknownCertificate(logger, certificate?.Subject ?? "(none)");
                context.CallNotes().Reason = certificate is null
                    ? "No client certificate was presented on the cloud endpoint."
                    : "The client certificate is not enrolled for any client (or an operator disabled its client).";
                return (null, GatewayErrors.NotEnrolled, null);
            }
        }

        var authorization = context.Request.Headers.Authorization;
        if (authorization.Count != 1 || string.IsNullOrWhiteSpace(authorization.ToString()))
        {
            context.CallNotes().Reason = "The call carries no token (no Authorization header).";
            return (null, GatewayErrors.MissingToken, certificateClient);
        }

        var value = authorization.ToString().Trim();
        if (value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            // The token is looked up where it stands in the header (a token of kilobytes is not copied on every call).
            var presented = value.AsMemory("Bearer ".Length).Trim();
            var token = await issued.FindActiveAsync(presented, TokenKind.Access, clientId: null, context.RequestAborted);
            if (token is null)
            {
                await NoteInactiveTokenAsync(context, presented.ToString());
                return (null, GatewayErrors.InvalidToken, certificateClient);
            }

            var client = certificateClient ?? await clients.FindClientAsync(token.ClientId, context.RequestAborted);
            if (client is null || client.ClientId != token.ClientId)
            {
                context.CallNotes().Reason = client is null
                    ? "The access token's client is disabled (or no longer registered)."
                    : "The access token was issued to another client than the one the client certificate is enrolled for.";
                return (null, GatewayErrors.InvalidToken, certificateClient);
            }

            return (new GatewayCaller(client, endpoint, token.Status.Grant.Logon, GatewayCaller.Bearer), null, certificateClient);
        }

        // An M2M JWT goes bare in the header (no "Bearer"), and only over the cloud endpoint's mutual TLS.
        if (endpoint != GatewayEndpoint.Cloud || certificateClient is null || value.Contains(' ', StringComparison.Ordinal))
        {
            context.CallNotes().Reason = endpoint != GatewayEndpoint.Cloud
                ? "The Authorization header is not a bearer token; an M2M JWT is taken on the cloud endpoint only."
                : "The Authorization header is neither a bearer token nor an M2M JWT.";
            return (null, GatewayErrors.InvalidToken, certificateClient);
        }

        var (valid, startLogon) = await m2m.VerifyAsync(value, certificateClient, certificate!);
        if (!valid)
        {
            context.CallNotes().Reason = "The M2M JWT was refused: not signed by the client's enrolled signing certificate, or its header, iat or exp not as IR requires (exp at most 8 hours after iat, not past).";
            return (null, GatewayErrors.InvalidToken, certificateClient);
        }

        if (startLogon is null)
        {
            return (new GatewayCaller(certificateClient, endpoint, null, GatewayCaller.M2m), null, certificateClient);
        }

        var user = await StartLogonUserAsync(startLogon, certificateClient, context.RequestAborted);
        if (user is null)
        {
            context.CallNotes().Reason = "The M2M JWT's startLogon names no myIR logon the client may act for.";
        }

        return user is not null
            ? (new GatewayCaller(certificateClient, endpoint, user.Logon, GatewayCaller.M2m), null, certificateClient)
            : (null, GatewayErrors.InvalidToken, certificateClient);
    }

    /// <summary>Why a bearer token was not taken, for the call record: expired, revoked, or not one Waharoa issued. Read on refusal only.</summary>
    private async Task NoteInactiveTokenAsync(HttpContext context, string value)
    {
        var notes = context.CallNotes();
        var found = await issued.FindAsync(value, context.RequestAborted);
        if (found is null)
        {
            notes.Reason = "The access token is not one Waharoa issued (or not a token at all).";
            return;
        }

        notes.ClientId ??= found.ClientId;
        notes.Logon ??= found.Status.Grant.Logon;
        if (found.Status.TokenRevokedAt is not null || found.Status.Grant.RevokedAt is not null)
        {
            notes.Flag(CallFlags.TokenRevoked);
            notes.Reason = "The access token has been revoked.";
        }
        else if (found.Status.Token.ExpiresAt <= time.GetUtcNow())
        {
            notes.Flag(CallFlags.TokenExpired);
            notes.Reason = "The access token has expired.";
        }
        else
        {
            notes.Reason = "The token is not an access token.";
        }
    }

    /// <summary>The myIR user an M2M JWT's <c>startLogon</c> names, when it exists (and, if the rule says, is related to the DSP).</summary>
    private async Task<MyIrUser?> StartLogonUserAsync(string startLogon, DspClient client, CancellationToken cancellationToken)
    {
        var user = await users.FindUserAsync(startLogon, cancellationToken);
        if (user is null)
        {
            Log.UnknownStartLogon(logger, client.ClientId);
            return null;
        }

        if (options.M2mStartLogon == StartLogonRule.RelatedToTheDsp
            && (client.CustomerIrd is null || !await delegation.RepresentsAsync(user.Logon, client.CustomerIrd, cancellationToken)))
        {
            Log.UnrelatedStartLogon(logger, client.ClientId);
            return null;
        }

        return user;
    }

    private static partial class Log
    {
        [LoggerMessage(3004, LogLevel.Warning, "Client certificate {Subject} is not enrolled for any client: refused with EV1020")]
        public static partial void UnknownCertificate(ILogger logger, string subject);

        [LoggerMessage(3009, LogLevel.Information, "M2M JWT of client {ClientId} refused with EV1020: its startLogon names no myIR logon")]
        public static partial void UnknownStartLogon(ILogger logger, string clientId);

        [LoggerMessage(3010, LogLevel.Information, "M2M JWT of client {ClientId} refused with EV1020: its startLogon has no relationship with the DSP")]
        public static partial void UnrelatedStartLogon(ILogger logger, string clientId);
    }
}
