using Waharoa.Employment;

namespace Waharoa.Storage;

/// <summary>
/// The employer ledger: the employment lines of each employer's PAYE account, shared by the Employment service (which
/// starts, replaces and ends them) and the EI return (which lists an account's current employees and may start or end a
/// line from a filed EI line). Every write is atomic and durable once its task completes; a refused write stores nothing.
/// </summary>
/// <remarks>
/// Overlaps are checked against the employee's other <see cref="EmploymentLine.Valid"/> lines with the same account,
/// open ends running forever, inside the write's transaction: two writers for the same employee take turns.
/// </remarks>
public interface IEmploymentStore
{
    /// <summary>
    /// Every line of the employer account <paramref name="accountId"/>, valid or not, in the order they were started
    /// (<see cref="EmploymentLine.CreatedAt"/>, then <see cref="EmploymentLine.LineId"/>), as IR's RetrieveList lists them.
    /// For EI's Prepop: filter by <see cref="EmploymentLine.Valid"/> and <see cref="EmploymentLine.IsEmployedOn"/>.
    /// </summary>
    Task<IReadOnlyList<EmploymentLine>> ListEmploymentLinesAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>The lines of employee <paramref name="employeeIrd"/> with account <paramref name="accountId"/>, in the same order.</summary>
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

    /// <summary>Adds or replaces a line as given, unchecked: for seed files, employment that began before the sandbox started.</summary>
    Task PutEmploymentLineAsync(EmploymentLine line, CancellationToken cancellationToken);

    /// <summary>The events IR raised for <paramref name="accountId"/>, in the order they were put.</summary>
    Task<IReadOnlyList<EmployerEvent>> ListEmployerEventsAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>Adds or replaces (by account and event identifier) an event IR raised: for seed files.</summary>
    Task PutEmployerEventAsync(EmployerEvent employerEvent, CancellationToken cancellationToken);
}
