using System.Text.Json.Nodes;

namespace Waharoa.Sandbox;

/// <summary>A customer of IR: a person or an organisation, identified by IRD number; an agency is a customer too.</summary>
/// <param name="Ird">The nine-digit IRD number (eight-digit numbers padded with a leading zero).</param>
/// <param name="Name">A display name.</param>
public sealed record Customer(string Ird, string Name)
{
    /// <summary>The customer identifier (<c>CST</c>), when the customer has one.</summary>
    public string? CustomerId { get; init; }

    /// <summary>True when the customer is a business intermediary (tax agent, bookkeeper, payroll bureau, …).</summary>
    public bool Intermediary { get; init; }

    /// <summary>True when the intermediary holds a tax preparer indicator (needed to link; Intermediation code 104).</summary>
    public bool TaxPreparer { get; init; }
}

/// <summary>A tax account of a customer, e.g. <c>132243158INC003</c>.</summary>
/// <param name="AccountId">The account ID: the IRD number, the account type and a three-digit suffix.</param>
/// <param name="CustomerIrd">The owning customer's IRD number.</param>
/// <param name="AccountType">The account type (<c>INC</c>, <c>GST</c>, <c>EMP</c>, …).</param>
/// <param name="Details">
/// The Account API's account fields (everything but <c>ID</c>, <c>IDType</c> and <c>AccountType</c>), as the seed gives
/// them; <c>null</c> when the account has only its mandatory attributes.
/// </param>
public sealed record TaxAccount(string AccountId, string CustomerIrd, string AccountType, JsonObject? Details)
{
    /// <summary>False for an account type the Account API does not serve (e.g. <c>KSS</c>; code <c>ACT100</c>).</summary>
    public bool EligibleForAccountApi { get; init; } = true;

    /// <summary>
    /// True when the account's Account API <c>Status</c> says it is no longer active (anything but <c>ACT</c>, e.g.
    /// <c>CEASED</c>); an account without a status is active. The payday services reach a ceased account by its ACC
    /// identifier only.
    /// </summary>
    public bool IsCeased => Details?["Status"] is JsonValue status && status.TryGetValue<string>(out var text) && !string.Equals(text, "ACT", StringComparison.OrdinalIgnoreCase);
}

/// <summary>The role of a myIR logon in an agency, as myIR gives it.</summary>
public enum AgencyRole
{
    /// <summary>Owner of the agency's logons.</summary>
    Owner,

    /// <summary>Administrator.</summary>
    Administrator,

    /// <summary>User (non-restricted).</summary>
    User,

    /// <summary>Restricted user: only client lists, through the Intermediation service.</summary>
    RestrictedUser,
}

/// <summary>An access level of a logon to a client list or a customer (build pack appendix 6.1.3).</summary>
public enum AccessLevel
{
    /// <summary>No access to the linked clients.</summary>
    None,

    /// <summary>View tax attributes, statuses and obligations.</summary>
    View,

    /// <summary>File returns for linked accounts.</summary>
    File,

    /// <summary>File, pay and view everything.</summary>
    Full,
}

/// <summary>A client list type (build pack appendix 6.1.2).</summary>
public enum ClientListType
{
    /// <summary>Tax agent client list.</summary>
    TAXCLI,

    /// <summary>Bookkeeper client list.</summary>
    BKPCLI,

    /// <summary>Payroll bureau client list.</summary>
    PRBCLI,

    /// <summary>PAYE (payroll) intermediary client list.</summary>
    PAYCLI,

    /// <summary>Other representative client list.</summary>
    OTHCLI,
}

/// <summary>Whether a link awaits the client's approval (payroll bureaus and other representatives).</summary>
public enum LinkStatus
{
    /// <summary>In force.</summary>
    Approved,

    /// <summary>Requested; the client has not approved it yet.</summary>
    Pending,
}

/// <summary>A myIR logon owns a customer: it manages that customer's own affairs.</summary>
public sealed record CustomerOwnership(string Logon, string CustomerIrd);

/// <summary>A myIR logon has been given access to another customer (a delegated logon).</summary>
public sealed record CustomerDelegation(string Logon, string CustomerIrd, AccessLevel Access);

/// <summary>A myIR logon is staff of an agency, with a role and an access level per client list.</summary>
/// <param name="Logon">The staff member's logon.</param>
/// <param name="AgencyIrd">The agency's IRD number.</param>
/// <param name="Role">The role in the agency.</param>
/// <param name="Access">The access level to every client list of the agency not named in <see cref="ListAccess"/>.</param>
public sealed record AgencyStaff(string Logon, string AgencyIrd, AgencyRole Role, AccessLevel Access)
{
    /// <summary>Access levels to particular client lists, by list ID.</summary>
    public IReadOnlyDictionary<string, AccessLevel> ListAccess { get; init; } = new Dictionary<string, AccessLevel>();

    /// <summary>The access level to the client list <paramref name="listId"/>.</summary>
    public AccessLevel AccessTo(string listId) => ListAccess.TryGetValue(listId, out var level) ? level : Access;
}

/// <summary>A client list of an agency.</summary>
/// <param name="ListId">The list ID.</param>
/// <param name="IdType">The list ID type: <c>LSTID</c>, <c>CLTLID</c> or <c>IRD</c>.</param>
/// <param name="Type">The list type.</param>
/// <param name="AgencyIrd">The agency's IRD number.</param>
/// <param name="HasRefundAccount">True when the list has a refund account (needed to redirect disbursements).</param>
public sealed record ClientList(string ListId, string IdType, ClientListType Type, string AgencyIrd, bool HasRefundAccount)
{
    /// <summary>True for lists whose links the client must approve (payroll bureaus, other representatives).</summary>
    public bool NeedsClientApproval => Type is ClientListType.PRBCLI or ClientListType.OTHCLI;
}

/// <summary>A link from a client list to a client: to one account type, or (no account type) as customer master.</summary>
public sealed record ClientLink(
    string ListId,
    string ClientIrd,
    string? AccountType,
    bool RedirectMail,
    bool RedirectDisbursements,
    LinkStatus Status)
{
    /// <summary>True for a customer master link (a link to the customer, not one of its accounts).</summary>
    public bool IsCustomerMaster => AccountType is null;
}
