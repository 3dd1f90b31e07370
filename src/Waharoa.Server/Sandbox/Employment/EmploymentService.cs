using Waharoa.Customers;
using Waharoa.Delegation;
using Waharoa.Employment;
using Waharoa.Sandbox;
using Waharoa.Server.Sandbox.Returns;
using Waharoa.Storage;

namespace Waharoa.Server.Sandbox.Employment;

/// <summary>
/// The Employment service's operations over the employer ledger: the employer the header names, whether the caller may
/// act for it (the employer, a logon given access, or an intermediary whose client list links its EMP account; File
/// access to change, View to read: else status 4), then the operation under the build pack's rules. A refused request
/// stores nothing.
/// </summary>
internal sealed class EmploymentService(ICustomerStore customers, IEmploymentStore ledger, DelegationModel delegation, TimeProvider time)
{
    private readonly EmploymentFieldRules _rules = new(time);

    /// <summary>The account types any Gateway Service knows (build pack §5.1, code 7 for any other).</summary>
    private static readonly HashSet<string> GatewayAccountTypes = new(StringComparer.Ordinal)
    {
        "AIL", "AIP", "BPA", "MPO", "CRS", "DWT", "FAT", "FBT", "GMD", "GSD", "GST", "IPS", "NRT", "PIE", "PRS", "PSO", "EMP", "RLT", "RWT",

        // Not in the build pack's list, but IR's Event sample ES-11 answers INC with 4, not 7.
        "INC",
    };

    /// <summary>The most events one call returns (build pack, code 142).</summary>
    private const int MaxEvents = 5000;


    /// <summary>Fields only Create carries: an Update, which replaces everything else, keeps them.</summary>
    private static readonly string[] CreateOnly = ["kiwiSaverStatus", "employeeExemptIncome"];

    public async Task<EmploymentOutcome> ExecuteAsync(SandboxCaller caller, EmploymentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Header.AccountType is { } type && !GatewayAccountTypes.Contains(type))
        {
            return EmploymentStatus.AccountTypeNotSupported;
        }

        // Changes need File (or Full) access; RetrieveList and Event read, which View allows (IR's access levels).
        // RetrieveList is not available to payroll bureaus (build pack §2.2, §3.4): their client lists give no access to it.
        var needed = request.Operation is EmploymentOperation.RetrieveList or EmploymentOperation.Event ? AccessLevel.View : AccessLevel.File;
        var notThrough = request.Operation == EmploymentOperation.RetrieveList ? ClientListType.PRBCLI : (ClientListType?)null;
        var account = await EmployerAsync(request.Header, cancellationToken);
        if (account is null || !(await delegation.ReachCustomerAsync(caller, account.CustomerIrd, notThrough, cancellationToken)).Reaches("EMP", needed))
        {
            // IR's Event samples spell it with a lower-case d; its other samples with a capital.
            return request.Operation == EmploymentOperation.Event
                ? EmploymentStatus.UnauthorisedDelegation with { Message = "Unauthorised delegation" }
                : EmploymentStatus.UnauthorisedDelegation;
        }

        return request.Operation switch
        {
            EmploymentOperation.Create => await CreateAsync(account, request.Fields!, cancellationToken),
            EmploymentOperation.Update => await UpdateAsync(account, request.Employee!, request.Fields!, cancellationToken),
            EmploymentOperation.Terminate => await TerminateAsync(account, request.Employee!, request.FinishDate!.Value, cancellationToken),
            EmploymentOperation.RetrieveList => await ListAsync(account, request.EmployeeIrd, cancellationToken),
            _ => await EventsAsync(account, request.Events!, cancellationToken),
        };
    }

    /// <summary>
    /// The employer's EMP account the header names: an ACC identifier names it; an IRD or ACCIRD identifier names the
    /// employer, whose open EMP account is meant (build pack §3: a bankrupt employer's ceased account by ACC only). The
    /// account type must be EMP or PSO, both meaning the PAYE account.
    /// </summary>
    private async Task<TaxAccount?> EmployerAsync(EmploymentHeader header, CancellationToken cancellationToken)
    {
        if (header.AccountType is not ("EMP" or "PSO"))
        {
            return null;
        }

        var identifier = header.Identifier.Replace("-", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal);
        switch (header.IdentifierType)
        {
            case "ACC":
                var account = await customers.FindAccountAsync(identifier, cancellationToken);
                return account?.AccountType == "EMP" ? account : null;
            case "IRD" or "ACCIRD":
                // IR's sample data holds numbers that fail the check digit: the employer is looked up, not the number judged.
                var accounts = await customers.ListAccountsAsync(identifier.PadLeft(9, '0'), cancellationToken);
                return accounts.FirstOrDefault(a => a.AccountType == "EMP" && !Ceased(a));
            default:
                return null;
        }
    }

    /// <summary>An account whose details give a status other than active (ACT) has ceased.</summary>
    private static bool Ceased(TaxAccount account) => account.IsCeased;

    private async Task<EmploymentOutcome> CreateAsync(TaxAccount account, EmployeeFields fields, CancellationToken cancellationToken)
    {
        if ((_rules.EmployeeProblem(account, fields) ?? EmploymentFieldRules.CreateKiwiSaverProblem(fields)) is { } problem)
        {
            return problem;
        }

        var now = time.GetUtcNow();
        var line = new EmploymentLine(
            Guid.NewGuid().ToString("N"), account.AccountId, account.CustomerIrd, fields.Ird, fields.NameOnEiLine, fields.Name, fields.TaxCodes, fields.StartDate,
            fields.FinishDate, fields.DateOfBirth, fields.Details, Valid: true, now, now);
        return await ledger.StartEmploymentAsync(line, cancellationToken) switch
        {
            EmploymentWrite.Done => EmploymentStatus.Success,
            EmploymentWrite.Overlaps => EmploymentStatus.RelationshipExists,
            _ => EmploymentStatus.OverlapsSeveral,
        };
    }

    private async Task<EmploymentOutcome> UpdateAsync(TaxAccount account, EmployeeIdentifier employee, EmployeeFields fields, CancellationToken cancellationToken)
    {
        var line = await FindAsync(account, employee, cancellationToken);
        if (line is null)
        {
            return EmploymentStatus.NoMatchingRelationship;
        }

        if ((_rules.EmployeeProblem(account, fields) ?? _rules.OptOutProblem(fields)) is { } problem)
        {
            return problem;
        }

        var details = fields.Details.DeepClone().AsObject();
        foreach (var key in CreateOnly.Where(k => line.Details.ContainsKey(k)))
        {
            details[key] = line.Details[key]!.DeepClone();
        }

        var replaced = line with
        {
            EmployeeIrd = fields.Ird,
            NameOnEiLine = fields.NameOnEiLine,
            Name = fields.Name,
            TaxCodes = fields.TaxCodes,
            StartDate = fields.StartDate,
            DateOfBirth = fields.DateOfBirth,
            Details = details,
            Valid = fields.ValidRelationship,
            UpdatedAt = time.GetUtcNow(),
        };
        if (replaced.StartDate is { } start && replaced.FinishDate is { } finish && finish < start)
        {
            return EmploymentStatus.CeaseBeforeCommence;
        }

        return await ledger.ReplaceEmploymentLineAsync(replaced, cancellationToken) switch
        {
            EmploymentWrite.Done => EmploymentStatus.Success,
            EmploymentWrite.NotFound => EmploymentStatus.NoMatchingRelationship,
            _ => EmploymentStatus.OverlapsSeveral,
        };
    }

    private async Task<EmploymentOutcome> TerminateAsync(TaxAccount account, EmployeeIdentifier employee, DateOnly finish, CancellationToken cancellationToken)
    {
        var line = await FindAsync(account, employee, cancellationToken);
        if (line is null)
        {
            return EmploymentStatus.NoMatchingRelationship;
        }

        if (line.StartDate is { } start && finish < start)
        {
            return EmploymentStatus.CeaseBeforeCommence;
        }

        return await ledger.FinishEmploymentAsync(account.AccountId, line.LineId, finish, time.GetUtcNow(), cancellationToken) switch
        {
            EmploymentWrite.Done => EmploymentStatus.Success,
            EmploymentWrite.NotFound => EmploymentStatus.NoMatchingRelationship,
            _ => EmploymentStatus.OverlapsSeveral,
        };
    }

    private async Task<EmploymentOutcome> ListAsync(TaxAccount account, string? employeeIrd, CancellationToken cancellationToken)
    {
        var lines = employeeIrd is null
            ? await ledger.ListEmploymentLinesAsync(account.AccountId, cancellationToken)
            : await ledger.ListEmploymentLinesAsync(account.AccountId, employeeIrd, cancellationToken);
        var valid = lines.Where(l => l.Valid).ToList();
        return valid.Count == 0 ? EmploymentStatus.NoEmployees : new ListOutcome(valid);
    }

    /// <summary>
    /// Event: the employer's events raised from <c>eventFrom</c> to <c>eventTo</c> (default today, New Zealand's date),
    /// of one employee and one type when given.
    /// </summary>
    private async Task<EmploymentOutcome> EventsAsync(TaxAccount account, EventQuery query, CancellationToken cancellationToken)
    {
        if (query.EventType is { } type && !EmployerEvents.Types.Contains(type))
        {
            return EmploymentStatus.InvalidEventType;
        }

        var today = NewZealand.Today(time);
        if (query.From > today)
        {
            return EmploymentStatus.EventFromInFuture;
        }

        var to = query.To ?? today;
        if (query.From > to)
        {
            return EmploymentStatus.EventFromAfterTo;
        }

        var events = (await ledger.ListEmployerEventsAsync(account.AccountId, cancellationToken))
            .Where(e => (query.EmployeeIrd is null || e.EmployeeIrd == query.EmployeeIrd) && (query.EventType is null || e.Type == query.EventType))
            .Where(e => DateOnly.FromDateTime(e.Created) >= query.From && DateOnly.FromDateTime(e.Created) <= to)
            .ToList();
        return events.Count > MaxEvents ? EmploymentStatus.TooManyEvents : new EventsOutcome(events);
    }

    /// <summary>The line <paramref name="employee"/> identifies; of several, the one started last.</summary>
    private async Task<EmploymentLine?> FindAsync(TaxAccount account, EmployeeIdentifier employee, CancellationToken cancellationToken) =>
        (await ledger.ListEmploymentLinesAsync(account.AccountId, employee.Ird, cancellationToken))
            .Where(employee.Matches)
            .OrderBy(l => l.StartDate ?? DateOnly.MinValue)
            .LastOrDefault();
}
