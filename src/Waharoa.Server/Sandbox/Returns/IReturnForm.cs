using Waharoa.Returns;
using Waharoa.Sandbox;

namespace Waharoa.Server.Sandbox.Returns;

/// <summary>
/// One return type the Return service files (GST, Employment Information): which requests are its, which accounts it
/// files for, and its operations under its own build pack's rules. <see cref="ReturnsService"/> does what every type
/// shares (the account a request names, who may act for it) before handing the request over.
/// </summary>
internal interface IReturnForm
{
    /// <summary>The major form type of its requests, e.g. <c>GST</c>, <c>EI2</c>.</summary>
    string MajorFormType { get; }

    /// <summary>The schema version its requests are written in.</summary>
    ReturnsVersion Version { get; }

    /// <summary>The type of the tax accounts it files for, e.g. <c>GST</c>, <c>EMP</c>; also the type delegation is checked for.</summary>
    string AccountType { get; }

    /// <summary>The key of its filing profiles in the Return service's ledger (<see cref="ReturnProfile.MajorFormType"/>).</summary>
    string ProfileKey { get; }

    /// <summary>Whether a request may name <paramref name="accountType"/> in <c>cmn:accountType</c>.</summary>
    bool AcceptsAccountType(string accountType);

    /// <summary>
    /// Whether <paramref name="account"/>, with this profile (null: none seeded), is the one an IRD or ACCIRD identifier
    /// reaches: an open account of this type (a bankrupt customer's closed account is reached by its ACC identifier only).
    /// </summary>
    bool IsOpen(TaxAccount account, ReturnProfile? profile);

    /// <summary>Runs <paramref name="request"/> for <paramref name="account"/>, whose profile is <paramref name="profile"/>; the caller may act for it.</summary>
    Task<ReturnOutcome> ExecuteAsync(TaxAccount account, ReturnProfile? profile, ReturnRequest request, CancellationToken cancellationToken);
}
