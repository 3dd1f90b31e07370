using Waharoa.Sandbox;

namespace Waharoa.Storage;

/// <summary>The sandbox services' data: customers, accounts, who may act for whom, client lists and their links.</summary>
public interface ISandboxStore
{
    /// <summary>The customer with IRD number <paramref name="ird"/>, or null.</summary>
    ValueTask<Customer?> FindCustomerAsync(string ird, CancellationToken cancellationToken);

    /// <summary>The customer with customer identifier (CST) <paramref name="customerId"/>, or null.</summary>
    ValueTask<Customer?> FindCustomerByIdAsync(string customerId, CancellationToken cancellationToken);

    /// <summary>Adds or replaces a customer.</summary>
    Task PutCustomerAsync(Customer customer, CancellationToken cancellationToken);

    /// <summary>The account with <paramref name="accountId"/>, or null.</summary>
    ValueTask<TaxAccount?> FindAccountAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>The accounts of the customer <paramref name="customerIrd"/>, by account ID.</summary>
    Task<IReadOnlyList<TaxAccount>> ListAccountsAsync(string customerIrd, CancellationToken cancellationToken);

    /// <summary>Adds or replaces an account.</summary>
    Task PutAccountAsync(TaxAccount account, CancellationToken cancellationToken);

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

    /// <summary>The client list <paramref name="listId"/>, or null.</summary>
    ValueTask<ClientList?> FindClientListAsync(string listId, CancellationToken cancellationToken);

    /// <summary>The client lists of the agency <paramref name="agencyIrd"/>, by list ID.</summary>
    Task<IReadOnlyList<ClientList>> ListClientListsAsync(string agencyIrd, CancellationToken cancellationToken);

    /// <summary>Adds or replaces a client list.</summary>
    Task PutClientListAsync(ClientList list, CancellationToken cancellationToken);

    /// <summary>The links of the client list <paramref name="listId"/>, in the order they were made.</summary>
    Task<IReadOnlyList<ClientLink>> ListLinksAsync(string listId, CancellationToken cancellationToken);

    /// <summary>Every link to the client <paramref name="clientIrd"/>, from any list, in the order they were made.</summary>
    Task<IReadOnlyList<ClientLink>> ListLinksToClientAsync(string clientIrd, CancellationToken cancellationToken);

    /// <summary>Adds a link; false when that list already links that client's account (or customer master).</summary>
    Task<bool> AddLinkAsync(ClientLink link, CancellationToken cancellationToken);

    /// <summary>Removes the link of <paramref name="listId"/> to <paramref name="clientIrd"/>'s <paramref name="accountType"/> (null: customer master); false when there was none.</summary>
    Task<bool> RemoveLinkAsync(string listId, string clientIrd, string? accountType, CancellationToken cancellationToken);

    /// <summary>Atomically replaces the link <paramref name="current"/> (matched by list, client and account type) with <paramref name="replacement"/>; false when <paramref name="current"/> no longer exists.</summary>
    Task<bool> ReplaceLinkAsync(ClientLink current, ClientLink replacement, CancellationToken cancellationToken);

    /// <summary>True when a seed with this content hash has been applied before.</summary>
    Task<bool> WasSeedAppliedAsync(string contentHash, CancellationToken cancellationToken);

    /// <summary>Records that the seed with <paramref name="contentHash"/> has been applied.</summary>
    Task MarkSeedAppliedAsync(string contentHash, string source, DateTimeOffset at, CancellationToken cancellationToken);
}
