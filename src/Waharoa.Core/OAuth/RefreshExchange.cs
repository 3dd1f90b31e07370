using Microsoft.Extensions.Logging;
using Waharoa.Clients;
using Waharoa.Grants;
using Waharoa.Storage;

namespace Waharoa.OAuth;

/// <summary>
/// The refresh grant, for every dialect: a refresh token of the dialect's own format, of the client presenting it,
/// active, with the user's consent standing, presented where the dialect gives that client refresh tokens, buys a
/// new token set in the same grant. Where the dialect's refresh
/// tokens work once, the refresh spends the token, and a spent token presented again revokes its whole grant.
/// </summary>
public sealed partial class RefreshExchange(
    IssuedTokens issued, IConsentStore consents, IGrantStore grants, TokenMint mint, Revocations revocations, TimeProvider time, ILogger<RefreshExchange> logger)
{
    /// <summary>Refreshes with the token <paramref name="presented"/> on behalf of <paramref name="client"/>, on <paramref name="endpoint"/>.</summary>
    public async Task<GrantOutcome> RefreshAsync(string presented, DspClient client, GatewayEndpoint endpoint, DialectPolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(policy);

        // Where no refresh token is given, none is taken: a refresh token stolen from a cloud client is of no use
        // without its private key.
        if (!policy.IssuesRefreshTokenTo(client, endpoint))
        {
            return GrantOutcome.Refused(GrantRefusal.RefreshNotOffered);
        }

        var found = await issued.FindAsync(presented, cancellationToken).ConfigureAwait(false);
        if (found is not { Kind: TokenKind.Refresh } || found.Dialect != policy.Dialect || found.ClientId != client.ClientId)
        {
            return GrantOutcome.Refused(GrantRefusal.UnknownToken);
        }

        var status = found.Status;
        var now = time.GetUtcNow();
        if (!status.IsActive(now))
        {
            if (policy.SingleUseRefreshTokens && status.TokenRevokedAt is not null && status.Grant.RevokedAt is null)
            {
                await ReusedAsync(status.Grant.GrantId, client, policy).ConfigureAwait(false);
            }

            return GrantOutcome.Refused(GrantRefusal.TokenNotActive);
        }

        // Consent withdrawn revokes the grant in the same transaction; this catches a consent a seed or an older
        // release removed on its own, and one that has lapsed under the dialect's consent lifetime.
        if (!policy.ConsentHolds(await consents.FindConsentAsync(status.Grant.Logon, client.ClientId, cancellationToken).ConfigureAwait(false), now))
        {
            return GrantOutcome.Refused(GrantRefusal.ConsentWithdrawn);
        }

        // The renewal is conditional in the store: a token revoked or spent since it was read (on any instance, past
        // any cache) buys nothing, and of concurrent refreshes with a single-use token exactly one wins.
        var tokens = mint.Mint(status.Grant, policy, policy.IssuesRefreshTokenTo(client, endpoint), now);
        var single = policy.SingleUseRefreshTokens;
        if (!await grants.RenewAsync(status.Token.Jti, now, tokens.Records, spend: single, CancellationToken.None).ConfigureAwait(false))
        {
            if (single)
            {
                await ReusedAsync(status.Grant.GrantId, client, policy).ConfigureAwait(false);
            }

            return GrantOutcome.Refused(GrantRefusal.TokenNotActive);
        }

        if (single)
        {
            await revocations.SpentAsync(status.Token.Jti).ConfigureAwait(false);
        }

        return GrantOutcome.Issued(tokens);
    }

    /// <summary>A single-use refresh token used again (build pack §2.1.4): the whole token set goes.</summary>
    private async Task ReusedAsync(string grantId, DspClient client, DialectPolicy policy)
    {
        if (await revocations.RevokeGrantAsync(grantId, CancellationToken.None).ConfigureAwait(false))
        {
            Log.RefreshTokenReused(logger, policy.Dialect, client.ClientId);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(4004, LogLevel.Warning, "{Dialect} refresh token of client {ClientId} used again: its whole token set is revoked")]
        public static partial void RefreshTokenReused(ILogger logger, string dialect, string clientId);
    }
}
