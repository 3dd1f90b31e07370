using Microsoft.IdentityModel.JsonWebTokens;
using Waharoa.Grants;
using Waharoa.Server.Authorization;

namespace Waharoa.Server.Xiams;

/// <summary>
/// Reads a token presented to xIAMS (or to the gateway): ours, of an expected kind, and still active in the store.
/// Access tokens of either dialect are accepted, since both dialects share one record of revocation; refresh tokens
/// only as xIAMS issues them.
/// </summary>
internal sealed class XiamsTokenReader(IssuedTokenLookup lookup, TimeProvider time)
{
    /// <summary>
    /// The token and its status when it is ours, of one of <paramref name="contexts"/> (<c>resource_access_tk</c>: an access
    /// token of either dialect; <c>refresh_token</c>: an xIAMS refresh token), issued to <paramref name="clientId"/> (any
    /// client when null) and neither expired nor revoked; otherwise nulls.
    /// </summary>
    public async Task<(JsonWebToken? Jwt, TokenStatus? Status)> ReadActiveAsync(string token, string? clientId, CancellationToken cancellationToken, params string[] contexts)
    {
        var found = await lookup.FindAsync(token, cancellationToken);
        if (found?.Jwt is null)
        {
            return (null, null);
        }

        var status = found.Status;
        var wanted = status.Token.Kind == TokenKind.Access ? contexts.Contains(XiamsTokenFactory.AccessContext)
            : found.Dialect == TokenDialect.Xiams && contexts.Contains(XiamsTokenFactory.RefreshContext);
        if (!wanted || !status.IsActive(time.GetUtcNow())
            || (clientId is not null && !string.Equals(status.Grant.ClientId, clientId, StringComparison.Ordinal)))
        {
            return (null, null);
        }

        return (found.Jwt, status);
    }

    public static bool HasContext(JsonWebToken jwt, string context) =>
        jwt.TryGetPayloadValue<string>(XiamsTokenFactory.TokenContextClaim, out var value) && value == context;
}
