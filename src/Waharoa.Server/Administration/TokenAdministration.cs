using Waharoa.Grants;
using Waharoa.OAuth;
using Waharoa.Storage;

namespace Waharoa.Server.Administration;

/// <summary>
/// Users' consents and the grants and tokens made of them: what is live, by user and by client, and revoking one token, a
/// grant, a consent or everything a user holds. Revocations go through the OAuth core's <see cref="Revocations"/>, so they
/// hold at once on this instance and reach the others as every revocation does. Token values are never kept, so never
/// shown: a token is known by its id (its <c>jti</c>; for a START refresh token, the hash it is stored under).
/// </summary>
public sealed class TokenAdministration(IConsentStore consents, Revocations revocations, TimeProvider time)
{
    /// <summary>The most tokens one listing returns.</summary>
    public const int MostTokens = 1000;

    /// <summary>The consents held, of <paramref name="user"/> (any case) and <paramref name="client"/> when given.</summary>
    public async Task<IReadOnlyList<ConsentView>> ListConsentsAsync(string? user, string? client, CancellationToken cancellationToken)
    {
        var all = await consents.ListConsentsAsync(cancellationToken).ConfigureAwait(false);
        return [.. all
            .Where(c => (user is null || SameLogon(c.Logon, user)) && (client is null || string.Equals(c.ClientId, client, StringComparison.Ordinal)))
            .Select(c => new ConsentView(c.Logon, c.ClientId, c.GrantedAt))];
    }

    /// <summary>
    /// The live grants (with their live tokens, newest first) of <paramref name="user"/> and <paramref name="client"/> when
    /// given; at most <paramref name="limit"/> tokens.
    /// </summary>
    public async Task<IReadOnlyList<GrantView>> ListGrantsAsync(string? user, string? client, int limit, CancellationToken cancellationToken)
    {
        var tokens = await consents.ListActiveTokensAsync(user, client, time.GetUtcNow(), Math.Clamp(limit, 1, MostTokens), cancellationToken).ConfigureAwait(false);
        return [.. tokens
            .GroupBy(t => t.Grant.GrantId, StringComparer.Ordinal)
            .Select(g =>
            {
                var grant = g.First().Grant;
                return new GrantView(
                    grant.GrantId, grant.ClientId, grant.Logon, grant.Scope, grant.Endpoint == GatewayEndpoint.Cloud ? "cloud" : "desktop", grant.CreatedAt,
                    [.. g.Select(t => new TokenView(t.Token.Jti, t.Token.Kind == TokenKind.Access ? "access" : "refresh", t.Token.IssuedAt, t.Token.ExpiresAt))]);
            })];
    }

    /// <summary>Revokes one token; false when no live token has that id.</summary>
    public Task<bool> RevokeTokenAsync(string id, CancellationToken cancellationToken) => revocations.RevokeTokenAsync(id, cancellationToken);

    /// <summary>Revokes a grant and every token in it; false when no live grant has that id.</summary>
    public Task<bool> RevokeGrantAsync(string id, CancellationToken cancellationToken) => revocations.RevokeGrantAsync(id, cancellationToken);

    /// <summary>
    /// Withdraws <paramref name="user"/>'s consent to <paramref name="client"/> and revokes their grants; false when there
    /// was no consent (their grants are revoked all the same).
    /// </summary>
    public Task<bool> RevokeConsentAsync(string user, string client, CancellationToken cancellationToken) =>
        revocations.RevokeConsentAsync(user, client, cancellationToken);

    /// <summary>Withdraws every consent <paramref name="user"/> gave and revokes every grant they hold.</summary>
    public async Task<UserRevocation> RevokeUserAsync(string user, CancellationToken cancellationToken)
    {
        var withdrawn = 0;
        foreach (var consent in await ListConsentsAsync(user, null, cancellationToken).ConfigureAwait(false))
        {
            withdrawn += await revocations.RevokeConsentAsync(consent.User, consent.Client, cancellationToken).ConfigureAwait(false) ? 1 : 0;
        }

        // Grants outlive a consent only when made without one; each is revoked on its own.
        var grants = 0;
        while (await consents.ListActiveTokensAsync(user, null, time.GetUtcNow(), MostTokens, cancellationToken).ConfigureAwait(false) is { Count: > 0 } left)
        {
            var before = grants;
            foreach (var grantId in left.Select(t => t.Grant.GrantId).Distinct(StringComparer.Ordinal))
            {
                grants += await revocations.RevokeGrantAsync(grantId, cancellationToken).ConfigureAwait(false) ? 1 : 0;
            }

            if (grants == before)
            {
                break;
            }
        }

        return new UserRevocation(user, withdrawn, grants);
    }

    // Logons match ignoring the case of ASCII letters, as the store matches them.
    private static bool SameLogon(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}

/// <summary>A consent: <paramref name="User"/> (the myIR logon) consented to <paramref name="Client"/> at <paramref name="GrantedAt"/>.</summary>
public sealed record ConsentView(string User, string Client, DateTimeOffset GrantedAt);

/// <summary>
/// A live grant: its id, client, user, scope, the gateway endpoint (<c>cloud</c> or <c>desktop</c>) its code was exchanged
/// on, when it was made, and its live tokens.
/// </summary>
public sealed record GrantView(string Id, string Client, string User, string Scope, string Endpoint, DateTimeOffset CreatedAt, IReadOnlyList<TokenView> Tokens);

/// <summary>A live token: its id (never its value), kind (<c>access</c> or <c>refresh</c>), when it was issued and when it expires.</summary>
public sealed record TokenView(string Id, string Kind, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt);

/// <summary>What revoking everything of <paramref name="User"/> did: consents withdrawn, grants revoked beyond those.</summary>
public sealed record UserRevocation(string User, int ConsentsWithdrawn, int GrantsRevoked);
