using Microsoft.Extensions.Logging;
using Waharoa.Clients;
using Waharoa.Grants;
using Waharoa.Storage;

namespace Waharoa.OAuth;

/// <summary>
/// Authorisation codes, for every dialect: issued once the user has consented, exchanged once for a grant and its
/// first tokens. A code works once: presented again, it revokes the grant it made.
/// </summary>
public sealed partial class CodeExchange(ICodeStore codes, TokenMint mint, Revocations revocations, TimeProvider time, ILogger<CodeExchange> logger)
{
    /// <summary>Stores a code with id <paramref name="codeId"/> (its dialect's store key) for <paramref name="request"/>.</summary>
    public async Task<AuthorizationCode> IssueAsync(string codeId, CodeRequest request, DialectPolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(policy);
        var now = time.GetUtcNow();
        var code = new AuthorizationCode(codeId, request.ClientId, request.Logon, request.RedirectUri, request.Scope, now, now + policy.CodeLifetime)
        {
            CodeChallenge = request.CodeChallenge,
        };
        await codes.AddCodeAsync(code, cancellationToken).ConfigureAwait(false);
        return code;
    }

    /// <summary>
    /// Exchanges <paramref name="presented"/> for a new grant of <paramref name="client"/>, in IR's order: an unknown code;
    /// a used one (which revokes the grant it made); an expired one; another client's; another redirect URI; a verifier
    /// that does not match the code's PKCE challenge, or one sent for a code issued without a challenge, or none where
    /// the dialect requires PKCE of the client. A refused code stays as it was.
    /// </summary>
    public async Task<GrantOutcome> ExchangeAsync(PresentedCode presented, DspClient client, GatewayEndpoint endpoint, DialectPolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(presented);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(policy);
        var stored = await codes.FindCodeAsync(presented.CodeId, cancellationToken).ConfigureAwait(false);
        if (stored is null)
        {
            return GrantOutcome.Refused(GrantRefusal.UnknownCode);
        }

        if (stored.IsUsed)
        {
            return await ReplayedAsync(stored.GrantId, client, policy).ConfigureAwait(false);
        }

        var now = time.GetUtcNow();
        var refusal = Binding(stored.Code, presented, client, policy, now);
        if (refusal != GrantRefusal.None)
        {
            if (refusal == GrantRefusal.VerifierMismatch)
            {
                Log.VerifierRefused(logger, policy.Dialect, client.ClientId);
            }

            return GrantOutcome.Refused(refusal);
        }

        var grant = new Grant(Guid.NewGuid().ToString(), client.ClientId, stored.Code.Logon, stored.Code.Scope, endpoint, now, null);
        var tokens = mint.Mint(grant, policy, policy.IssuesRefreshTokenTo(client, endpoint), now);
        var use = await codes.UseCodeAsync(presented.CodeId, now, grant, tokens.Records, cancellationToken).ConfigureAwait(false);
        return use.Outcome switch
        {
            CodeUseOutcome.Redeemed => GrantOutcome.Issued(tokens),

            // Used by a concurrent exchange since it was read: a replay like any other.
            CodeUseOutcome.Replayed => await ReplayedAsync(use.EarlierGrantId, client, policy).ConfigureAwait(false),
            _ => GrantOutcome.Refused(GrantRefusal.UnknownCode),
        };
    }

    private static GrantRefusal Binding(AuthorizationCode code, PresentedCode presented, DspClient client, DialectPolicy policy, DateTimeOffset now) =>
        code.ExpiresAt <= now ? GrantRefusal.CodeExpired
        : !string.Equals(code.ClientId, client.ClientId, StringComparison.Ordinal) ? GrantRefusal.CodeOfAnotherClient
        : !string.Equals(code.RedirectUri, presented.RedirectUri, StringComparison.Ordinal) ? GrantRefusal.RedirectUriMismatch
        : code.CodeChallenge is { } challenge ? (Pkce.Matches(presented.CodeVerifier, challenge) ? GrantRefusal.None : GrantRefusal.VerifierMismatch)

        // A verifier for a code issued without a challenge is a PKCE downgrade (RFC 9700 §2.1.1): someone stripped the
        // challenge from the authorisation request, or the client is confused. A code the policy says needed one, too.
        : presented.CodeVerifier is not null || policy.RequiresPkce(client) ? GrantRefusal.VerifierMismatch
        : GrantRefusal.None;

    private async Task<GrantOutcome> ReplayedAsync(string? grantId, DspClient client, DialectPolicy policy)
    {
        // Not cancellable: a replay is a sign the code leaked, and the grant it made must go whatever the caller does.
        if (grantId is not null && await revocations.RevokeGrantAsync(grantId, CancellationToken.None).ConfigureAwait(false))
        {
            Log.CodeReplayed(logger, policy.Dialect, client.ClientId);
        }

        return GrantOutcome.Refused(GrantRefusal.CodeReplayed);
    }

    private static partial class Log
    {
        [LoggerMessage(2003, LogLevel.Warning, "{Dialect} authorisation code of client {ClientId} used twice: the grant it made is revoked")]
        public static partial void CodeReplayed(ILogger logger, string dialect, string clientId);

        [LoggerMessage(4006, LogLevel.Information, "{Dialect} code of client {ClientId} refused: the code_verifier is missing, does not match the code_challenge, or was sent for a code issued without one")]
        public static partial void VerifierRefused(ILogger logger, string dialect, string clientId);
    }
}
