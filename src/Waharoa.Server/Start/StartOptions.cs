using Waharoa.OAuth;
using Waharoa.Server.Endpoints;

namespace Waharoa.Server.Start;

/// <summary>Options of the START IAM dialect (<c>/gateway3/oauth/…</c>). Every default is IR's documented value.</summary>
public sealed class StartOptions
{
    /// <summary>Lifetime of an authorisation code. Default 10 minutes.</summary>
    public TimeSpan AuthorizationCodeLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Lifetime of an access token. Default 8 hours.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Lifetime of a refresh token, from its issue (each rotation starts a new one). Default 1 year.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(365);

    /// <summary>How far <c>nbf</c> lies before <c>iat</c> in an access token. Default 300 seconds, as IR's tokens.</summary>
    public TimeSpan NotBeforeSkew { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>
    /// The <c>iss</c> and <c>aud</c> of access tokens. Default: the environment profile's IR issuer (mock
    /// <c>https://oauth.test.services.ird.govt.nz/gateway3/oauth/</c>, test <c>https://test5.services.ird.govt.nz/gateway3/oauth/</c>,
    /// production <c>https://services.ird.govt.nz/gateway3/oauth/</c>).
    /// </summary>
    public string? Issuer { get; set; }

    /// <summary>Whether token, introspection and revocation requests must carry <c>Content-Length</c>, as IR requires. Default true.</summary>
    public bool RequireContentLength { get; set; } = true;

    /// <summary>How long a user's consent to a client lasts before START asks for it again. Default 1826 days (5 years, as IR).</summary>
    public TimeSpan ConsentLifetime { get; set; } = TimeSpan.FromDays(1826);

    /// <summary>
    /// Which clients must send a PKCE <c>code_challenge</c> at authorize: <c>Optional</c> (IR's documents: PKCE is
    /// optional), <c>NativeClients</c> or <c>AllClients</c> (RFC 9700 §2.1.1). Default <c>Optional</c>.
    /// </summary>
    public PkceRequirement RequirePkce { get; set; } = PkceRequirement.Optional;

    /// <summary>The issuer in force under <paramref name="environment"/>.</summary>
    public string IssuerFor(GatewayEnvironment environment) => Issuer ?? environment switch
    {
        GatewayEnvironment.Production => "https://services.ird.govt.nz/gateway3/oauth/",
        GatewayEnvironment.Test => "https://test5.services.ird.govt.nz/gateway3/oauth/",
        _ => "https://oauth.test.services.ird.govt.nz/gateway3/oauth/",
    };

    /// <summary>Throws when an option is out of range.</summary>
    public void Validate()
    {
        Policy().Validate();
        if (NotBeforeSkew < TimeSpan.Zero)
        {
            throw new ArgumentException("The START NotBeforeSkew must not be negative.");
        }
    }

    /// <summary>
    /// START's rules for the OAuth core: refresh tokens for cloud clients on the cloud endpoint (the desktop endpoint
    /// offers none, as the seed says of it, and takes none), single use (a spent one presented again
    /// revokes its set); revoking a refresh token revokes its whole set, and any token may be revoked again quietly.
    /// </summary>
    internal DialectPolicy Policy() => new(StartDialect.DialectName, AuthorizationCodeLifetime, AccessTokenLifetime, RefreshTokenLifetime)
    {
        RefreshTokens = RefreshTokenIssue.ToCloudClientsOnTheCloudEndpoint,
        SingleUseRefreshTokens = true,
        RevokingARefreshTokenRevokesItsGrant = true,
        Pkce = RequirePkce,
        ConsentLifetime = ConsentLifetime,
    };
}
