namespace Waharoa.Storage;

/// <summary>Consents users gave to clients (withdrawing one is <see cref="IRevocationStore"/>'s).</summary>
public interface IConsentStore
{
    /// <summary>When <paramref name="logon"/> last consented to <paramref name="clientId"/>; null when they hold no consent.</summary>
    Task<DateTimeOffset?> FindConsentAsync(string logon, string clientId, CancellationToken cancellationToken);

    /// <summary>Records consent given <paramref name="at"/>; consent given again starts afresh from then.</summary>
    Task GrantConsentAsync(string logon, string clientId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The consents held, as (logon, client id, granted at).</summary>
    Task<IReadOnlyList<(string Logon, string ClientId, DateTimeOffset GrantedAt)>> ListConsentsAsync(CancellationToken cancellationToken);
}
