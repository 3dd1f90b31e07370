using Waharoa.OAuth;

namespace Waharoa.Server.Xiams;

/// <summary>The xIAMS dialect (<c>/ms_oauth/…</c>). Every default is IR's (the seed documents and build pack v2.8).</summary>
public sealed class XiamsOptions
{
    /// <summary>Lifetime of an authorisation code. Default 15 minutes.</summary>
    public TimeSpan AuthorizationCodeLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Lifetime of an access token. Default 8 hours.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Lifetime of a refresh token. Default 6 months (183 days).</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(183);

    /// <summary>The <c>iss</c> of xIAMS tokens. Default <c>InlandRevenue</c>.</summary>
    public string Issuer { get; set; } = "InlandRevenue";

    /// <summary>Throws when an option is out of range.</summary>
    public void Validate() => Policy().Validate();

    /// <summary>
    /// xIAMS's rules for the OAuth core: refresh tokens for cloud clients on the cloud endpoint, usable until they expire
    /// or are deleted; delete takes one active token.
    /// </summary>
    internal DialectPolicy Policy() => new(XiamsDialect.DialectName, AuthorizationCodeLifetime, AccessTokenLifetime, RefreshTokenLifetime)
    {
        RefreshTokens = RefreshTokenIssue.ToCloudClientsOnTheCloudEndpoint,
        RevokesActiveTokensOnly = true,
    };
}
