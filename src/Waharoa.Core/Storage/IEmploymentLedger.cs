using Waharoa.Employment;

namespace Waharoa.Storage;

/// <summary>
/// What the EI return does to the employer ledger: one employee's lines read, a line started, replaced or ended. The
/// store is one (each write its own transaction); so is the ledger a write of the Return service hands to its
/// <c>alsoInTheSameWrite</c>, whose changes share that write's transaction.
/// </summary>
public interface IEmploymentLedger
{
    /// <summary>The lines of employee <paramref name="employeeIrd"/> with account <paramref name="accountId"/>, in the order they were started.</summary>
    /// <remarks>
    /// In a write's ledger the employee's turn is taken first, as the store's own writes of that employee take it: what
    /// was read stays as read until the write commits, so a line replaced from it cannot undo an Update made meanwhile.
    /// </remarks>
    Task<IReadOnlyList<EmploymentLine>> ListEmploymentLinesAsync(string accountId, string employeeIrd, CancellationToken cancellationToken);

    /// <summary>
    /// Starts a new line (Create, or an EI line that starts an employment): <see cref="EmploymentWrite.Done"/>, or
    /// <see cref="EmploymentWrite.Overlaps"/>/<see cref="EmploymentWrite.OverlapsSeveral"/> with nothing stored when its
    /// dates overlap the employee's other valid lines with that account.
    /// </summary>
    /// <remarks>The caller picks a new <see cref="EmploymentLine.LineId"/>; the database refuses one that is taken.</remarks>
    Task<EmploymentWrite> StartEmploymentAsync(EmploymentLine line, CancellationToken cancellationToken);

    /// <summary>
    /// Replaces the line with <paramref name="line"/>'s <see cref="EmploymentLine.LineId"/> and account by
    /// <paramref name="line"/>, keeping its <see cref="EmploymentLine.CreatedAt"/> and <see cref="EmploymentLine.FinishDate"/>
    /// as stored (Update, which replaces every field it carries and carries no finish date; Terminate sets that):
    /// <see cref="EmploymentWrite.NotFound"/> when there is none, or an overlap when its new dates overlap other lines.
    /// </summary>
    Task<EmploymentWrite> ReplaceEmploymentLineAsync(EmploymentLine line, CancellationToken cancellationToken);

    /// <summary>
    /// Ends line <paramref name="lineId"/> of <paramref name="accountId"/> on <paramref name="finishDate"/> (Terminate, or
    /// an EI line that ends the employment), setting <see cref="EmploymentLine.UpdatedAt"/> to <paramref name="at"/>:
    /// <see cref="EmploymentWrite.NotFound"/> when there is none, or an overlap when the later finish reaches other lines.
    /// The caller checks that the finish is not before the start.
    /// </summary>
    Task<EmploymentWrite> FinishEmploymentAsync(string accountId, string lineId, DateOnly finishDate, DateTimeOffset at, CancellationToken cancellationToken);
}
