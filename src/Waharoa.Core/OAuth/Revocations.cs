using Microsoft.Extensions.Logging;
using Waharoa.Clients;
using Waharoa.Grants;
using Waharoa.Storage;

namespace Waharoa.OAuth;

/// <summary>
/// Every revocation, for every dialect and management verb: of one token, a grant, a consent or a client. Each is
/// committed to the store and then told to every <see cref="IRevocationListener"/>, so that it holds at once here and,
/// through them, on every other instance.
/// </summary>
/// <remarks>
/// A revocation is cancellable until it starts; once the store has it, it runs to the end and is told, so that no
/// revocation is committed and then left unannounced.
/// </remarks>
public sealed partial class Revocations(IRevocationStore store, IEnumerable<IRevocationListener> listeners, TimeProvider time, ILogger<Revocations> logger)
{
    private readonly IRevocationListener[] _listeners = [.. listeners];

    /// <summary>Revokes one token; false when it is unknown or was revoked already.</summary>
    public async Task<bool> RevokeTokenAsync(string jti, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return await TellAsync(await store.RevokeTokenAsync(jti, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false), jti).ConfigureAwait(false);
    }

    /// <summary>Revokes a grant and every token in it; false when it is unknown or was revoked already.</summary>
    public async Task<bool> RevokeGrantAsync(string grantId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return await TellAsync(await store.RevokeGrantAsync(grantId, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false), null).ConfigureAwait(false);
    }

    /// <summary>
    /// Withdraws <paramref name="logon"/>'s consent to <paramref name="clientId"/> and revokes every grant between them;
    /// false when there was no consent (grants are revoked all the same).
    /// </summary>
    public async Task<bool> RevokeConsentAsync(string logon, string clientId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var withdrawn = await store.RevokeConsentAsync(logon, clientId, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        await TellAsync(true, null).ConfigureAwait(false);
        return withdrawn;
    }

    /// <summary>Removes a client and revokes every grant it holds; false when there was no such client (grants are revoked all the same).</summary>
    public async Task<bool> RemoveClientAsync(string clientId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var removed = await store.RemoveClientAsync(clientId, time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        await TellAsync(true, null).ConfigureAwait(false);
        return removed;
    }

    /// <summary>
    /// A client asks to revoke a token it presented (<paramref name="found"/>, null when it is none of ours), as
    /// <paramref name="policy"/> says: only its own tokens; only active ones where the dialect says so; a refresh token
    /// with its whole grant where the dialect says so. True when this call revoked something.
    /// </summary>
    public async Task<bool> RevokePresentedAsync(FoundToken? found, DspClient client, DialectPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(policy);
        if (found is null || found.ClientId != client.ClientId || (policy.RevokesActiveTokensOnly && !found.Status.IsActive(time.GetUtcNow())))
        {
            return false;
        }

        var revoked = found.Kind == TokenKind.Refresh && policy.RevokingARefreshTokenRevokesItsGrant
            ? await RevokeGrantAsync(found.Status.Grant.GrantId, CancellationToken.None).ConfigureAwait(false)
            : await RevokeTokenAsync(found.Status.Token.Jti, CancellationToken.None).ConfigureAwait(false);
        if (revoked)
        {
            Log.TokenRevoked(logger, client.ClientId, found.Kind.ToString(), policy.Dialect);
        }

        return revoked;
    }

    /// <summary>A single-use token was spent by a refresh: caches must stop taking it.</summary>
    internal Task SpentAsync(string jti) => TellAsync(true, jti);

    private async Task<bool> TellAsync(bool revoked, string? jti)
    {
        if (revoked)
        {
            foreach (var listener in _listeners)
            {
                await listener.TokensRevokedAsync(jti).ConfigureAwait(false);
            }
        }

        return revoked;
    }

    private static partial class Log
    {
        [LoggerMessage(2004, LogLevel.Information, "Client {ClientId} revoked one of its {Kind} tokens through {Dialect}")]
        public static partial void TokenRevoked(ILogger logger, string clientId, string kind, string dialect);
    }
}
