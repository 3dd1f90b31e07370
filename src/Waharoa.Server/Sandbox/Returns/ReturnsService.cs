using System.Security.Cryptography;
using Waharoa.Delegation;
using Waharoa.Returns;
using Waharoa.Sandbox;
using Waharoa.Storage;

namespace Waharoa.Server.Sandbox.Returns;

/// <summary>
/// The Return service's shared request flow over the ledger: the return type the request is for (its major form type,
/// in its schema version), the account the request names, whether the caller may act for it (the customer, a logon
/// given access, or an agency whose client list links the customer's account, with File access to file and View to
/// read: else status 4), then the return type's own operation under its build pack's rules.
/// </summary>
internal sealed class ReturnsService(ICustomerStore customers, IReturnStore returns, DelegationModel delegation, IEnumerable<IReturnForm> forms)
{
    /// <summary>The amendment reasons IR lists: KEY (incorrect amount), MATH (calculation error), OTHER, TRNSPO (transposition error).</summary>
    public static readonly IReadOnlyList<string> AmendReasons = ["KEY", "MATH", "OTHER", "TRNSPO"];

    private readonly IReadOnlyList<IReturnForm> _forms = [.. forms];

    public async Task<ReturnOutcome> ExecuteAsync(SandboxCaller caller, ReturnRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var form = _forms.FirstOrDefault(f => f.Version == request.Version && f.MajorFormType == request.MajorFormType);
        if (form is null)
        {
            var served = string.Join(", ", _forms.Where(f => f.Version == request.Version).Select(f => f.MajorFormType));
            return ReturnStatus.OperationNotAvailable.Describe($"this sandbox files {served} returns in this schema version; majorFormType '{request.MajorFormType}' is not served");
        }

        if (request.AccountType is { } accountType && !form.AcceptsAccountType(accountType))
        {
            return ReturnStatus.InvalidIdOrAccountType.Describe($"accountType '{accountType}' does not match majorFormType '{request.MajorFormType}'");
        }

        // Filing needs File or Full access; the other operations read, which View allows (IR's access levels).
        var (account, profile) = await AccountAsync(form, request, cancellationToken);
        var needed = request.Operation == ReturnOperation.File ? AccessLevel.File : AccessLevel.View;
        if (account is null || !(await delegation.ReachCustomerAsync(caller, account.CustomerIrd, cancellationToken)).Reaches(form.AccountType, needed))
        {
            return ReturnStatus.UnauthorisedDelegation;
        }

        return await form.ExecuteAsync(account, profile, request, cancellationToken);
    }

    /// <summary>
    /// The account the request names, with its filing profile (read once): an ACC identifier names it; an IRD or ACCIRD
    /// identifier names the customer, whose open account of the form's type is meant (build packs §3: a bankrupt
    /// customer's closed account is reached by its ACC identifier only).
    /// </summary>
    private async Task<(TaxAccount? Account, ReturnProfile? Profile)> AccountAsync(IReturnForm form, ReturnRequest request, CancellationToken cancellationToken)
    {
        switch (request.IdentifierType)
        {
            case "ACC":
                // IR writes account identifiers with and without separators (131-065-914-GST002, 139519167GST005).
                var accountId = request.Identifier.Replace("-", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal);
                var account = await customers.FindAccountAsync(accountId, cancellationToken);
                return account?.AccountType == form.AccountType
                    ? (account, await returns.FindReturnProfileAsync(account.AccountId, form.ProfileKey, cancellationToken))
                    : (null, null);
            case "IRD" or "ACCIRD":
                // IR's mock data holds numbers that fail the check digit: the customer is looked up, not the number judged.
                var ird = request.Identifier.Replace("-", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal);
                if (ird.Length == 8)
                {
                    ird = "0" + ird;
                }

                foreach (var candidate in await customers.ListAccountsAsync(ird, cancellationToken))
                {
                    if (candidate.AccountType != form.AccountType)
                    {
                        continue;
                    }

                    var profile = await returns.FindReturnProfileAsync(candidate.AccountId, form.ProfileKey, cancellationToken);
                    if (form.IsOpen(candidate, profile))
                    {
                        return (candidate, profile);
                    }
                }

                return (null, null);
            default:
                return (null, null);
        }
    }

    /// <summary>
    /// Files a new return under a submission key IR would allocate (a random positive 32-bit number), drawing another when
    /// the key is taken: <paramref name="duplicate"/> when the store finds it a duplicate.
    /// </summary>
    public static async Task<ReturnOutcome> FileWithNewKeyAsync(Func<long, Task<ReturnFiling>> file, ReturnStatus duplicate)
    {
        ArgumentNullException.ThrowIfNull(file);
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var key = RandomNumberGenerator.GetInt32(100_000_000, int.MaxValue);
            switch (await file(key))
            {
                case ReturnFiling.Filed:
                    return new FiledOutcome(GatewayId(), key);
                case ReturnFiling.Duplicate:
                    return duplicate;
            }
        }

        return ReturnStatus.UnknownError;
    }

    /// <summary>A gateway identifier in IR's shape (<c>0000 002G M22W 9</c>): unique to the call, for troubleshooting.</summary>
    public static string GatewayId()
    {
        const string Alphabet = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
        var chars = RandomNumberGenerator.GetString(Alphabet, 8);
        return $"0000 {chars[..4]} {chars[4..]} {RandomNumberGenerator.GetInt32(10)}";
    }
}
