using System.Xml.Linq;
using Waharoa.Returns;
using Waharoa.Sandbox;
using Waharoa.Storage;
using static Waharoa.Server.Sandbox.Returns.EiFiling;

namespace Waharoa.Server.Sandbox.Returns;

/// <summary>
/// Employment Information returns, version 2 (major form type EI2, schema ReturnEI.v2), under the EI build pack's rules:
/// any number of returns a pay day, each known by its submission key; amendments by referenceId or reverse/replace, of a
/// processed EI2 return only; Prepop from the employer's ledger of employees.
/// </summary>
/// <remarks>
/// A return is processing for <see cref="ProcessingTime"/> after it is filed or amended (IR: "returns will process within
/// five minutes"; an EI2 return must be processed to be amended, else 108), then processed on time or late against its
/// due date (two working days after the pay day; public holidays are not counted).
/// </remarks>
internal sealed class EiReturnForm(IReturnStore returns, ICustomerStore customers, IEmploymentStore employment, TimeProvider time, SandboxOptions options) : IReturnForm
{
    public const string MajorForm = "EI2";

    /// <summary>EI version 1's major form type: its returns are seeded only, and v2 can neither amend nor retrieve them (169).</summary>
    public const string Version1MajorForm = "EI";

    private TimeSpan ProcessingTime => options.EiProcessingTime;

    /// <summary>IR's duplicate rule: the same payload for the same pay day within the hour (160).</summary>
    public static readonly TimeSpan DuplicateWindow = TimeSpan.FromHours(1);

    private readonly EiLedgerUpdate _ledger = new(time);

    public string MajorFormType => MajorForm;

    public ReturnsVersion Version => ReturnsVersion.V2;

    public string AccountType => "EMP";

    public string ProfileKey => EiProfile.ProfileKey;

    /// <remarks>IR's own EI samples name accountType PSO for an employer's EMP account; both are taken.</remarks>
    public bool AcceptsAccountType(string accountType) => accountType is "EMP" or "PSO";

    /// <remarks>Closed by its EI profile (<c>status: closed</c>) or by the account's own status (<see cref="TaxAccount.IsCeased"/>: not <c>ACT</c>, as the Account API shows it).</remarks>
    public bool IsOpen(TaxAccount account, ReturnProfile? profile) =>
        !EiProfile.Read(profile?.Settings).Closed && account?.IsCeased != true;

    public async Task<ReturnOutcome> ExecuteAsync(TaxAccount account, ReturnProfile? profile, ReturnRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(request);
        var settings = EiProfile.Read(profile?.Settings);
        return request.Operation switch
        {
            // IR's EI sample: RetrieveFilingObligations is not an EI operation.
            ReturnOperation.RetrieveFilingObligations => ReturnStatus.OperationNotAvailable,
            ReturnOperation.File => await FileAsync(account, settings, request, cancellationToken),
            ReturnOperation.Prepop => await PrepopAsync(account, request, cancellationToken),
            ReturnOperation.RetrieveStatus => await StatusAsync(account, request, cancellationToken),
            _ => await RetrieveAsync(account, request, cancellationToken),
        };
    }

    /// <summary>
    /// Prepop: the employer's employees in the period, from the employer ledger (the Employment service's lines): each valid
    /// line employed on a day of the pay day's month, in the order started, a rehired employee once per line. A line's first
    /// tax code is the one IR shows (none on record: empty, as IR's sample shows).
    /// </summary>
    private async Task<ReturnOutcome> PrepopAsync(TaxAccount account, ReturnRequest request, CancellationToken cancellationToken)
    {
        var period = request.PeriodEnd!.Value;
        var payDay = request.PayDay!.Value;
        if (payDay.Year != period.Year || payDay.Month != period.Month)
        {
            return ReturnStatus.PaydayNotInPeriod.Describe($"the pay day {ReturnRequest.Text(payDay)} is not in the period ending {ReturnRequest.Text(period)}");
        }

        var first = new DateOnly(period.Year, period.Month, 1);
        var lines = await employment.ListEmploymentLinesAsync(account.AccountId, cancellationToken);
        return new EmployeesPrepopOutcome(
            account.AccountId,
            [.. lines.Where(l => l.Valid && l.Overlaps(first, period)).Select(l => new PrepopEmployee(l.EmployeeIrd, l.NameOnEiLine, l.TaxCodes.FirstOrDefault(), l.StartDate, l.FinishDate))]);
    }

    private async Task<ReturnOutcome> FileAsync(TaxAccount account, EiProfile profile, ReturnRequest request, CancellationToken cancellationToken)
    {
        var standard = request.Filing!;
        var filing = Read(standard.FormFields);
        var today = NewZealand.Today(time);
        if (EiFileRules.FormProblem(profile, request, filing, today) is { } problem)
        {
            return problem;
        }

        foreach (var line in filing.Lines)
        {
            var ird = Field(line, "irdNumber")!;
            var known = await customers.FindCustomerAsync(ird, cancellationToken) is not null;
            if (EiFileRules.LineProblem(line, profile, filing.PayDay, _ => known) is { } lineProblem)
            {
                return lineProblem;
            }
        }

        var period = request.PeriodEnd!.Value;
        var hash = PayloadHash(standard.FormFields.Parent!);
        var now = time.GetUtcNow();
        // The return's lines reach the employer's records in the write that stores it.
        Task ApplyLines(IEmploymentLedger ledger, CancellationToken ct) => _ledger.ApplyAsync(ledger, account, period, filing.Lines, ct);
        return standard.IsAmended
            ? await AmendAsync(account, request, filing, hash, now, ApplyLines, cancellationToken)
            : await FileNewAsync(account, request, filing, hash, now, ApplyLines, cancellationToken);
    }

    private Task<ReturnOutcome> FileNewAsync(
        TaxAccount account, ReturnRequest request, EiFiling filing, string hash, DateTimeOffset now, Func<IEmploymentLedger, CancellationToken, Task> applyLines,
        CancellationToken cancellationToken)
    {
        var standard = request.Filing!;
        var period = request.PeriodEnd!.Value;
        var lines = filing.Lines.Select((l, i) => Numbered(l, i + 1)).ToList();
        return ReturnsService.FileWithNewKeyAsync(
            key => returns.FilePaydayReturnAsync(
                new FiledReturn(account.AccountId, MajorForm, period, MajorForm, key, "SUB", standard.IsNilReturn,
                    Stored(key, filing.FormFields, lines).ToString(SaveOptions.DisableFormatting), now, null, 0, filing.PayDay, hash, now),
                now - DuplicateWindow,
                applyLines,
                cancellationToken),
            ReturnStatus.DuplicatePaydaySubmission);
    }

    /// <summary>
    /// An amendment of the return its submission key names (for this account, period and pay day; else 103): of an EI2
    /// return only (169), originally filed no more than four years ago (180), once processed (108). Reverse/replace files
    /// every line again: lines not given are reversed.
    /// The referenceId method amends the lines given by referenceId and adds the others; lines not given stay.
    /// </summary>
    private async Task<ReturnOutcome> AmendAsync(
        TaxAccount account, ReturnRequest request, EiFiling filing, string hash, DateTimeOffset now, Func<IEmploymentLedger, CancellationToken, Task> applyLines,
        CancellationToken cancellationToken)
    {
        var key = filing.SubmissionKey!.Value;
        var existing = await returns.FindReturnByKeyAsync(key, cancellationToken);
        if (existing is null || existing.AccountId != account.AccountId || existing.PayDay != filing.PayDay || existing.PeriodEnd != request.PeriodEnd)
        {
            return ReturnStatus.NoReturnFound.Describe($"this account has no return with submission key {key} for the pay day {ReturnRequest.Text(filing.PayDay)}");
        }

        if (existing.MajorFormType != MajorForm)
        {
            return ReturnStatus.IncorrectEiVersion.Describe("the return was filed as EI version 1 and is amended with EI version 1");
        }

        if (existing.OriginallyFiledAt is { } originallyFiled && TimeBarred(originallyFiled, now))
        {
            return ReturnStatus.TimeBarred.Describe($"the return was originally filed on {ReturnRequest.Text(NewZealand.DateOf(originallyFiled))}, more than four years ago");
        }

        if (now - existing.LastSubmittedAt < ProcessingTime)
        {
            return ReturnStatus.ReturnLocked.Describe("an EI2 return is amended once processed (within five minutes of filing)");
        }

        var stored = XElement.Parse(existing.FormFields);
        var kept = stored.Element(Ei + "employeeFields")!.Elements(Ei + "employee").ToList();
        var next = kept.Select(l => (long?)(long)l.Element(Ei + "lineNumber")! ?? 0).DefaultIfEmpty(0).Max() + 1;
        var lines = new List<XElement>();
        if (!filing.IsReverseReplace)
        {
            lines.AddRange(kept);
        }

        foreach (var line in filing.Lines)
        {
            var reference = Field(line, "referenceId");
            var index = lines.FindIndex(l => Field(l, "referenceId") == reference);
            var before = kept.FirstOrDefault(l => Field(l, "referenceId") == reference);
            var numbered = Numbered(line, before is null ? next++ : (long)before.Element(Ei + "lineNumber")!);
            if (index >= 0)
            {
                lines[index] = numbered;
            }
            else
            {
                lines.Add(numbered);
            }
        }

        var fields = Stored(key, filing.FormFields, lines).ToString(SaveOptions.DisableFormatting);
        var amended = await returns.AmendReturnByKeyAsync(key, existing.Amendments, request.Filing!.IsNilReturn, fields, hash, "AMN", now, applyLines, cancellationToken);
        return amended is null
            ? ReturnStatus.ReturnLocked.Describe("the return was amended by another request meanwhile")
            : new FiledOutcome(ReturnsService.GatewayId(), key);
    }

    /// <summary>RetrieveStatus: the status of the return named by submission key, or of every return of the pay day (either EI version).</summary>
    private async Task<ReturnOutcome> StatusAsync(TaxAccount account, ReturnRequest request, CancellationToken cancellationToken)
    {
        var (found, refusal) = await PaydayReturnsAsync(account, request, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var now = time.GetUtcNow();
        return new PaydayStatusOutcome([.. found.Select(r => (StatusOf(r, now), r.SubmissionKey, r.MinorFormType ?? r.MajorFormType))]);
    }

    /// <summary>The most returns one RetrieveReturn answers with (ReturnCommon.v2: responseBody maxOccurs 100); the first filed first.</summary>
    public const int MaxReturnsRetrieved = 100;

    /// <summary>RetrieveReturn: the return named by submission key, or every EI2 return of the pay day; v2 cannot retrieve a v1 return (169).</summary>
    private async Task<ReturnOutcome> RetrieveAsync(TaxAccount account, ReturnRequest request, CancellationToken cancellationToken)
    {
        var (found, refusal) = await PaydayReturnsAsync(account, request, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var version2 = found.Where(r => r.MajorFormType == MajorForm).ToList();
        return version2.Count == 0
            ? ReturnStatus.IncorrectEiVersion.Describe("the return was filed as EI version 1 and is retrieved with EI version 1")
            : new PaydayReturnsOutcome([.. version2.Take(MaxReturnsRetrieved).Select(r => (r.IsNilReturn, XElement.Parse(r.FormFields)))]);
    }

    /// <summary>The returns a retrieve request names: its pay day's (in its period: else 161), or the one of its submission key; none is 103.</summary>
    private async Task<(IReadOnlyList<FiledReturn> Found, ReturnStatus? Refusal)> PaydayReturnsAsync(TaxAccount account, ReturnRequest request, CancellationToken cancellationToken)
    {
        var period = request.PeriodEnd!.Value;
        var payDay = request.PayDay!.Value;
        if (payDay.Year != period.Year || payDay.Month != period.Month)
        {
            return ([], ReturnStatus.PaydayNotInPeriod.Describe($"the pay day {ReturnRequest.Text(payDay)} is not in the period ending {ReturnRequest.Text(period)}"));
        }

        var found = (await returns.ListPaydayReturnsAsync(account.AccountId, payDay, cancellationToken))
            .Where(r => r.PeriodEnd == period && (request.SubmissionKey is not { } key || r.SubmissionKey == key))
            .ToList();
        return found.Count == 0 ? ([], ReturnStatus.NoReturnFound) : (found, null);
    }

    /// <summary>
    /// A return's status now: processing for <see cref="ProcessingTime"/> after it is filed or amended; then an amended one is AMN and a
    /// filed one processed on time (OPRCD) or late (LPRCD); a seeded status stands as seeded.
    /// </summary>
    private string StatusOf(FiledReturn filed, DateTimeOffset now)
    {
        if (filed.Status is not ("SUB" or "AMN"))
        {
            return filed.Status;
        }

        if (now - filed.LastSubmittedAt < ProcessingTime)
        {
            return "PRCG";
        }

        if (filed.Status == "AMN")
        {
            return "AMN";
        }

        return NewZealand.DateOf(filed.FiledAt) <= DueDate(filed.PayDay ?? filed.PeriodEnd) ? "OPRCD" : "LPRCD";
    }

    /// <summary>
    /// IR's time bar (180): a return originally filed more than four years ago cannot be amended. Counted in New Zealand
    /// days: one filed on 7 December 2022 can be amended until the end of 7 December 2026.
    /// </summary>
    public static bool TimeBarred(DateTimeOffset originallyFiled, DateTimeOffset now) =>
        NewZealand.DateOf(now) > NewZealand.DateOf(originallyFiled).AddYears(4);

    /// <summary>An EI return's due date: two working days after the pay day (weekends skipped; public holidays not counted).</summary>
    public static DateOnly DueDate(DateOnly payDay)
    {
        if (payDay.DayNumber > DateOnly.MaxValue.DayNumber - 4)
        {
            return DateOnly.MaxValue;
        }

        var due = payDay;
        for (var days = 0; days < 2;)
        {
            due = due.AddDays(1);
            if (due.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                days++;
            }
        }

        return due;
    }
}
