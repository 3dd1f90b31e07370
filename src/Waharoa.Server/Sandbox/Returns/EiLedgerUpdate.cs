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
/// IRD number (<see cref="EmploymentLine.UnknownIrd"/>) are not matched.
/// </summary>
/// <remarks>
/// It runs in the write that files (or amends) the return, on the ledger that write hands it: the return and its effect
/// on the employer's records are stored together or not at all. A ledger change IR's records would refuse (dates
/// overlapping another line) is left out and the return stands, as IR processes EI lines after accepting the return.
/// </remarks>
internal sealed class EiLedgerUpdate(TimeProvider time)
{
    public async Task ApplyAsync(IEmploymentLedger employment, TaxAccount account, DateOnly periodEnd, IReadOnlyList<XElement> lines, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(employment);
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(lines);
        var first = new DateOnly(periodEnd.Year, periodEnd.Month, 1);

        // Employee by employee in the order of their IRD numbers (each one's lines in the return's order): every write
        // takes the employees' turns in that order, so that two returns, or a return and an Update, cannot wait on each other.
        foreach (var line in lines.OrderBy(l => Field(l, "irdNumber"), StringComparer.Ordinal))
        {
            var ird = Field(line, "irdNumber")!;
            if (ird == EmploymentLine.UnknownIrd)
            {
                continue;
            }

            var start = Field(line, "employmentStartDate") is { } s ? ReturnRequest.Date(s) : (DateOnly?)null;
            var finish = Field(line, "employmentFinishDate") is { } f ? ReturnRequest.Date(f) : (DateOnly?)null;
            var taxCode = Field(line, "taxCode")!;
            if (start is { } from && finish is { } to && to < from)
            {
                // The Employment service refuses such dates (107); the return stands, the records do not change.
                continue;
            }

            var now = time.GetUtcNow();
            var current = (await employment.ListEmploymentLinesAsync(account.AccountId, ird, cancellationToken))
                .LastOrDefault(l => l.Valid && l.Overlaps(start ?? first, finish ?? periodEnd));
            if (current is null)
            {
                var name = Field(line, "employeeName")!;
                await employment.StartEmploymentAsync(
                    new EmploymentLine(Guid.NewGuid().ToString("N"), account.AccountId, account.CustomerIrd, ird, name, NameOf(name),
                        [taxCode], start, finish, null, [], true, now, now),
                    cancellationToken);
                continue;
            }

            var codes = WithFiledCode(current.TaxCodes, taxCode);
            if (!codes.SequenceEqual(current.TaxCodes))
            {
                current = current with { TaxCodes = codes, UpdatedAt = now };
                await employment.ReplaceEmploymentLineAsync(current, cancellationToken);
            }

            if (finish is { } end && current.FinishDate is null && (current.StartDate is not { } began || began <= end))
            {
                await employment.FinishEmploymentAsync(account.AccountId, current.LineId, end, now, cancellationToken);
            }
        }
    }

    /// <summary>
    /// The name parts of an employee known only by an EI line's name (up to 255 characters): the last word is the surname,
    /// the rest the first name, each cut to Common.v2's 100 characters so that RetrieveList can give them back.
    /// </summary>
    internal static EmployeeName NameOf(string name)
    {
        var trimmed = name.Trim();
        var space = trimmed.LastIndexOf(' ');
        var (first, surname) = space > 0 ? (trimmed[..space].TrimEnd(), trimmed[(space + 1)..]) : (trimmed, null);
        return new EmployeeName(null, Cut(first), surname is null ? null : Cut(surname), null);

        static string Cut(string part) => part.Length <= 100 ? part : part[..100];
    }

    /// <summary>
    /// The employment's tax codes once an EI line was filed with <paramref name="filed"/>: unchanged when it holds it; the
    /// one code replaced when it has one (IR's EI049: M filed as SA becomes SA); of several, a primary code (M, ME, with or
    /// without SL) replaces the primary one, so that there is never more than one (IR's 109), and another code replaces
    /// the first of the others, or is added when there are none and room is left (at most four).
    /// </summary>
    internal static IReadOnlyList<string> WithFiledCode(IReadOnlyList<string> codes, string filed)
    {
        if (codes.Contains(filed))
        {
            return codes;
        }

        if (codes.Count <= 1)
        {
            return [filed];
        }

        var replaced = TaxCodes.Primary.Contains(filed)
            ? codes.ToList().FindIndex(TaxCodes.Primary.Contains)
            : codes.ToList().FindIndex(c => !TaxCodes.Primary.Contains(c));
        if (replaced >= 0)
        {
            return [.. codes.Take(replaced), filed, .. codes.Skip(replaced + 1)];
        }

        return codes.Count < 4 ? [.. codes, filed] : [filed, .. codes.Skip(1)];
    }
}
