namespace Waharoa.Delegation;

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
