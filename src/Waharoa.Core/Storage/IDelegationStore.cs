using Waharoa.Sandbox;

namespace Waharoa.Storage;

/// <summary>Who may act for whom: owners of customers, delegated logons and the staff of agencies.</summary>
public interface IDelegationStore
{
    /// <summary>The customers <paramref name="logon"/> owns.</summary>
    Task<IReadOnlyList<CustomerOwnership>> ListOwnershipsAsync(string logon, CancellationToken cancellationToken);

    /// <summary>Records that <paramref name="ownership"/>'s logon owns its customer.</summary>
    Task PutOwnershipAsync(CustomerOwnership ownership, CancellationToken cancellationToken);

    /// <summary>The customers <paramref name="logon"/> has been given access to.</summary>
    Task<IReadOnlyList<CustomerDelegation>> ListDelegationsAsync(string logon, CancellationToken cancellationToken);

    /// <summary>Adds or replaces a delegation.</summary>
    Task PutDelegationAsync(CustomerDelegation delegation, CancellationToken cancellationToken);

    /// <summary>The agencies <paramref name="logon"/> is staff of.</summary>
    Task<IReadOnlyList<AgencyStaff>> ListAgencyMembershipsAsync(string logon, CancellationToken cancellationToken);

    /// <summary>Adds or replaces an agency membership.</summary>
    Task PutAgencyStaffAsync(AgencyStaff staff, CancellationToken cancellationToken);
}
