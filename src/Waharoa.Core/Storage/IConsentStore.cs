namespace Waharoa.Storage;

/// <summary>Consents users gave to clients (withdrawing one is <see cref="IRevocationStore"/>'s).</summary>
public interface IConsentStore
{
    /// <summary>True when <paramref name="logon"/> has consented to <paramref name="clientId"/>.</summary>
    Task<bool> HasConsentAsync(string logon, string clientId, CancellationToken cancellationToken);

    /// <summary>Records consent (idempotent).</summary>
    Task GrantConsentAsync(string logon, string clientId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The consents held, as (logon, client id, granted at).</summary>
    Task<IReadOnlyList<(string Logon, string ClientId, DateTimeOffset GrantedAt)>> ListConsentsAsync(CancellationToken cancellationToken);
}
