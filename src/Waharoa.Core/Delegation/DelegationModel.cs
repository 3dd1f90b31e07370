using Waharoa.Storage;

namespace Waharoa.Sandbox;

/// <summary>Who is calling a sandbox service: a myIR logon, or (M2M without <c>startLogon</c>) the DSP's own customer.</summary>
/// <param name="Logon">The myIR logon the call acts as, or null.</param>
/// <param name="CustomerIrd">The customer an M2M call acts as when it names no logon, or null.</param>
public sealed record SandboxCaller(string? Logon, string? CustomerIrd)
{
    /// <summary>True when the call acts for nobody the sandbox knows.</summary>
    public bool IsAnonymous => Logon is null && CustomerIrd is null;
}

/// <summary>How a caller reaches a customer, when it does.</summary>
public enum ReachKind
{
    /// <summary>Not at all: access is denied.</summary>
    None,

    /// <summary>The caller owns the customer.</summary>
    Owner,

    /// <summary>The caller's logon has been given access to the customer.</summary>
    Delegated,

    /// <summary>The caller acts for an intermediary linked to the customer.</summary>
    LinkedIntermediary,
}

/// <summary>The outcome of <see cref="DelegationModel.ReachCustomerAsync"/>.</summary>
/// <param name="Kind">How the customer is reached.</param>
/// <param name="AccountTypes">The account types reached; null means every account of the customer.</param>
public sealed record CustomerReach(ReachKind Kind, IReadOnlySet<string>? AccountTypes)
{
    /// <summary>No access.</summary>
    public static readonly CustomerReach Denied = new(ReachKind.None, new HashSet<string>());

    /// <summary>True when the caller reaches the customer at all.</summary>
    public bool Allowed => Kind != ReachKind.None;

    /// <summary>True when the caller reaches the customer's account of type <paramref name="accountType"/>.</summary>
    public bool Reaches(string accountType) => Allowed && (AccountTypes is null || AccountTypes.Contains(accountType));
}

/// <summary>
/// IR's delegated permissions, in the order the build packs give them: the resource owner; otherwise a myIR logon
/// granted access to the resource; otherwise an intermediary linked to the resource; otherwise refused.
/// </summary>
public sealed class DelegationModel(ISandboxStore store)
{
    /// <summary>Decides whether, and how far, <paramref name="caller"/> reaches the customer <paramref name="customerIrd"/>.</summary>
    public async Task<CustomerReach> ReachCustomerAsync(SandboxCaller caller, string customerIrd, CancellationToken cancellationToken)
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

        if (caller.Logon is not null)
        {
            var delegations = await store.ListDelegationsAsync(caller.Logon, cancellationToken).ConfigureAwait(false);
            if (delegations.Any(d => d.CustomerIrd == customerIrd && d.Access != AccessLevel.None))
            {
                return new CustomerReach(ReachKind.Delegated, null);
            }
        }

        var reached = new HashSet<string>(StringComparer.Ordinal);
        var everything = false;
        var lists = new Dictionary<string, ClientList?>(StringComparer.Ordinal);
        foreach (var link in await store.ListLinksToClientAsync(customerIrd, cancellationToken).ConfigureAwait(false))
        {
            if (link.Status != LinkStatus.Approved)
            {
                continue;
            }

            if (!lists.TryGetValue(link.ListId, out var list))
            {
                lists[link.ListId] = list = await store.FindClientListAsync(link.ListId, cancellationToken).ConfigureAwait(false);
            }

            var staff = list is null ? null : Standing(caller, list.AgencyIrd, owned, memberships);
            if (staff is null || staff.Role == AgencyRole.RestrictedUser || staff.AccessTo(list!.ListId) == AccessLevel.None)
            {
                continue;
            }

            if (link.IsCustomerMaster)
            {
                everything = true;
            }
            else
            {
                reached.Add(link.AccountType!);
            }
        }

        return everything ? new CustomerReach(ReachKind.LinkedIntermediary, null)
            : reached.Count > 0 ? new CustomerReach(ReachKind.LinkedIntermediary, reached)
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

    private async Task<(IReadOnlyList<CustomerOwnership> Owned, IReadOnlyList<AgencyStaff> Memberships)> RightsOfAsync(
        SandboxCaller caller, CancellationToken cancellationToken) =>
        caller.Logon is null
            ? ([], [])
            : (await store.ListOwnershipsAsync(caller.Logon, cancellationToken).ConfigureAwait(false),
               await store.ListAgencyMembershipsAsync(caller.Logon, cancellationToken).ConfigureAwait(false));

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
