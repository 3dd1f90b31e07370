namespace Waharoa.Storage;

/// <summary>
/// Every change that ends tokens: of one token, a grant, a consent, a client. Only the OAuth core's
/// <see cref="OAuth.Revocations"/> takes this part of the store, so that no revocation escapes the listeners that
/// tell the other instances (their caches would take a revoked token for up to their lifetime).
/// </summary>
public interface IRevocationStore
{
    /// <summary>Revokes one token; false when it is unknown or already revoked.</summary>
    Task<bool> RevokeTokenAsync(string jti, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Revokes a grant and with it every token it holds; false when it is unknown or already revoked.</summary>
    Task<bool> RevokeGrantAsync(string grantId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Withdraws consent and revokes every grant (and so every token) of that user and client; false when there was no consent.</summary>
    Task<bool> RevokeConsentAsync(string logon, string clientId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Removes a client and revokes every grant it holds; false when it did not exist.</summary>
    Task<bool> RemoveClientAsync(string clientId, DateTimeOffset now, CancellationToken cancellationToken);
}
