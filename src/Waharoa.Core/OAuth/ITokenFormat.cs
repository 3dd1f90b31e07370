using Microsoft.IdentityModel.JsonWebTokens;
using Waharoa.Grants;

namespace Waharoa.OAuth;

/// <summary>
/// The form of one dialect's access and refresh tokens, as the dialect registers it: how a new token is named in
/// the store, and how a presented token is recognised. The OAuth core and the gateway recognise any registered
/// dialect's tokens through it, without naming a dialect.
/// </summary>
public interface ITokenFormat
{
    /// <summary>The dialect that issues these tokens.</summary>
    string Dialect { get; }

    /// <summary>
    /// A new token of <paramref name="kind"/>: the key the store records it under and, for an opaque token, its wire
    /// value. A token without a wire value is a JWT the dialect signs, with the key as its <c>jti</c>.
    /// </summary>
    TokenHandle NewToken(TokenKind kind);

    /// <summary>
    /// What <paramref name="value"/> is when it has this format's shape: its kind and store key; null otherwise.
    /// <paramref name="jwt"/> is the value read as a JWT, when it is one; its signature is checked by the caller.
    /// </summary>
    RecognisedToken? Recognise(string value, JsonWebToken? jwt);
}
