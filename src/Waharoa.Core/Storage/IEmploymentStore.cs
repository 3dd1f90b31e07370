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
public interface IEmploymentStore : IEmploymentLedger
{
    /// <summary>
    /// Every line of the employer account <paramref name="accountId"/>, valid or not, in the order they were started
    /// (<see cref="EmploymentLine.CreatedAt"/>, then <see cref="EmploymentLine.LineId"/>), as IR's RetrieveList lists them.
    /// For EI's Prepop: filter by <see cref="EmploymentLine.Valid"/> and <see cref="EmploymentLine.IsEmployedOn"/>.
    /// </summary>
    Task<IReadOnlyList<EmploymentLine>> ListEmploymentLinesAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>Adds or replaces a line as given, unchecked: for seed files, employment that began before the sandbox started.</summary>
    Task PutEmploymentLineAsync(EmploymentLine line, CancellationToken cancellationToken);

    /// <summary>The events IR raised for <paramref name="accountId"/>, in the order they were put.</summary>
    Task<IReadOnlyList<EmployerEvent>> ListEmployerEventsAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>Adds or replaces (by account and event identifier) an event IR raised: for seed files.</summary>
    Task PutEmployerEventAsync(EmployerEvent employerEvent, CancellationToken cancellationToken);
}
