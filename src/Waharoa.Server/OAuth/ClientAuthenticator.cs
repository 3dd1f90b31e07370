using System.Security.Cryptography;
using System.Text;
using Waharoa.Certificates;
using Waharoa.Clients;
using Waharoa.Grants;
using Waharoa.Security;
using Waharoa.Server.Endpoints;
using Waharoa.Storage;

namespace Waharoa.Server.OAuth;

/// <summary>
/// Authenticates the client of a token request: HTTP Basic in <c>Authorization</c> (or the xIAMS samples'
/// <c>Authentication</c> spelling), or <c>client_id</c>/<c>client_secret</c> form fields where a dialect allows
/// them; on the cloud endpoint the TLS client certificate must be the one enrolled for that client. Basic
/// credentials are form-urlencoded before base64 (RFC 6749 §2.3.1) and are decoded; a client that sends them
/// unencoded still authenticates when the decoded pair does not. Repeated failures of one client id from one address
/// lock that address out (<see cref="ClientAuthenticationLockout"/>).
/// </summary>
internal sealed partial class ClientAuthenticator(IClientStore clients, ClientAuthenticationLockout lockout, ILogger<ClientAuthenticator> logger)
{
    private static readonly string DummySecretHash = SecretHasher.Hash(Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)));

    public async Task<(ClientAuthenticationOutcome Outcome, DspClient? Client)> AuthenticateAsync(HttpContext context, IFormCollection? form, bool allowFormCredentials)
    {
        var (headerSent, credentials) = ReadBasic(context.Request);
        if (headerSent && credentials is null)
        {
            return (ClientAuthenticationOutcome.MalformedHeader, null);
        }

        (string ClientId, string Secret)[] candidates;
        if (credentials is { } basic)
        {
            candidates = Decoded(basic) is var decoded && decoded != basic ? [decoded, basic] : [basic];
        }
        else if (allowFormCredentials && form is not null && form["client_id"].Count == 1)
        {
            if (form["client_secret"].Count != 1)
            {
                return (ClientAuthenticationOutcome.MissingSecret, null);
            }

            candidates = [(form["client_id"].ToString(), form["client_secret"].ToString())];
        }
        else
        {
            candidates = [];
        }

        if (candidates.Length == 0 || candidates[0].ClientId.Length == 0)
        {
            return (ClientAuthenticationOutcome.Missing, null);
        }

        // Locked out: answered as a wrong secret, without looking at it, so guessing on learns nothing.
        var key = ClientAuthenticationLockout.Key(candidates[0].ClientId, context.Connection.RemoteIpAddress);
        if (await lockout.IsLockedAsync(key, context.RequestAborted))
        {
            Log.LockedOut(logger);
            return (ClientAuthenticationOutcome.WrongSecret, null);
        }

        var outcome = await AuthenticateAsync(context, candidates[0]);
        if (candidates.Length > 1 && outcome.Outcome is ClientAuthenticationOutcome.UnknownClient or ClientAuthenticationOutcome.WrongSecret)
        {
            outcome = await AuthenticateAsync(context, candidates[1]);
        }

        if (outcome.Outcome is ClientAuthenticationOutcome.UnknownClient or ClientAuthenticationOutcome.WrongSecret)
        {
            await lockout.RecordFailureAsync(key, CancellationToken.None);
        }

        return outcome;
    }

    private async Task<(ClientAuthenticationOutcome Outcome, DspClient? Client)> AuthenticateAsync(HttpContext context, (string ClientId, string Secret) pair)
    {
        var client = await clients.FindClientAsync(pair.ClientId, context.RequestAborted);

        // Verify against a dummy hash for unknown clients so both answers take the same time.
        var secretMatches = SecretHasher.Verify(client?.SecretHash ?? DummySecretHash, pair.Secret);
        if (client is null)
        {
            return (ClientAuthenticationOutcome.UnknownClient, null);
        }

        if (!secretMatches)
        {
            return (ClientAuthenticationOutcome.WrongSecret, null);
        }

        if (context.GetGatewayEndpoint() == GatewayEndpoint.Cloud && !HasEnrolledCertificate(context, client))
        {
            return (ClientAuthenticationOutcome.CertificateMismatch, null);
        }

        return (ClientAuthenticationOutcome.Authenticated, client);
    }

    private static bool HasEnrolledCertificate(HttpContext context, DspClient client)
    {
        // The TLS handshake has already checked that it chains to a trusted CA.
        var certificate = context.Connection.ClientCertificate;
        return certificate is not null && CertificateIdentity.Of(certificate) is var identity && client.AcceptsCertificate(identity.Sha256Thumbprint, identity.CommonName);
    }

    /// <summary>The form-urlencoded credentials decoded (a malformed escape stays as it was).</summary>
    private static (string ClientId, string Secret) Decoded((string ClientId, string Secret) basic) =>
        (Uri.UnescapeDataString(basic.ClientId.Replace('+', ' ')), Uri.UnescapeDataString(basic.Secret.Replace('+', ' ')));

    /// <summary>Whether an authorization header was sent, and its credentials when it is well-formed HTTP Basic.</summary>
    private static (bool Sent, (string ClientId, string Secret)? Credentials) ReadBasic(HttpRequest request)
    {
        var header = request.Headers.Authorization.Count > 0 ? request.Headers.Authorization.ToString()
            : request.Headers["Authentication"].Count > 0 ? request.Headers["Authentication"].ToString()
            : null;
        if (header is null)
        {
            return (false, null);
        }

        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) || header.Contains(',', StringComparison.Ordinal))
        {
            return (true, null);
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return (true, colon < 0 ? null : (decoded[..colon], decoded[(colon + 1)..]));
        }
        catch (FormatException)
        {
            return (true, null);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(4010, LogLevel.Warning, "Client authentication refused: too many failures for this client id from this address")]
        public static partial void LockedOut(ILogger logger);
    }
}
