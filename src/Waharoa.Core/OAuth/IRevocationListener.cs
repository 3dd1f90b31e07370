namespace Waharoa.OAuth;

/// <summary>
/// Told of every revocation the OAuth core makes, once it is stored: e.g. to evict cached token statuses here and
/// on every other instance.
/// </summary>
public interface IRevocationListener
{
    /// <summary>
    /// Tokens were revoked: the one with <paramref name="jti"/>, or, when it is null, any number (a grant, a consent
    /// or a client went). Called with the revocation committed; it must not be cancelled halfway.
    /// </summary>
    Task TokensRevokedAsync(string? jti);
}
