namespace Waharoa.Grants;

/// <summary>The outcome of redeeming an authorisation code.</summary>
public enum CodeRedemption
{
    /// <summary>The code was unused and unexpired: the grant and its tokens were stored.</summary>
    Redeemed,

    /// <summary>The code is unknown or expired.</summary>
    Invalid,

    /// <summary>The code had been used before: the grant it produced has now been revoked.</summary>
    Replayed,
}
