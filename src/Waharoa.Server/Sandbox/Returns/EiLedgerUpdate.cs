using System.Text.Json.Nodes;
using System.Xml.Linq;
using Waharoa.Employment;
using Waharoa.Sandbox;
using Waharoa.Storage;
using static Waharoa.Server.Sandbox.Returns.EiFiling;

namespace Waharoa.Server.Sandbox.Returns;

/// <summary>
/// What a filed EI return tells IR of the employer's employees, applied to the employer ledger so that the next Prepop
/// (and the Employment service's RetrieveList) shows it: a line for an employee with no current employment starts one
/// (from its employmentStartDate); a line with an employmentFinishDate ends the current one; a line's tax code becomes
/// the employment's (IR's EI template EI049: after an EI with an employee on SA, Prepop shows SA). Employees without an
/// IRD number (000000000) are not matched.
/// </summary>
/// <remarks>
/// The return is filed first; a ledger change IR's records would refuse (dates overlapping another line) is left out
/// and the return stands, as IR processes EI lines after accepting the return.
/// </remarks>
internal sealed class EiLedgerUpdate(IEmploymentStore employment, TimeProvider time)
{
    public async Task ApplyAsync(TaxAccount account, DateOnly periodEnd, IReadOnlyList<XElement> lines, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(lines);
        var first = new DateOnly(periodEnd.Year, periodEnd.Month, 1);
        foreach (var line in lines)
        {
            var ird = Field(line, "irdNumber")!;
            if (ird == "000000000")
            {
                continue;
            }

            var start = Field(line, "employmentStartDate") is { } s ? ReturnRequest.Date(s) : (DateOnly?)null;
            var finish = Field(line, "employmentFinishDate") is { } f ? ReturnRequest.Date(f) : (DateOnly?)null;
            var taxCode = Field(line, "taxCode")!;
            var now = time.GetUtcNow();
            var current = (await employment.ListEmploymentLinesAsync(account.AccountId, ird, cancellationToken))
                .LastOrDefault(l => l.Valid && l.Overlaps(start ?? first, finish ?? periodEnd));
            if (current is null)
            {
                var name = Field(line, "employeeName")!;
                await employment.StartEmploymentAsync(
                    new EmploymentLine(Guid.NewGuid().ToString("N"), account.AccountId, account.CustomerIrd, ird, name, new EmployeeName(null, name, null, null),
                        [taxCode], start, finish, null, [], true, now, now),
                    cancellationToken);
                continue;
            }

            if (current.TaxCodes.FirstOrDefault() != taxCode)
            {
                current = current with { TaxCodes = [taxCode, .. current.TaxCodes.Skip(1)], UpdatedAt = now };
                await employment.ReplaceEmploymentLineAsync(current, cancellationToken);
            }

            if (finish is { } end && current.FinishDate is null && (current.StartDate is not { } began || began <= end))
            {
                await employment.FinishEmploymentAsync(account.AccountId, current.LineId, end, now, cancellationToken);
            }
        }
    }
}
