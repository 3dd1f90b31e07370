namespace Waharoa.Grants;

/// <summary>One authorisation: a user's consent turned into a token set for one client.</summary>
/// <param name="GrantId">Identifier of the grant.</param>
/// <param name="ClientId">The client the grant was issued to.</param>
/// <param name="Logon">The myIR user who authorised it.</param>
/// <param name="Scope">The granted scope.</param>
/// <param name="Endpoint">The endpoint the code was exchanged on.</param>
/// <param name="CreatedAt">When the grant was made.</param>
/// <param name="RevokedAt">When the grant was revoked, if it was.</param>
public sealed record Grant(
    string GrantId,
    string ClientId,
    string Logon,
    string Scope,
    GatewayEndpoint Endpoint,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt);
