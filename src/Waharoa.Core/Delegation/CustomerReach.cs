using Waharoa.Sandbox;

namespace Waharoa.Delegation;

/// <summary>The outcome of <see cref="DelegationModel.ReachCustomerAsync(SandboxCaller, string, CancellationToken)"/>.</summary>
/// <param name="Kind">How the customer is reached.</param>
/// <param name="AccountTypes">The account types reached; null means every account of the customer.</param>
public sealed record CustomerReach(ReachKind Kind, IReadOnlySet<string>? AccountTypes)
{
    /// <summary>No access.</summary>
    public static readonly CustomerReach Denied = new(ReachKind.None, new HashSet<string>()) { Access = AccessLevel.None };

    /// <summary>True when the caller reaches the customer at all.</summary>
    public bool Allowed => Kind != ReachKind.None;

    /// <summary>
    /// The access level over every account reached (<see cref="AccountTypes"/> null): Full for the customer, the
    /// delegation's for a logon given access, the list's for an intermediary linked as customer master.
    /// </summary>
    public AccessLevel Access { get; init; } = AccessLevel.Full;

    /// <summary>An intermediary's access level to each account type its lists link (the best of its lists).</summary>
    public IReadOnlyDictionary<string, AccessLevel>? AccessByType { get; init; }

    /// <summary>True when the caller reaches the customer's account of type <paramref name="accountType"/>.</summary>
    public bool Reaches(string accountType) => Allowed && (AccountTypes is null || AccountTypes.Contains(accountType));

    /// <summary>True when the caller reaches that account with at least <paramref name="needed"/> (e.g. File to file a return).</summary>
    public bool Reaches(string accountType, AccessLevel needed) => AccessTo(accountType) >= needed;

    /// <summary>The caller's access level to the customer's account of type <paramref name="accountType"/>.</summary>
    public AccessLevel AccessTo(string accountType)
    {
        if (!Reaches(accountType))
        {
            return AccessLevel.None;
        }

        var level = AccountTypes is null ? Access : AccessLevel.None;
        return AccessByType is not null && AccessByType.TryGetValue(accountType, out var linked) && linked > level ? linked : level;
    }
}
