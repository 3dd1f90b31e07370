using System.Xml.Linq;
using Waharoa.Returns;
using Waharoa.Sandbox;
using Waharoa.Storage;
using static Waharoa.Server.Sandbox.Returns.ReturnsContract;

namespace Waharoa.Server.Sandbox.Returns;

/// <summary>
/// GST returns (v1) under the GST build pack's rules: the account's GST profile (a customer not registered for GST gets
/// status 4, as IR's mock template shows), its filing periods, the form it is expected to file, one return a period.
/// </summary>
internal sealed class GstReturnForm(IReturnStore returns, TimeProvider time) : IReturnForm
{
    private static readonly XNamespace Gst = GstNamespace;

    public string MajorFormType => GstProfile.MajorFormType;

    public ReturnsVersion Version => ReturnsVersion.V1;

    public string AccountType => GstProfile.MajorFormType;

    public string ProfileKey => GstProfile.MajorFormType;

    public bool AcceptsAccountType(string accountType) => accountType == GstProfile.MajorFormType;

    public bool IsOpen(TaxAccount account, ReturnProfile? profile) => profile is not null && !GstProfile.Read(profile.Settings).Closed;

    public async Task<ReturnOutcome> ExecuteAsync(TaxAccount account, ReturnProfile? profileRecord, ReturnRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(request);
        if (profileRecord is null)
        {
            // A customer not registered for GST (IR's mock template: status 4).
            return ReturnStatus.UnauthorisedDelegation;
        }

        var profile = GstProfile.Read(profileRecord.Settings);
        if (request.Operation == ReturnOperation.RetrieveFilingObligations)
        {
            return await ObligationsAsync(account.AccountId, profile, cancellationToken);
        }

        var period = request.PeriodEnd!.Value;
        if (!profile.IsFilingPeriod(period))
        {
            return ReturnStatus.InvalidFilingPeriod.Describe($"{ReturnRequest.Text(period)} does not end a {profile.Frequency.Text.ToLowerInvariant()} GST period of this account");
        }

        return request.Operation switch
        {
            ReturnOperation.Prepop => new PrepopOutcome(account.CustomerIrd, period, profile),
            ReturnOperation.File => await FileAsync(account.AccountId, profile, request, cancellationToken),
            _ => await RetrieveAsync(request.Operation, account.AccountId, profile, period, cancellationToken),
        };
    }

    private async Task<ReturnOutcome> FileAsync(string accountId, GstProfile profile, ReturnRequest request, CancellationToken cancellationToken)
    {
        var period = request.PeriodEnd!.Value;
        var filing = request.Filing!;
        if (period >= NewZealand.Today(time))
        {
            return ReturnStatus.InvalidFilingPeriod.Describe($"the period ending {ReturnRequest.Text(period)} has not ended");
        }

        if (FormProblem(profile, request, filing) is { } problem)
        {
            return ReturnStatus.UnableToFile.Describe(problem);
        }

        var fields = StoredFields(filing.FormFields);
        var now = time.GetUtcNow();
        if (filing.IsAmended)
        {
            var amended = await returns.AmendReturnAsync(accountId, GstProfile.MajorFormType, period, request.MinorFormType, filing.IsNilReturn, fields, "AMN", now, cancellationToken);
            return amended is null
                ? ReturnStatus.NoReturnFound.Describe($"there is no return for the period ending {ReturnRequest.Text(period)} to amend")
                : new FiledOutcome(ReturnsService.GatewayId(), amended.SubmissionKey);
        }

        return await ReturnsService.FileWithNewKeyAsync(
            key => returns.FileReturnAsync(
                new FiledReturn(accountId, GstProfile.MajorFormType, period, request.MinorFormType, key, "SUB", filing.IsNilReturn, fields, now, null, 0), cancellationToken),
            ReturnStatus.DuplicateReturn);
    }

    /// <summary>The build pack's rules for a File request's form, or null when it may be filed.</summary>
    private static string? FormProblem(GstProfile profile, ReturnRequest request, FilingFields filing)
    {
        var period = request.PeriodEnd!.Value;
        var expected = profile.ExpectedForm(period);
        if (request.MinorFormType is null)
        {
            return "minorFormType is required: the major and minor form types together determine the form";
        }

        if (!GstProfile.FormTypes.Contains(request.MinorFormType, StringComparer.Ordinal))
        {
            return $"minorFormType '{request.MinorFormType}' is not a GST form that can be filed here ({string.Join(", ", GstProfile.FormTypes)})";
        }

        if (request.MinorFormType != expected)
        {
            return $"this customer files GST{expected} for the period ending {ReturnRequest.Text(period)}, not GST{request.MinorFormType}";
        }

        var fields = filing.FormFields;
        var provisional = fields.Element(Gst + "provSpecificFields");
        if (expected == "101A" && provisional is not null)
        {
            return "provSpecificFields are for GST103 forms (provisional tax), not GST101A";
        }

        if (expected != "101A" && provisional is null)
        {
            return $"GST{expected} carries provisional tax: provSpecificFields are required";
        }

        if (fields.Element(Gst + "transitionalFields") is { } transitional)
        {
            var standard = (decimal)fields.Element(Gst + "gstSpecificFields")!.Element(Gst + "totalGST")!;
            var other = (decimal)transitional.Element(Gst + "totalGST")!;
            var total = (decimal)transitional.Element(Gst + "totalTransitionalAndStandardGST")!;
            if (total != standard + other)
            {
                return $"totalTransitionalAndStandardGST {total} is not the two totalGST added ({standard} + {other})";
            }
        }

        if (!filing.IsAmended)
        {
            return filing.AmendReason.Length > 0 || filing.AmendDetails.Length > 0
                ? "amendReason and amendDetails must be empty when isAmended is false"
                : null;
        }

        if (!ReturnsService.AmendReasons.Contains(filing.AmendReason, StringComparer.Ordinal))
        {
            return $"an amendment needs amendReason {string.Join(", ", ReturnsService.AmendReasons)}";
        }

        return filing.AmendDetails.Length == 0 ? "an amendment needs amendDetails" : null;
    }

    /// <summary>
    /// RetrieveStatus and RetrieveReturn: the return filed for the period. RetrieveStatus of a period not filed but
    /// outstanding gives its obligation's status (overdue or expected, IR's OVERDU and EXP) without a submission key;
    /// otherwise nothing filed is 103.
    /// </summary>
    private async Task<ReturnOutcome> RetrieveAsync(ReturnOperation operation, string accountId, GstProfile profile, DateOnly period, CancellationToken cancellationToken)
    {
        var filed = await returns.FindReturnAsync(accountId, GstProfile.MajorFormType, period, cancellationToken);
        if (filed is not null)
        {
            return operation == ReturnOperation.RetrieveStatus
                ? new StatusOutcome(filed.Status, filed.SubmissionKey)
                : new RetrievedOutcome(filed.IsNilReturn, XElement.Parse(filed.FormFields));
        }

        var today = NewZealand.Today(time);
        return operation == ReturnOperation.RetrieveStatus && Outstanding(profile, today).Contains(period)
            ? new StatusOutcome(ObligationStatus(period, today), null)
            : ReturnStatus.NoReturnFound;
    }

    /// <summary>
    /// The periods without a return, newest first: overdue once their due date has passed, else expected. A seeded list
    /// of outstanding periods is IR's view of the account; without one, every period from the first to the current one.
    /// </summary>
    private async Task<ReturnOutcome> ObligationsAsync(string accountId, GstProfile profile, CancellationToken cancellationToken)
    {
        var today = NewZealand.Today(time);
        var filed = (await returns.ListReturnsAsync(accountId, GstProfile.MajorFormType, cancellationToken)).Select(r => r.PeriodEnd).ToHashSet();
        var obligations = Outstanding(profile, today).Where(p => !filed.Contains(p)).OrderDescending().Select(p => (p, ObligationStatus(p, today))).ToList();
        return obligations.Count == 0 ? ReturnStatus.NoFilingObligations : new ObligationsOutcome(obligations);
    }

    /// <summary>
    /// The periods IR expects returns for: the profile's outstanding list (IR's view), else none for a closed account and
    /// every one from the first to the current for an open one.
    /// </summary>
    private static IReadOnlySet<DateOnly> Outstanding(GstProfile profile, DateOnly today)
    {
        if (profile.Outstanding is { } listed)
        {
            return listed.ToHashSet();
        }

        if (profile.Closed)
        {
            return new HashSet<DateOnly>();
        }

        var periods = new HashSet<DateOnly>();
        for (var period = profile.FirstPeriodEnd; period <= profile.Frequency.PeriodEndOn(today); period = profile.Frequency.Next(period))
        {
            periods.Add(period);
        }

        return periods;
    }

    private static string ObligationStatus(DateOnly period, DateOnly today) => GstFrequency.DueDate(period) < today ? "OVERDU" : "EXP";

    /// <summary>The stored form fields: the filed <c>rc:formFields</c>'s children under a <c>r:formFields</c>, as RetrieveReturn gives them back.</summary>
    private static string StoredFields(XElement formFields) =>
        new XElement(Gst + "formFields", new XAttribute(XNamespace.Xmlns + "r", GstNamespace), formFields.Elements().Select(e => new XElement(e)))
            .ToString(SaveOptions.DisableFormatting);
}
