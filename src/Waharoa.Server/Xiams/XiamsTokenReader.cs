using Microsoft.IdentityModel.JsonWebTokens;
using Waharoa.Grants;
using Waharoa.Storage;
using Waharoa.Tokens;

namespace Waharoa.Server.Xiams;

/// <summary>Reads an xIAMS token: our signature, the expected <c>oracle.oauth.tk_context</c>, and still active in the store.</summary>
internal sealed class XiamsTokenReader(JwtSigner signer, IGrantStore grants, TimeProvider time)
{
    /// <summary>
    /// The token and its status when it is ours, of one of <paramref name="contexts"/>, issued to
    /// <paramref name="clientId"/> (any client when null) and neither expired nor revoked; otherwise nulls.
    /// </summary>
    public async Task<(JsonWebToken? Jwt, TokenStatus? Status)> ReadActiveAsync(string token, string? clientId, CancellationToken cancellationToken, params string[] contexts)
    {
        var jwt = await signer.VerifyAsync(token);
        if (jwt is null || !contexts.Any(c => HasContext(jwt, c)) || string.IsNullOrEmpty(jwt.Id))
        {
            return (null, null);
        }

        var status = await grants.FindTokenAsync(jwt.Id, cancellationToken);
        if (status is null || !status.IsActive(time.GetUtcNow())
            || (clientId is not null && !string.Equals(status.Grant.ClientId, clientId, StringComparison.Ordinal)))
        {
            return (null, null);
        }

        return (jwt, status);
    }

    public static bool HasContext(JsonWebToken jwt, string context) =>
        jwt.TryGetPayloadValue<string>(XiamsTokenFactory.TokenContextClaim, out var value) && value == context;
}
