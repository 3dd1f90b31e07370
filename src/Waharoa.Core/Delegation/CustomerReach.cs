namespace Waharoa.Delegation;

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
