using Microsoft.IdentityModel.JsonWebTokens;
using Waharoa.Grants;
using Waharoa.Server.Start;
using Waharoa.Server.Xiams;
using Waharoa.Storage;
using Waharoa.Tokens;

namespace Waharoa.Server.Authorization;

/// <summary>Which dialect issued a token.</summary>
internal enum TokenDialect
{
    /// <summary>xIAMS (<c>/ms_oauth/…</c>): RS512 JWTs with <c>oracle.oauth.tk_context</c>.</summary>
    Xiams,

    /// <summary>START IAM (<c>/gateway3/oauth/…</c>): <c>at-JWT</c> access tokens, opaque refresh tokens.</summary>
    Start,
}

/// <summary>A token Waharoa issued, as the store knows it; <see cref="Jwt"/> is null for START's opaque refresh tokens.</summary>
internal sealed record FoundToken(TokenStatus Status, TokenDialect Dialect, JsonWebToken? Jwt);

/// <summary>
/// Recognises any access or refresh token either dialect issued, so that both dialects share one record of issue
/// and revocation: a token revoked through one dialect is refused by the other.
/// </summary>
internal sealed class IssuedTokenLookup(JwtSigner signer, IGrantStore grants)
{
    /// <summary>The token's record, whatever its state (check <see cref="TokenStatus.IsActive"/>); null when it is not one of ours.</summary>
    public async Task<FoundToken?> FindAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 16 * 1024)
        {
            return null;
        }

        if (StartOpaque.HasShape(token, StartOpaque.RefreshTokenLength))
        {
            var refresh = await grants.FindTokenAsync(StartOpaque.Hash(token), cancellationToken);
            return refresh is { Token.Kind: TokenKind.Refresh } ? new FoundToken(refresh, TokenDialect.Start, null) : null;
        }

        var jwt = await signer.VerifyAsync(token);
        if (jwt is null || string.IsNullOrEmpty(jwt.Id))
        {
            return null;
        }

        (TokenDialect Dialect, TokenKind Kind)? kind =
            StartTokenFactory.IsStartHeader(jwt.Typ) ? (TokenDialect.Start, TokenKind.Access)
            : XiamsTokenReader.HasContext(jwt, XiamsTokenFactory.AccessContext) ? (TokenDialect.Xiams, TokenKind.Access)
            : XiamsTokenReader.HasContext(jwt, XiamsTokenFactory.RefreshContext) ? (TokenDialect.Xiams, TokenKind.Refresh)
            : null;
        if (kind is null)
        {
            return null;
        }

        var status = await grants.FindTokenAsync(jwt.Id, cancellationToken);
        return status is not null && status.Token.Kind == kind.Value.Kind ? new FoundToken(status, kind.Value.Dialect, jwt) : null;
    }
}
