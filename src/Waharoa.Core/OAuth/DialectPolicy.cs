using Waharoa.Clients;
using Waharoa.Grants;

namespace Waharoa.OAuth;

/// <summary>
/// What a protocol dialect decides about its codes and tokens and the OAuth core applies: lifetimes, who is given
/// refresh tokens, whether a refresh token works once, and what revoking a token takes with it.
/// </summary>
/// <param name="Dialect">The dialect's name, as its <see cref="ITokenFormat.Dialect"/>.</param>
/// <param name="CodeLifetime">How long an authorisation code works.</param>
/// <param name="AccessTokenLifetime">How long an access token works.</param>
/// <param name="RefreshTokenLifetime">How long a refresh token works, from its issue.</param>
public sealed record DialectPolicy(string Dialect, TimeSpan CodeLifetime, TimeSpan AccessTokenLifetime, TimeSpan RefreshTokenLifetime)
{
    /// <summary>
    /// Which clients, on which endpoint, are given refresh tokens, and may refresh. Default cloud clients, on
    /// either endpoint.
    /// </summary>
    public RefreshTokenIssue RefreshTokens { get; init; }

    /// <summary>
    /// True when a refresh token works once: a refresh spends it, and presenting a spent one again revokes its
    /// whole grant. False when it stays usable until it expires or is revoked.
    /// </summary>
    public bool SingleUseRefreshTokens { get; init; }

    /// <summary>True when revoking a refresh token revokes its grant (every token of the set), not the one token.</summary>
    public bool RevokingARefreshTokenRevokesItsGrant { get; init; }

    /// <summary>True when only active tokens can be revoked; otherwise a revoked, spent or expired token is revoked again, quietly.</summary>
    public bool RevokesActiveTokensOnly { get; init; }

    /// <summary>How long a user's consent to a client lasts before they are asked again; null while it is not withdrawn.</summary>
    public TimeSpan? ConsentLifetime { get; init; }

    /// <summary>True when consent given <paramref name="givenAt"/> (null: none held) still holds at <paramref name="now"/>.</summary>
    public bool ConsentHolds(DateTimeOffset? givenAt, DateTimeOffset now) =>
        givenAt is { } given && (ConsentLifetime is not { } lifetime || given + lifetime > now);

    /// <summary>Which clients must send a PKCE challenge with their authorisation request. Default none must.</summary>
    public PkceRequirement Pkce { get; init; }

    /// <summary>True when <paramref name="client"/> must use PKCE.</summary>
    public bool RequiresPkce(DspClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return Pkce == PkceRequirement.AllClients || (Pkce == PkceRequirement.NativeClients && client.Kind == ClientKind.Native);
    }

    /// <summary>Throws when a lifetime is not positive.</summary>
    public void Validate()
    {
        foreach (var (name, value) in new[] { ("authorisation code", CodeLifetime), ("access token", AccessTokenLifetime), ("refresh token", RefreshTokenLifetime) })
        {
            if (value <= TimeSpan.Zero)
            {
                throw new ArgumentException($"The {Dialect} {name} lifetime must be positive.");
            }
        }

        if (ConsentLifetime <= TimeSpan.Zero)
        {
            throw new ArgumentException($"The {Dialect} consent lifetime must be positive.");
        }
    }

    /// <summary>True when <paramref name="client"/>, exchanging a code on <paramref name="endpoint"/>, is given a refresh token.</summary>
    public bool IssuesRefreshTokenTo(DspClient client, GatewayEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.Kind == ClientKind.Cloud && (RefreshTokens == RefreshTokenIssue.ToCloudClients || endpoint == GatewayEndpoint.Cloud);
    }
}
