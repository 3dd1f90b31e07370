using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Waharoa.Employment;

namespace Waharoa.Storage.Sql;

public abstract partial class SqlStore
{
    private const string LineColumns =
        "line_id, account_id, employer_ird, employee_ird, name_on_ei_line, name_title, name_first, name_surname, name_middle, tax_codes, "
        + "start_date, finish_date, date_of_birth, details, valid, created_at, updated_at";

    private const string LineOrder = "ORDER BY created_at, line_id";

    private const string DateFormat = "yyyy-MM-dd";

    /// <inheritdoc />
    public Task<IReadOnlyList<EmploymentLine>> ListEmploymentLinesAsync(string accountId, CancellationToken cancellationToken) =>
        ListAsync($"SELECT {LineColumns} FROM employment_lines WHERE account_id = @account {LineOrder}", ReadLine, cancellationToken, ("@account", accountId));

    /// <inheritdoc />
    public Task<IReadOnlyList<EmploymentLine>> ListEmploymentLinesAsync(string accountId, string employeeIrd, CancellationToken cancellationToken) =>
        ReadAsync((s, ct) => EmployeeLinesAsync(s, accountId, employeeIrd, ct), cancellationToken);

    private static ValueTask<IReadOnlyList<EmploymentLine>> EmployeeLinesAsync(SqlSession s, string accountId, string employeeIrd, CancellationToken ct) =>
        s.ListAsync(
            $"SELECT {LineColumns} FROM employment_lines WHERE account_id = @account AND employee_ird = @employee {LineOrder}",
            ReadLine,
            ct,
            ("@account", accountId),
            ("@employee", employeeIrd));

    /// <inheritdoc />
    public Task<EmploymentWrite> StartEmploymentAsync(EmploymentLine line, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(line);
        return WriteAsync((s, ct) => StartAsync(s, line, ct), cancellationToken);
    }

    private static async ValueTask<EmploymentWrite> StartAsync(SqlSession s, EmploymentLine line, CancellationToken ct)
    {
        var overlap = await OverlapAsync(s, line, line.StartDate, line.FinishDate, ct).ConfigureAwait(false);
        if (overlap != EmploymentWrite.Done)
        {
            return overlap;
        }

        await s.ExecuteAsync(InsertLine, ct, LineParameters(line)).ConfigureAwait(false);
        return EmploymentWrite.Done;
    }

    /// <inheritdoc />
    public Task<EmploymentWrite> ReplaceEmploymentLineAsync(EmploymentLine line, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(line);
        return WriteAsync((s, ct) => ReplaceAsync(s, line, ct), cancellationToken);
    }

    private static async ValueTask<EmploymentWrite> ReplaceAsync(SqlSession s, EmploymentLine line, CancellationToken ct)
    {
        var current = await HoldLineAsync(s, line.AccountId, line.LineId, line.EmployeeIrd, ct).ConfigureAwait(false);
        if (current is null)
        {
            return EmploymentWrite.NotFound;
        }

        // The finish date stays as stored: Update carries none, and a Terminate that committed after the caller read the
        // line is not undone by a copy read before it. The new employee's turn is among those held.
        var overlap = line.Valid
            ? await CountOverlapsAsync(s, line, line.StartDate, current.FinishDate, ct).ConfigureAwait(false)
            : EmploymentWrite.Done;
        if (overlap != EmploymentWrite.Done)
        {
            return overlap;
        }

        await s.ExecuteAsync(UpdateLine, ct, LineParameters(line with { CreatedAt = current.CreatedAt, FinishDate = current.FinishDate })).ConfigureAwait(false);
        return EmploymentWrite.Done;
    }

    /// <inheritdoc />
    public Task<EmploymentWrite> FinishEmploymentAsync(string accountId, string lineId, DateOnly finishDate, DateTimeOffset at, CancellationToken cancellationToken) =>
        WriteAsync((s, ct) => FinishAsync(s, accountId, lineId, finishDate, at, ct), cancellationToken);

    private static async ValueTask<EmploymentWrite> FinishAsync(SqlSession s, string accountId, string lineId, DateOnly finishDate, DateTimeOffset at, CancellationToken ct)
    {
        var current = await HoldLineAsync(s, accountId, lineId, null, ct).ConfigureAwait(false);
        if (current is null)
        {
            return EmploymentWrite.NotFound;
        }

        var overlap = current.Valid
            ? await CountOverlapsAsync(s, current, current.StartDate, finishDate, ct).ConfigureAwait(false)
            : EmploymentWrite.Done;
        if (overlap != EmploymentWrite.Done)
        {
            return overlap;
        }

        await s.ExecuteAsync(
            "UPDATE employment_lines SET finish_date = @finish, updated_at = @at WHERE line_id = @line",
            ct,
            ("@finish", Date(finishDate)),
            ("@at", UnixMs(at)),
            ("@line", lineId)).ConfigureAwait(false);
        return EmploymentWrite.Done;
    }

    /// <summary>
    /// Line <paramref name="lineId"/> of <paramref name="accountId"/> (or null) as it stands once the turns of its employee,
    /// and of <paramref name="movingTo"/> when the write moves it to another, are held: read again after they are taken,
    /// so that what the write checks and keeps is what an Update or a Terminate committed while it waited left, and
    /// taken in the order of the employees' numbers, so that two moves in opposite directions cannot wait on each other.
    /// (Should the line have moved to yet another employee meanwhile, that one's turn is taken next, out of that order: a
    /// deadlock is then possible, which PostgreSQL ends by undoing one of the writes, and the store runs that one again.)
    /// </summary>
    private static async ValueTask<EmploymentLine?> HoldLineAsync(SqlSession s, string accountId, string lineId, string? movingTo, CancellationToken ct)
    {
        var current = await LineAsync(s, accountId, lineId, ct).ConfigureAwait(false);
        var held = new HashSet<string>(StringComparer.Ordinal);
        while (current is not null && !held.Contains(current.EmployeeIrd))
        {
            var newlyHeld = new List<string>(2);
            foreach (var employee in (string?[])[current.EmployeeIrd, movingTo])
            {
                if (employee is not null && held.Add(employee))
                {
                    newlyHeld.Add(employee);
                }
            }

            newlyHeld.Sort(StringComparer.Ordinal);
            foreach (var employee in newlyHeld)
            {
                await TakeTurnAsync(s, accountId, employee, ct).ConfigureAwait(false);
            }

            current = await LineAsync(s, accountId, lineId, ct).ConfigureAwait(false);
        }

        return current;
    }

    private static ValueTask<EmploymentLine?> LineAsync(SqlSession s, string accountId, string lineId, CancellationToken ct) =>
        s.SingleAsync($"SELECT {LineColumns} FROM employment_lines WHERE line_id = @line AND account_id = @account", ReadLine, ct, ("@line", lineId), ("@account", accountId));

    /// <summary>The employer ledger inside one write of the store: what it does lands in that write's transaction.</summary>
    private sealed class LedgerInWrite(SqlSession session) : IEmploymentLedger
    {
        public async Task<IReadOnlyList<EmploymentLine>> ListEmploymentLinesAsync(string accountId, string employeeIrd, CancellationToken cancellationToken)
        {
            await TakeTurnAsync(session, accountId, employeeIrd, cancellationToken).ConfigureAwait(false);
            return await EmployeeLinesAsync(session, accountId, employeeIrd, cancellationToken).ConfigureAwait(false);
        }

        public Task<EmploymentWrite> StartEmploymentAsync(EmploymentLine line, CancellationToken cancellationToken) =>
            StartAsync(session, line, cancellationToken).AsTask();

        public Task<EmploymentWrite> ReplaceEmploymentLineAsync(EmploymentLine line, CancellationToken cancellationToken) =>
            ReplaceAsync(session, line, cancellationToken).AsTask();

        public Task<EmploymentWrite> FinishEmploymentAsync(string accountId, string lineId, DateOnly finishDate, DateTimeOffset at, CancellationToken cancellationToken) =>
            FinishAsync(session, accountId, lineId, finishDate, at, cancellationToken).AsTask();
    }

    /// <inheritdoc />
    public Task PutEmploymentLineAsync(EmploymentLine line, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(line);
        return ExecuteAsync(
            $"""
            {InsertLine}
            ON CONFLICT (line_id) DO UPDATE SET account_id = excluded.account_id, employer_ird = excluded.employer_ird,
                employee_ird = excluded.employee_ird, name_on_ei_line = excluded.name_on_ei_line, name_title = excluded.name_title,
                name_first = excluded.name_first, name_surname = excluded.name_surname, name_middle = excluded.name_middle,
                tax_codes = excluded.tax_codes, start_date = excluded.start_date, finish_date = excluded.finish_date,
                date_of_birth = excluded.date_of_birth, details = excluded.details, valid = excluded.valid,
                created_at = excluded.created_at, updated_at = excluded.updated_at
            """,
            cancellationToken,
            LineParameters(line));
    }

    private const string InsertLine =
        $"""
        INSERT INTO employment_lines ({LineColumns}) VALUES (@line, @account, @employer, @employee, @ei_name, @title, @first, @surname,
            @middle, @tax_codes, @start, @finish, @birth, @details, @valid, @created, @updated)
        """;

    private const string UpdateLine =
        """
        UPDATE employment_lines SET employee_ird = @employee, name_on_ei_line = @ei_name, name_title = @title, name_first = @first,
            name_surname = @surname, name_middle = @middle, tax_codes = @tax_codes, start_date = @start,
            date_of_birth = @birth, details = @details, valid = @valid, updated_at = @updated
        WHERE line_id = @line AND account_id = @account
        """;

    /// <summary>
    /// Takes this employee's turn (the upsert holds its row until the write commits, so a second writer for the same
    /// employee waits, then reads what the first wrote), then <see cref="CountOverlapsAsync"/>.
    /// </summary>
    private static async ValueTask<EmploymentWrite> OverlapAsync(SqlSession s, EmploymentLine line, DateOnly? start, DateOnly? finish, CancellationToken ct)
    {
        await TakeTurnAsync(s, line.AccountId, line.EmployeeIrd, ct).ConfigureAwait(false);
        return await CountOverlapsAsync(s, line, start, finish, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// With the employee's turn held: counts the same employee's valid lines other than <paramref name="line"/> that the
    /// days from <paramref name="start"/> to <paramref name="finish"/> overlap (employees without an IRD number are told
    /// apart by their name on EI lines).
    /// </summary>
    private static async ValueTask<EmploymentWrite> CountOverlapsAsync(SqlSession s, EmploymentLine line, DateOnly? start, DateOnly? finish, CancellationToken ct)
    {
        var others = await s.ListAsync(
            $"SELECT {LineColumns} FROM employment_lines WHERE account_id = @account AND employee_ird = @employee AND line_id <> @line AND valid = @valid",
            ReadLine,
            ct,
            ("@account", line.AccountId),
            ("@employee", line.EmployeeIrd),
            ("@line", line.LineId),
            ("@valid", true)).ConfigureAwait(false);
        return others.Count(o => o.IsEmployee(line.EmployeeIrd, line.NameOnEiLine) && o.Overlaps(start, finish)) switch
        {
            0 => EmploymentWrite.Done,
            1 => EmploymentWrite.Overlaps,
            _ => EmploymentWrite.OverlapsSeveral,
        };
    }

    private static ValueTask<int> TakeTurnAsync(SqlSession s, string accountId, string employeeIrd, CancellationToken ct) =>
        s.ExecuteAsync(
            """
            INSERT INTO employment_writers (account_id, employee_ird, writes) VALUES (@account, @employee, 1)
            ON CONFLICT (account_id, employee_ird) DO UPDATE SET writes = employment_writers.writes + 1
            """,
            ct,
            ("@account", accountId),
            ("@employee", employeeIrd));

    private static (string, object?)[] LineParameters(EmploymentLine line) =>
    [
        ("@line", line.LineId),
        ("@account", line.AccountId),
        ("@employer", line.EmployerIrd),
        ("@employee", line.EmployeeIrd),
        ("@ei_name", line.NameOnEiLine),
        ("@title", line.Name.Title),
        ("@first", line.Name.First),
        ("@surname", line.Name.Surname),
        ("@middle", line.Name.Middle),
        ("@tax_codes", JsonSerializer.Serialize(line.TaxCodes.ToArray(), StoreJson.Default.StringArray)),
        ("@start", Date(line.StartDate)),
        ("@finish", Date(line.FinishDate)),
        ("@birth", Date(line.DateOfBirth)),
        ("@details", line.Details.ToJsonString()),
        ("@valid", line.Valid),
        ("@created", UnixMs(line.CreatedAt)),
        ("@updated", UnixMs(line.UpdatedAt)),
    ];

    private static string? Date(DateOnly? value) => value?.ToString(DateFormat, CultureInfo.InvariantCulture);

    private static DateOnly? DateOrNull(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateOnly.ParseExact(reader.GetString(ordinal), DateFormat, CultureInfo.InvariantCulture);

    private static EmploymentLine ReadLine(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4),
        new EmployeeName(TextOrNull(reader, 5), reader.GetString(6), TextOrNull(reader, 7), TextOrNull(reader, 8)),
        TextList(reader.GetString(9)),
        DateOrNull(reader, 10),
        DateOrNull(reader, 11),
        DateOrNull(reader, 12),
        JsonNode.Parse(reader.GetString(13))!.AsObject(),
        reader.GetBoolean(14),
        Time(reader, 15),
        Time(reader, 16));
}
