using Waharoa.Grants;

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

    /// <summary>
    /// The tokens active at <paramref name="now"/> (neither they nor their grant revoked, not expired), each with its
    /// grant, of <paramref name="logon"/> (any case) and <paramref name="clientId"/> when given; newest first, at most
    /// <paramref name="limit"/>.
    /// </summary>
    Task<IReadOnlyList<TokenStatus>> ListActiveTokensAsync(string? logon, string? clientId, DateTimeOffset now, int limit, CancellationToken cancellationToken);
}
