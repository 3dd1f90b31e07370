using Waharoa.Certificates;
using Waharoa.Clients;
using Waharoa.Grants;
using Waharoa.OAuth;
using Waharoa.Storage;

namespace Waharoa.Server.Gateway;

/// <summary>
/// Who a gateway call is from: on cloud, the DSP its client certificate is enrolled for; then the caller, by an OAuth
/// access token of any dialect (<c>Authorization: Bearer …</c>) or, on cloud only, an M2M JWT sent bare.
/// </summary>
internal sealed partial class GatewayAuthentication(IClientStore clients, IssuedTokens issued, M2mJwtVerifier m2m, ILogger<GatewayAuthentication> logger)
{
    /// <summary>The caller, or why not; and on cloud the DSP the client certificate names, even when the token fails.</summary>
    public async Task<(GatewayCaller? Caller, GatewayError? Error, DspClient? CertificateClient)> AuthenticateAsync(HttpContext context, GatewayEndpoint endpoint)
    {
        DspClient? certificateClient = null;
        var certificate = context.Connection.ClientCertificate;
        if (endpoint == GatewayEndpoint.Cloud)
        {
            certificateClient = certificate is null ? null
                : await clients.FindClientByCertificateAsync(CertificateFiles.Sha256Thumbprint(certificate), context.RequestAborted);
            if (certificateClient is null)
            {
                Log.UnknownCertificate(logger, certificate?.Subject ?? "(none)");
                return (null, GatewayErrors.NotEnrolled, null);
            }
        }

        var authorization = context.Request.Headers.Authorization;
        if (authorization.Count != 1 || string.IsNullOrWhiteSpace(authorization.ToString()))
        {
            return (null, GatewayErrors.MissingToken, certificateClient);
        }

        var value = authorization.ToString().Trim();
        if (value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var token = await issued.FindActiveAsync(value["Bearer ".Length..].Trim(), TokenKind.Access, clientId: null, context.RequestAborted);
            if (token is null)
            {
                return (null, GatewayErrors.InvalidToken, certificateClient);
            }

            var client = certificateClient ?? await clients.FindClientAsync(token.ClientId, context.RequestAborted);
            if (client is null || client.ClientId != token.ClientId)
            {
                return (null, GatewayErrors.InvalidToken, certificateClient);
            }

            return (new GatewayCaller(client, endpoint, token.Status.Grant.Logon, "bearer"), null, certificateClient);
        }

        // An M2M JWT goes bare in the header (no "Bearer"), and only over the cloud endpoint's mutual TLS.
        if (endpoint != GatewayEndpoint.Cloud || certificateClient is null || value.Contains(' ', StringComparison.Ordinal))
        {
            return (null, GatewayErrors.InvalidToken, certificateClient);
        }

        var (valid, startLogon) = await m2m.VerifyAsync(value, certificate!);
        return valid
            ? (new GatewayCaller(certificateClient, endpoint, startLogon, "m2m"), null, certificateClient)
            : (null, GatewayErrors.InvalidToken, certificateClient);
    }

    private static partial class Log
    {
        [LoggerMessage(3004, LogLevel.Warning, "Client certificate {Subject} is not enrolled for any client: refused with EV1020")]
        public static partial void UnknownCertificate(ILogger logger, string subject);
    }
}
