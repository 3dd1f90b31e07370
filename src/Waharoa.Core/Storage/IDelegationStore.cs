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

    /// <summary>Every ownership, ordered by logon (ignoring case), then customer.</summary>
    Task<IReadOnlyList<CustomerOwnership>> ListAllOwnershipsAsync(CancellationToken cancellationToken);

    /// <summary>Every delegation, ordered by logon (ignoring case), then customer.</summary>
    Task<IReadOnlyList<CustomerDelegation>> ListAllDelegationsAsync(CancellationToken cancellationToken);

    /// <summary>Every agency membership, ordered by logon (ignoring case), then agency.</summary>
    Task<IReadOnlyList<AgencyStaff>> ListAllAgencyStaffAsync(CancellationToken cancellationToken);

    /// <summary>Removes <paramref name="logon"/>'s ownership of the customer; false when there was none.</summary>
    Task<bool> RemoveOwnershipAsync(string logon, string customerIrd, CancellationToken cancellationToken);

    /// <summary>Removes <paramref name="logon"/>'s delegation to the customer; false when there was none.</summary>
    Task<bool> RemoveDelegationAsync(string logon, string customerIrd, CancellationToken cancellationToken);

    /// <summary>Removes <paramref name="logon"/> from the agency's staff; false when it was not staff.</summary>
    Task<bool> RemoveAgencyStaffAsync(string logon, string agencyIrd, CancellationToken cancellationToken);
}
