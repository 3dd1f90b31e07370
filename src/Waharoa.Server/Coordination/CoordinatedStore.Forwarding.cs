using Waharoa.Clients;
using Waharoa.Grants;
using Waharoa.Sandbox;
using Waharoa.Sessions;
using Waharoa.Storage;
using Waharoa.Users;

namespace Waharoa.Server.Coordination;

/// <summary>What <see cref="CoordinatedStore"/> passes to the store unchanged.</summary>
internal sealed partial class CoordinatedStore
{
    /// <inheritdoc />
    public string Provider => inner.Provider;

    /// <inheritdoc />
    public bool IsShared => inner.IsShared;

    /// <inheritdoc />
    public Task<int> SchemaVersionAsync(CancellationToken cancellationToken) => inner.SchemaVersionAsync(cancellationToken);

    /// <inheritdoc />
    public Task PingAsync(CancellationToken cancellationToken) => inner.PingAsync(cancellationToken);

    /// <inheritdoc />
    public Task<IAsyncDisposable> AcquireStartupLockAsync(CancellationToken cancellationToken) => inner.AcquireStartupLockAsync(cancellationToken);

    /// <inheritdoc />
    public ValueTask<DspClient?> FindClientAsync(string clientId, CancellationToken cancellationToken) =>
        inner.FindClientAsync(clientId, cancellationToken);

    /// <inheritdoc />
    public ValueTask<DspClient?> FindClientByCertificateAsync(string thumbprint, CancellationToken cancellationToken) =>
        inner.FindClientByCertificateAsync(thumbprint, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<DspClient>> ListClientsAsync(CancellationToken cancellationToken) => inner.ListClientsAsync(cancellationToken);

    /// <inheritdoc />
    public Task<bool> AddClientAsync(DspClient client, CancellationToken cancellationToken) => inner.AddClientAsync(client, cancellationToken);

    /// <inheritdoc />
    public Task<MyIrUser?> FindUserAsync(string logon, CancellationToken cancellationToken) => inner.FindUserAsync(logon, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<MyIrUser>> ListUsersAsync(CancellationToken cancellationToken) => inner.ListUsersAsync(cancellationToken);

    /// <inheritdoc />
    public Task<string?> GetSubjectAsync(string logon, CancellationToken cancellationToken) => inner.GetSubjectAsync(logon, cancellationToken);

    /// <inheritdoc />
    public Task<bool> AddUserAsync(MyIrUser user, CancellationToken cancellationToken) => inner.AddUserAsync(user, cancellationToken);

    /// <inheritdoc />
    public Task RecordFailedLogonAsync(string logon, DateTimeOffset at, CancellationToken cancellationToken) =>
        inner.RecordFailedLogonAsync(logon, at, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<DateTimeOffset>> FailedLogonsSinceAsync(string logon, DateTimeOffset since, CancellationToken cancellationToken) =>
        inner.FailedLogonsSinceAsync(logon, since, cancellationToken);

    /// <inheritdoc />
    public Task ClearFailedLogonsAsync(string logon, CancellationToken cancellationToken) => inner.ClearFailedLogonsAsync(logon, cancellationToken);

    /// <inheritdoc />
    public Task<bool> HasConsentAsync(string logon, string clientId, CancellationToken cancellationToken) =>
        inner.HasConsentAsync(logon, clientId, cancellationToken);

    /// <inheritdoc />
    public Task GrantConsentAsync(string logon, string clientId, DateTimeOffset at, CancellationToken cancellationToken) =>
        inner.GrantConsentAsync(logon, clientId, at, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<(string Logon, string ClientId, DateTimeOffset GrantedAt)>> ListConsentsAsync(CancellationToken cancellationToken) =>
        inner.ListConsentsAsync(cancellationToken);

    /// <inheritdoc />
    public Task AddCodeAsync(AuthorizationCode code, CancellationToken cancellationToken) => inner.AddCodeAsync(code, cancellationToken);

    /// <inheritdoc />
    public Task AddTokensAsync(IReadOnlyList<IssuedToken> tokens, CancellationToken cancellationToken) =>
        inner.AddTokensAsync(tokens, cancellationToken);

    /// <inheritdoc />
    public Task AddSessionAsync(LogonSession session, CancellationToken cancellationToken) => inner.AddSessionAsync(session, cancellationToken);

    /// <inheritdoc />
    public Task<LogonSession?> UseSessionAsync(string sessionHash, DateTimeOffset now, DateTimeOffset idleSince, CancellationToken cancellationToken) =>
        inner.UseSessionAsync(sessionHash, now, idleSince, cancellationToken);

    /// <inheritdoc />
    public Task EndSessionAsync(string sessionHash, DateTimeOffset at, CancellationToken cancellationToken) =>
        inner.EndSessionAsync(sessionHash, at, cancellationToken);

    /// <inheritdoc />
    public ValueTask<Customer?> FindCustomerAsync(string ird, CancellationToken cancellationToken) => inner.FindCustomerAsync(ird, cancellationToken);

    /// <inheritdoc />
    public ValueTask<Customer?> FindCustomerByIdAsync(string customerId, CancellationToken cancellationToken) =>
        inner.FindCustomerByIdAsync(customerId, cancellationToken);

    /// <inheritdoc />
    public Task PutCustomerAsync(Customer customer, CancellationToken cancellationToken) => inner.PutCustomerAsync(customer, cancellationToken);

    /// <inheritdoc />
    public ValueTask<TaxAccount?> FindAccountAsync(string accountId, CancellationToken cancellationToken) =>
        inner.FindAccountAsync(accountId, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<TaxAccount>> ListAccountsAsync(string customerIrd, CancellationToken cancellationToken) =>
        inner.ListAccountsAsync(customerIrd, cancellationToken);

    /// <inheritdoc />
    public Task PutAccountAsync(TaxAccount account, CancellationToken cancellationToken) => inner.PutAccountAsync(account, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<CustomerOwnership>> ListOwnershipsAsync(string logon, CancellationToken cancellationToken) =>
        inner.ListOwnershipsAsync(logon, cancellationToken);

    /// <inheritdoc />
    public Task PutOwnershipAsync(CustomerOwnership ownership, CancellationToken cancellationToken) =>
        inner.PutOwnershipAsync(ownership, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<CustomerDelegation>> ListDelegationsAsync(string logon, CancellationToken cancellationToken) =>
        inner.ListDelegationsAsync(logon, cancellationToken);

    /// <inheritdoc />
    public Task PutDelegationAsync(CustomerDelegation delegation, CancellationToken cancellationToken) =>
        inner.PutDelegationAsync(delegation, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<AgencyStaff>> ListAgencyMembershipsAsync(string logon, CancellationToken cancellationToken) =>
        inner.ListAgencyMembershipsAsync(logon, cancellationToken);

    /// <inheritdoc />
    public Task PutAgencyStaffAsync(AgencyStaff staff, CancellationToken cancellationToken) => inner.PutAgencyStaffAsync(staff, cancellationToken);

    /// <inheritdoc />
    public ValueTask<ClientList?> FindClientListAsync(string listId, CancellationToken cancellationToken) =>
        inner.FindClientListAsync(listId, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ClientList>> ListClientListsAsync(string agencyIrd, CancellationToken cancellationToken) =>
        inner.ListClientListsAsync(agencyIrd, cancellationToken);

    /// <inheritdoc />
    public Task PutClientListAsync(ClientList list, CancellationToken cancellationToken) => inner.PutClientListAsync(list, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ClientLink>> ListLinksAsync(string listId, CancellationToken cancellationToken) =>
        inner.ListLinksAsync(listId, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ClientLink>> ListLinksToClientAsync(string clientIrd, CancellationToken cancellationToken) =>
        inner.ListLinksToClientAsync(clientIrd, cancellationToken);

    /// <inheritdoc />
    public Task<bool> AddLinkAsync(ClientLink link, CancellationToken cancellationToken) => inner.AddLinkAsync(link, cancellationToken);

    /// <inheritdoc />
    public Task<bool> RemoveLinkAsync(string listId, string clientIrd, string? accountType, CancellationToken cancellationToken) =>
        inner.RemoveLinkAsync(listId, clientIrd, accountType, cancellationToken);

    /// <inheritdoc />
    public Task<bool> ReplaceLinkAsync(ClientLink current, ClientLink replacement, CancellationToken cancellationToken) =>
        inner.ReplaceLinkAsync(current, replacement, cancellationToken);

    /// <inheritdoc />
    public Task<bool> WasSeedAppliedAsync(string contentHash, CancellationToken cancellationToken) =>
        inner.WasSeedAppliedAsync(contentHash, cancellationToken);

    /// <inheritdoc />
    public Task MarkSeedAppliedAsync(string contentHash, string source, DateTimeOffset at, CancellationToken cancellationToken) =>
        inner.MarkSeedAppliedAsync(contentHash, source, at, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredSigningKey>> ListSigningKeysAsync(CancellationToken cancellationToken) =>
        inner.ListSigningKeysAsync(cancellationToken);

    /// <inheritdoc />
    public Task<bool> AddFirstSigningKeyAsync(StoredSigningKey key, CancellationToken cancellationToken) =>
        inner.AddFirstSigningKeyAsync(key, cancellationToken);

    /// <inheritdoc />
    public Task RotateSigningKeyAsync(StoredSigningKey key, DateTimeOffset retireOthersAt, CancellationToken cancellationToken) =>
        inner.RotateSigningKeyAsync(key, retireOthersAt, cancellationToken);

    /// <inheritdoc />
    public Task<int> RemoveRetiredSigningKeysAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        inner.RemoveRetiredSigningKeysAsync(now, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<SharedFile>> ListSharedFilesAsync(string prefix, CancellationToken cancellationToken) =>
        inner.ListSharedFilesAsync(prefix, cancellationToken);

    /// <inheritdoc />
    public Task<bool> AddSharedFileAsync(SharedFile file, CancellationToken cancellationToken) => inner.AddSharedFileAsync(file, cancellationToken);

    /// <inheritdoc />
    public Task<int> AddSharedFilesAsync(IReadOnlyList<SharedFile> files, CancellationToken cancellationToken) => inner.AddSharedFilesAsync(files, cancellationToken);
}
