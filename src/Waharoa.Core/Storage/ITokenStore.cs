using Waharoa.Grants;

namespace Waharoa.Storage;

/// <summary>The record of issued tokens, as read when a token is presented (the one read a cache may stand in front of).</summary>
public interface ITokenStore
{
    /// <summary>The status of the token with <paramref name="jti"/>, or null when no such token was issued.</summary>
    Task<TokenStatus?> FindTokenAsync(string jti, CancellationToken cancellationToken);
}
