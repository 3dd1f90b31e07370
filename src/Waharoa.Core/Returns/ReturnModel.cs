using System.Text.Json.Nodes;

namespace Waharoa.Returns;

/// <summary>
/// What the Return service knows of one tax account for one major form type (e.g. <c>GST</c>): how it files (frequency,
/// provisional tax, branches…), as the service reads it from <see cref="Settings"/>. Seeded; the service never changes it.
/// </summary>
/// <param name="AccountId">The tax account, e.g. <c>123039858GST001</c>.</param>
/// <param name="MajorFormType">The return's major form type, e.g. <c>GST</c>.</param>
/// <param name="Settings">The form type's own settings (for GST: filing frequency, registration, provisional tax…).</param>
public sealed record ReturnProfile(string AccountId, string MajorFormType, JsonObject Settings);

/// <summary>
/// A return filed (or seeded as filed) for one period of one account, as the Return service keeps it. A GST return is
/// the only one of its period; an Employment Information return is one of its period's pay days (several may be filed
/// for one pay day), known by its submission key.
/// </summary>
/// <param name="AccountId">The tax account.</param>
/// <param name="MajorFormType">e.g. <c>GST</c>.</param>
/// <param name="PeriodEnd">The filing period's last day.</param>
/// <param name="MinorFormType">e.g. <c>101A</c>, <c>103C</c>; null when the filer gave none.</param>
/// <param name="SubmissionKey">IR's submission key: the same for the return and every amendment of it.</param>
/// <param name="Status">IR's return status code (e.g. <c>SUB</c>, <c>AMN</c>).</param>
/// <param name="IsNilReturn">The filer's nil-return flag.</param>
/// <param name="FormFields">The return's form fields as filed: the XML of its <c>formFields</c> element.</param>
/// <param name="FiledAt">When it was first filed.</param>
/// <param name="AmendedAt">When it was last amended, or null.</param>
/// <param name="Amendments">How many times it was amended.</param>
/// <param name="PayDay">EI: the pay day the return is for; null for a return that is its period's only one.</param>
/// <param name="PayloadHash">EI: a hash of the last request filed or amended, for IR's duplicate-submission rule; or null.</param>
/// <param name="OriginallyFiledAt">
/// EI: when the return was originally filed, as IR's four-year time bar on amendments (code 180) counts it: its filing
/// through the Return service, or a seed's <c>filed</c> date; null for a seeded return without one, which is never
/// time-barred (IR's samples, which IR's test scenarios amend).
/// </param>
public sealed record FiledReturn(
    string AccountId,
    string MajorFormType,
    DateOnly PeriodEnd,
    string? MinorFormType,
    long SubmissionKey,
    string Status,
    bool IsNilReturn,
    string FormFields,
    DateTimeOffset FiledAt,
    DateTimeOffset? AmendedAt,
    int Amendments,
    DateOnly? PayDay = null,
    string? PayloadHash = null,
    DateTimeOffset? OriginallyFiledAt = null)
{
    /// <summary>When it was last filed or amended.</summary>
    public DateTimeOffset LastSubmittedAt => AmendedAt ?? FiledAt;
}

/// <summary>The store's answer to filing a new return.</summary>
public enum ReturnFiling
{
    /// <summary>Stored: no return existed for that account, form type and period (for a pay day's return: no duplicate of it).</summary>
    Filed,

    /// <summary>
    /// Nothing stored: a return already exists for that account, form type and period (for a pay day's return: the same
    /// request was filed for that pay day within the window given).
    /// </summary>
    Duplicate,

    /// <summary>Nothing stored: the submission key is already another return's (pick another and file again).</summary>
    KeyTaken,
}
