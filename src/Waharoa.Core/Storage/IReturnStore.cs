using Waharoa.Returns;

namespace Waharoa.Storage;

/// <summary>The Return service's ledger: each account's filing profile per major form type, and the returns filed.</summary>
public interface IReturnStore
{
    /// <summary>The profile of <paramref name="accountId"/> for <paramref name="majorFormType"/>, or null when it files no such returns.</summary>
    ValueTask<ReturnProfile?> FindReturnProfileAsync(string accountId, string majorFormType, CancellationToken cancellationToken);

    /// <summary>Adds or replaces a profile.</summary>
    Task PutReturnProfileAsync(ReturnProfile profile, CancellationToken cancellationToken);

    /// <summary>
    /// The return of <paramref name="accountId"/> for <paramref name="majorFormType"/> and the period ending
    /// <paramref name="periodEnd"/> that is its period's only one (not a pay day's), or null.
    /// </summary>
    ValueTask<FiledReturn?> FindReturnAsync(string accountId, string majorFormType, DateOnly periodEnd, CancellationToken cancellationToken);

    /// <summary>The returns of <paramref name="accountId"/> for <paramref name="majorFormType"/>, newest period first.</summary>
    Task<IReadOnlyList<FiledReturn>> ListReturnsAsync(string accountId, string majorFormType, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a new return, atomically: <see cref="ReturnFiling.Duplicate"/> (nothing stored) when that account already
    /// has a return of that form type for that period, <see cref="ReturnFiling.KeyTaken"/> when another return holds its
    /// submission key; durable once the task completes.
    /// </summary>
    Task<ReturnFiling> FileReturnAsync(FiledReturn filed, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the minor form type, nil flag and form fields of the existing return for that account, form type and
    /// period, sets its status to <paramref name="status"/> and <c>AmendedAt</c> to <paramref name="at"/> and counts the
    /// amendment, keeping its submission key and filing time; returns the amended return, or null (nothing changed) when
    /// there is none. Durable once the task completes.
    /// </summary>
    Task<FiledReturn?> AmendReturnAsync(
        string accountId, string majorFormType, DateOnly periodEnd, string? minorFormType, bool isNilReturn, string formFields, string status,
        DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The return with <paramref name="submissionKey"/>, of any account and form type, or null.</summary>
    ValueTask<FiledReturn?> FindReturnByKeyAsync(long submissionKey, CancellationToken cancellationToken);

    /// <summary>The returns of <paramref name="accountId"/> for the pay day <paramref name="payDay"/> (any EI version), oldest first.</summary>
    Task<IReadOnlyList<FiledReturn>> ListPaydayReturnsAsync(string accountId, DateOnly payDay, CancellationToken cancellationToken);

    /// <summary>
    /// Stores a new pay day's return (<see cref="FiledReturn.PayDay"/> set), atomically: <see cref="ReturnFiling.Duplicate"/>
    /// (nothing stored) when a return of that account, form type, period and pay day with the same
    /// <see cref="FiledReturn.PayloadHash"/> was filed or amended at or after <paramref name="duplicateSince"/>,
    /// <see cref="ReturnFiling.KeyTaken"/> when another return holds its submission key; durable once the task completes.
    /// Once the return is filed, <paramref name="alsoInTheSameWrite"/> (when given) changes the employer ledger in the same
    /// transaction, so that the return and what its lines do to the employer's records are stored together or not at all
    /// (should it throw, neither is).
    /// </summary>
    /// <remarks>
    /// <paramref name="alsoInTheSameWrite"/> uses only the ledger it is given (never the store, whose next write waits for
    /// this one) and awaits nothing else: on SQLite the write runs synchronously, and one that does not finish so fails
    /// with the whole batch it was in.
    /// </remarks>
    Task<ReturnFiling> FilePaydayReturnAsync(
        FiledReturn filed, DateTimeOffset duplicateSince, Func<IEmploymentLedger, CancellationToken, Task>? alsoInTheSameWrite, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the nil flag, form fields and payload hash of the return with <paramref name="submissionKey"/>, sets its
    /// status and <c>AmendedAt</c> and counts the amendment, provided it has been amended <paramref name="amendments"/>
    /// times (so that an amendment built on what was read is not lost to another made meanwhile); returns the amended
    /// return, or null (nothing changed) when there is no such return or it was amended meanwhile. Durable once the task
    /// completes. Once the return is amended, <paramref name="alsoInTheSameWrite"/> (when given) changes the employer
    /// ledger in the same transaction (should it throw, neither change is stored), under the same rules as
    /// <see cref="FilePaydayReturnAsync"/>'s.
    /// </summary>
    Task<FiledReturn?> AmendReturnByKeyAsync(
        long submissionKey, int amendments, bool isNilReturn, string formFields, string? payloadHash, string status, DateTimeOffset at,
        Func<IEmploymentLedger, CancellationToken, Task>? alsoInTheSameWrite, CancellationToken cancellationToken);

    /// <summary>
    /// Adds or replaces a return as given (and any other return that held its submission key): for seed files, returns
    /// filed before the sandbox started.
    /// </summary>
    Task PutReturnAsync(FiledReturn filed, CancellationToken cancellationToken);
}
