using Microsoft.IdentityModel.JsonWebTokens;
using Waharoa.Grants;

namespace Waharoa.OAuth;

/// <summary>A presented token that Waharoa issued, with its record.</summary>
/// <param name="Status">Its record, its grant and whether either was revoked.</param>
/// <param name="Dialect">The dialect whose format it has.</param>
/// <param name="Jwt">The token as a verified JWT; null for an opaque token.</param>
public sealed record FoundToken(TokenStatus Status, string Dialect, JsonWebToken? Jwt)
{
    /// <summary>Access or refresh.</summary>
    public TokenKind Kind => Status.Token.Kind;

    /// <summary>The client the token was issued to.</summary>
    public string ClientId => Status.Grant.ClientId;
}
