using Waharoa.Sandbox;

namespace Waharoa.Server.Sandbox.Intermediation;

/// <summary>
/// What each kind of intermediary may do with a link (build pack §3 and §5.2, appendix 6.1): which account types it may
/// link, and whether it may (or must) redirect mail and refunds.
/// </summary>
internal static class IntermediationRules
{
    /// <summary>
    /// The build pack's active account types (appendix 6.2), the only ones the service takes in a <c>clientAccountType</c>:
    /// any other type the schema allows is code 7.
    /// </summary>
    public static readonly IReadOnlySet<string> ActiveAccountTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "AIL", "AIP", "MPO", "CAD", "CRS", "DWT", "EMP", "EQU", "ERA", "FAM", "FAT", "FBT", "FTR", "GMD", "GSD", "GST", "INC",
        "IPS", "LOD", "NRT", "PIE", "PRS", "RDI", "REB", "RLT", "RUL", "RSP", "RWT", "SLS", "TOD", "UCM", "CSP", "SBC",
    };

    /// <summary>
    /// Account types that carry no refunds to redirect (code 122 for a tax agent). IR does not publish its list; these are
    /// the information and reporting registrations, so <c>IPS</c> (the build pack's own example) and the tax types redirect.
    /// </summary>
    public static readonly IReadOnlySet<string> NoRefundAccountTypes = new HashSet<string>(StringComparer.Ordinal) { "AIP", "CRS", "FAT", "MPO", "RUL" };

    /// <summary>Accounts linked automatically with an income tax account (build pack §3.2).</summary>
    public static readonly IReadOnlyList<string> FollowIncomeTax = ["EQU", "ERA"];

    /// <summary>
    /// Code 118 when a list of this type cannot link the (active) account type; payroll lists link payroll (EMP) only.
    /// </summary>
    public static IntermediationStatus? CheckAccountType(ClientList list, string accountType)
    {
        ArgumentNullException.ThrowIfNull(list);
        var payrollOnly = list.Type is ClientListType.PAYCLI or ClientListType.PRBCLI;
        return payrollOnly && accountType != "EMP" ? IntermediationStatus.InvalidAccountType : null;
    }

    /// <summary>The redirect rules for a link of <paramref name="list"/> (116, 121, 117, 106, 122, in that order).</summary>
    public static IntermediationStatus? CheckRedirects(ClientList list, string? accountType, bool redirectMail, bool redirectDisbursements)
    {
        ArgumentNullException.ThrowIfNull(list);
        var mailAllowed = list.Type is ClientListType.TAXCLI or ClientListType.PAYCLI;
        if (redirectMail && !mailAllowed)
        {
            return IntermediationStatus.CannotRedirectMail;
        }

        if (!redirectMail && list.Type == ClientListType.PAYCLI)
        {
            return IntermediationStatus.PayeMustRedirectMail;
        }

        if (!redirectDisbursements)
        {
            return null;
        }

        if (!mailAllowed)
        {
            return IntermediationStatus.CannotRedirectRefunds;
        }

        if (!list.HasRefundAccount)
        {
            return IntermediationStatus.ListHasNoRefundAccount;
        }

        return list.Type == ClientListType.TAXCLI && accountType is not null && NoRefundAccountTypes.Contains(accountType)
            ? IntermediationStatus.NoRefundsForAccountType
            : null;
    }

    /// <summary>Links of payroll bureaus and other representatives wait for the client's approval.</summary>
    public static LinkStatus NewLinkStatus(ClientList list) => list.NeedsClientApproval ? LinkStatus.Pending : LinkStatus.Approved;
}
