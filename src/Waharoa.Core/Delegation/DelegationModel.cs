using Waharoa.Sandbox;
using Waharoa.Storage;

namespace Waharoa.Delegation;

/// <summary>
/// IR's delegated permissions, in the order the build packs give them: the resource owner; otherwise a myIR logon
/// granted access to the resource; otherwise an intermediary linked to the resource; otherwise refused.
/// </summary>
public sealed class DelegationModel(IDelegationStore delegations, IClientListStore lists)
{
    /// <summary>Decides whether, and how far, <paramref name="caller"/> reaches the customer <paramref name="customerIrd"/>.</summary>
    public Task<CustomerReach> ReachCustomerAsync(SandboxCaller caller, string customerIrd, CancellationToken cancellationToken) =>
        ReachCustomerAsync(caller, customerIrd, notThrough: null, cancellationToken);

    /// <summary>
    /// As <see cref="ReachCustomerAsync(SandboxCaller, string, CancellationToken)"/>, counting no link of a client list of
    /// type <paramref name="notThrough"/>: for an operation an intermediary of that kind may not perform (the Employment
    /// service's RetrieveList is not available to payroll bureaus).
    /// </summary>
    public async Task<CustomerReach> ReachCustomerAsync(SandboxCaller caller, string customerIrd, ClientListType? notThrough, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.CustomerIrd == customerIrd)
        {
            return new CustomerReach(ReachKind.Owner, null);
        }

        var (owned, memberships) = await RightsOfAsync(caller, cancellationToken).ConfigureAwait(false);
        if (owned.Any(o => o.CustomerIrd == customerIrd))
        {
            return new CustomerReach(ReachKind.Owner, null);
        }

        var delegated = AccessLevel.None;
        if (caller.Logon is not null)
        {
            var given = await delegations.ListDelegationsAsync(caller.Logon, cancellationToken).ConfigureAwait(false);
            delegated = given.Where(d => d.CustomerIrd == customerIrd).Select(d => d.Access).DefaultIfEmpty(AccessLevel.None).Max();
        }

        var reached = new Dictionary<string, AccessLevel>(StringComparer.Ordinal);
        var master = AccessLevel.None;
        var found = new Dictionary<string, ClientList?>(StringComparer.Ordinal);
        foreach (var link in await lists.ListLinksToClientAsync(customerIrd, cancellationToken).ConfigureAwait(false))
        {
            if (link.Status != LinkStatus.Approved)
            {
                continue;
            }

            if (!found.TryGetValue(link.ListId, out var list))
            {
                found[link.ListId] = list = await lists.FindClientListAsync(link.ListId, cancellationToken).ConfigureAwait(false);
            }

            var staff = list is null || list.Type == notThrough ? null : Standing(caller, list.AgencyIrd, owned, memberships);
            var access = staff is null || staff.Role == AgencyRole.RestrictedUser ? AccessLevel.None : staff.AccessTo(list!.ListId);
            if (access == AccessLevel.None)
            {
                continue;
            }

            if (link.IsCustomerMaster)
            {
                master = access > master ? access : master;
            }
            else
            {
                reached[link.AccountType!] = reached.TryGetValue(link.AccountType!, out var before) && before > access ? before : access;
            }
        }

        // A logon given access that also stands in a linked agency reaches as the better of the two.
        if (delegated != AccessLevel.None)
        {
            return new CustomerReach(ReachKind.Delegated, null) { Access = delegated > master ? delegated : master, AccessByType = reached };
        }

        return master != AccessLevel.None ? new CustomerReach(ReachKind.LinkedIntermediary, null) { Access = master, AccessByType = reached }
            : reached.Count > 0 ? new CustomerReach(ReachKind.LinkedIntermediary, reached.Keys.ToHashSet(StringComparer.Ordinal)) { Access = AccessLevel.None, AccessByType = reached }
            : CustomerReach.Denied;
    }

    /// <summary>
    /// The caller's standing in the agency <paramref name="agencyIrd"/>: its staff membership; the owner of the agency
    /// (or an M2M call as the agency itself) stands as <see cref="AgencyRole.Owner"/> with full access. Null when the
    /// caller does not act for that agency.
    /// </summary>
    public async Task<AgencyStaff?> ActingForAgencyAsync(SandboxCaller caller, string agencyIrd, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var (owned, memberships) = await RightsOfAsync(caller, cancellationToken).ConfigureAwait(false);
        return Standing(caller, agencyIrd, owned, memberships);
    }

    /// <summary>
    /// True when the myIR logon <paramref name="logon"/> has a relationship with the customer <paramref name="customerIrd"/>:
    /// owns it, was given access to it, or is staff of it as an agency.
    /// </summary>
    public async Task<bool> RepresentsAsync(string logon, string customerIrd, CancellationToken cancellationToken)
    {
        var (owned, memberships) = await RightsOfAsync(new SandboxCaller(logon, null), cancellationToken).ConfigureAwait(false);
        return owned.Any(o => o.CustomerIrd == customerIrd)
            || memberships.Any(m => m.AgencyIrd == customerIrd)
            || (await delegations.ListDelegationsAsync(logon, cancellationToken).ConfigureAwait(false)).Any(d => d.CustomerIrd == customerIrd && d.Access != AccessLevel.None);
    }

    private async Task<(IReadOnlyList<CustomerOwnership> Owned, IReadOnlyList<AgencyStaff> Memberships)> RightsOfAsync(
        SandboxCaller caller, CancellationToken cancellationToken) =>
        caller.Logon is null
            ? ([], [])
            : (await delegations.ListOwnershipsAsync(caller.Logon, cancellationToken).ConfigureAwait(false),
               await delegations.ListAgencyMembershipsAsync(caller.Logon, cancellationToken).ConfigureAwait(false));

    private static AgencyStaff? Standing(SandboxCaller caller, string agencyIrd, IReadOnlyList<CustomerOwnership> owned, IReadOnlyList<AgencyStaff> memberships)
    {
        var who = caller.Logon ?? caller.CustomerIrd ?? string.Empty;
        if (caller.CustomerIrd == agencyIrd)
        {
            return new AgencyStaff(who, agencyIrd, AgencyRole.Owner, AccessLevel.Full);
        }

        return memberships.FirstOrDefault(m => m.AgencyIrd == agencyIrd)
            ?? (owned.Any(o => o.CustomerIrd == agencyIrd) ? new AgencyStaff(who, agencyIrd, AgencyRole.Owner, AccessLevel.Full) : null);
    }
}
