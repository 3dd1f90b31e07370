using System.Data.Common;
using System.Globalization;
using System.Text.Json.Nodes;
using Waharoa.Returns;

namespace Waharoa.Storage.Sql;

public abstract partial class SqlStore
{
    private const string ProfileColumns = "account_id, major_form_type, settings";

    private const string ReturnColumns =
        "account_id, major_form_type, period_end, minor_form_type, submission_key, status, is_nil, form_fields, filed_at, amended_at, amendments, pay_day, payload_hash, "
        + "originally_filed_at";

    // The return that is its period's only one (a GST return; not a pay day's).
    private const string ThisReturn = "account_id = @account AND major_form_type = @major AND period_end = @period AND pay_day IS NULL";

    // Without a conflict target, the insert does nothing when either the period or the submission key is taken.
    private const string InsertReturn =
        $"INSERT INTO filed_returns ({ReturnColumns}) VALUES (@account, @major, @period, @minor, @key, @status, @nil, @fields, @filed, @amended, @amendments, @payday, @hash, @original)";

    // Periods are kept as ISO dates, whose order as text is their order as dates.
    private const string PeriodFormat = "yyyy-MM-dd";

    /// <inheritdoc />
    public ValueTask<ReturnProfile?> FindReturnProfileAsync(string accountId, string majorFormType, CancellationToken cancellationToken) =>
        new(SingleAsync(
            $"SELECT {ProfileColumns} FROM return_profiles WHERE account_id = @account AND major_form_type = @major",
            r => new ReturnProfile(r.GetString(0), r.GetString(1), JsonNode.Parse(r.GetString(2))!.AsObject()),
            cancellationToken,
            ("@account", accountId),
            ("@major", majorFormType)));

    /// <inheritdoc />
    public Task PutReturnProfileAsync(ReturnProfile profile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return ExecuteAsync(
            $"""
            INSERT INTO return_profiles ({ProfileColumns}) VALUES (@account, @major, @settings)
            ON CONFLICT (account_id, major_form_type) DO UPDATE SET settings = excluded.settings
            """,
            cancellationToken,
            ("@account", profile.AccountId),
            ("@major", profile.MajorFormType),
            ("@settings", profile.Settings.ToJsonString()));
    }

    /// <inheritdoc />
    public ValueTask<FiledReturn?> FindReturnAsync(string accountId, string majorFormType, DateOnly periodEnd, CancellationToken cancellationToken) =>
        new(SingleAsync($"SELECT {ReturnColumns} FROM filed_returns WHERE {ThisReturn}", ReadReturn, cancellationToken, ReturnKey(accountId, majorFormType, periodEnd)));

    /// <inheritdoc />
    public Task<IReadOnlyList<FiledReturn>> ListReturnsAsync(string accountId, string majorFormType, CancellationToken cancellationToken) =>
        ListAsync(
            $"SELECT {ReturnColumns} FROM filed_returns WHERE account_id = @account AND major_form_type = @major ORDER BY period_end DESC",
            ReadReturn,
            cancellationToken,
            ("@account", accountId),
            ("@major", majorFormType));

    /// <inheritdoc />
    /// <remarks>
    /// When the insert finds either place taken, whichever return took it has committed (PostgreSQL's insert waits for
    /// it), so the query that follows sees whether the period is the one taken.
    /// </remarks>
    public Task<ReturnFiling> FileReturnAsync(FiledReturn filed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filed);
        return WriteAsync(
            async (s, ct) =>
            {
                if (await s.ExecuteAsync($"{InsertReturn} ON CONFLICT DO NOTHING", ct, ReturnParameters(filed)).ConfigureAwait(false) == 1)
                {
                    return ReturnFiling.Filed;
                }

                return await s.ExistsAsync($"SELECT 1 FROM filed_returns WHERE {ThisReturn}", ct, ReturnKey(filed.AccountId, filed.MajorFormType, filed.PeriodEnd)).ConfigureAwait(false)
                    ? ReturnFiling.Duplicate
                    : ReturnFiling.KeyTaken;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<FiledReturn?> AmendReturnAsync(
        string accountId, string majorFormType, DateOnly periodEnd, string? minorFormType, bool isNilReturn, string formFields, string status,
        DateTimeOffset at, CancellationToken cancellationToken) =>
        WriteStatementAsync(
            (s, ct) => s.SingleAsync(
                $"""
                UPDATE filed_returns SET minor_form_type = @minor, is_nil = @nil, form_fields = @fields, status = @status,
                    amended_at = @at, amendments = amendments + 1
                WHERE {ThisReturn}
                RETURNING {ReturnColumns}
                """,
                ReadReturn,
                ct,
                [
                    .. ReturnKey(accountId, majorFormType, periodEnd),
                    ("@minor", minorFormType),
                    ("@nil", isNilReturn),
                    ("@fields", formFields),
                    ("@status", status),
                    ("@at", UnixMs(at)),
                ]),
            cancellationToken);

    /// <inheritdoc />
    public ValueTask<FiledReturn?> FindReturnByKeyAsync(long submissionKey, CancellationToken cancellationToken) =>
        new(SingleAsync($"SELECT {ReturnColumns} FROM filed_returns WHERE submission_key = @key", ReadReturn, cancellationToken, ("@key", submissionKey)));

    /// <inheritdoc />
    public Task<IReadOnlyList<FiledReturn>> ListPaydayReturnsAsync(string accountId, DateOnly payDay, CancellationToken cancellationToken) =>
        ListAsync(
            $"SELECT {ReturnColumns} FROM filed_returns WHERE account_id = @account AND pay_day = @payday ORDER BY filed_at, submission_key",
            ReadReturn,
            cancellationToken,
            ("@account", accountId),
            ("@payday", payDay.ToString(PeriodFormat, CultureInfo.InvariantCulture)));

    /// <inheritdoc />
    /// <remarks>The duplicate check, the insert and the ledger's changes are one transaction.</remarks>
    public Task<ReturnFiling> FilePaydayReturnAsync(
        FiledReturn filed, DateTimeOffset duplicateSince, Func<IEmploymentLedger, CancellationToken, Task>? alsoInTheSameWrite, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filed);
        if (filed.PayDay is null)
        {
            throw new ArgumentException("A pay day's return needs its pay day.", nameof(filed));
        }

        return WriteAsync(
            async (s, ct) =>
            {
                // Two identical returns at the same moment: the second waits for the first's commit and then finds it (160).
                // SQLite's writes are serial already; PostgreSQL's READ COMMITTED needs the pay day's writers to take turns,
                // under a key of the writers' table that no employee IRD number can be.
                await TakeTurnAsync(s, filed.AccountId, "payday:" + filed.PayDay.Value.ToString(PeriodFormat, CultureInfo.InvariantCulture), ct).ConfigureAwait(false);
                var since = UnixMs(duplicateSince);
                if (await s.ExistsAsync(
                    """
                    SELECT 1 FROM filed_returns WHERE account_id = @account AND major_form_type = @major AND period_end = @period
                        AND pay_day = @payday AND payload_hash = @hash AND (filed_at >= @since OR amended_at >= @since)
                    """,
                    ct,
                    [
                        .. ReturnKey(filed.AccountId, filed.MajorFormType, filed.PeriodEnd),
                        ("@payday", filed.PayDay.Value.ToString(PeriodFormat, CultureInfo.InvariantCulture)),
                        ("@hash", filed.PayloadHash),
                        ("@since", since),
                    ]).ConfigureAwait(false))
                {
                    return ReturnFiling.Duplicate;
                }

                if (await s.ExecuteAsync($"{InsertReturn} ON CONFLICT DO NOTHING", ct, ReturnParameters(filed)).ConfigureAwait(false) != 1)
                {
                    return ReturnFiling.KeyTaken;
                }

                if (alsoInTheSameWrite is not null)
                {
                    await alsoInTheSameWrite(new LedgerInWrite(s), ct).ConfigureAwait(false);
                }

                return ReturnFiling.Filed;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<FiledReturn?> AmendReturnByKeyAsync(
        long submissionKey, int amendments, bool isNilReturn, string formFields, string? payloadHash, string status, DateTimeOffset at,
        Func<IEmploymentLedger, CancellationToken, Task>? alsoInTheSameWrite, CancellationToken cancellationToken)
    {
        if (alsoInTheSameWrite is null)
        {
            return WriteStatementAsync((s, ct) => AmendAsync(s, submissionKey, amendments, isNilReturn, formFields, payloadHash, status, at, ct), cancellationToken);
        }

        return WriteAsync(
            async (s, ct) =>
            {
                var amended = await AmendAsync(s, submissionKey, amendments, isNilReturn, formFields, payloadHash, status, at, ct).ConfigureAwait(false);
                if (amended is not null)
                {
                    await alsoInTheSameWrite(new LedgerInWrite(s), ct).ConfigureAwait(false);
                }

                return amended;
            },
            cancellationToken);
    }

    private static ValueTask<FiledReturn?> AmendAsync(
        SqlSession s, long submissionKey, int amendments, bool isNilReturn, string formFields, string? payloadHash, string status, DateTimeOffset at,
        CancellationToken ct) =>
        s.SingleAsync(
            $"""
            UPDATE filed_returns SET is_nil = @nil, form_fields = @fields, payload_hash = @hash, status = @status,
                amended_at = @at, amendments = amendments + 1
            WHERE submission_key = @key AND amendments = @amendments
            RETURNING {ReturnColumns}
            """,
            ReadReturn,
            ct,
            ("@key", submissionKey),
            ("@amendments", amendments),
            ("@nil", isNilReturn),
            ("@fields", formFields),
            ("@hash", payloadHash),
            ("@status", status),
            ("@at", UnixMs(at)));

    /// <inheritdoc />
    public Task PutReturnAsync(FiledReturn filed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filed);
        return WriteAsync(
            async (s, ct) =>
            {
                // A submission key is unique, and so is the period of a return that is its period's only one: whichever
                // return held either is replaced, as an insert-or-replace would.
                if (filed.PayDay is null)
                {
                    await s.ExecuteAsync(
                        $"DELETE FROM filed_returns WHERE submission_key = @key OR ({ThisReturn})",
                        ct,
                        [.. ReturnKey(filed.AccountId, filed.MajorFormType, filed.PeriodEnd), ("@key", filed.SubmissionKey)]).ConfigureAwait(false);
                }
                else
                {
                    await s.ExecuteAsync("DELETE FROM filed_returns WHERE submission_key = @key", ct, ("@key", filed.SubmissionKey)).ConfigureAwait(false);
                }

                return await s.ExecuteAsync(InsertReturn, ct, ReturnParameters(filed)).ConfigureAwait(false);
            },
            cancellationToken);
    }

    private static (string, object?)[] ReturnKey(string accountId, string majorFormType, DateOnly periodEnd) =>
        [("@account", accountId), ("@major", majorFormType), ("@period", periodEnd.ToString(PeriodFormat, CultureInfo.InvariantCulture))];

    private static (string, object?)[] ReturnParameters(FiledReturn filed) =>
    [
        .. ReturnKey(filed.AccountId, filed.MajorFormType, filed.PeriodEnd),
        ("@minor", filed.MinorFormType),
        ("@key", filed.SubmissionKey),
        ("@status", filed.Status),
        ("@nil", filed.IsNilReturn),
        ("@fields", filed.FormFields),
        ("@filed", UnixMs(filed.FiledAt)),
        ("@amended", UnixMs(filed.AmendedAt)),
        ("@amendments", filed.Amendments),
        ("@payday", filed.PayDay?.ToString(PeriodFormat, CultureInfo.InvariantCulture)),
        ("@hash", filed.PayloadHash),
        ("@original", UnixMs(filed.OriginallyFiledAt)),
    ];

    private static FiledReturn ReadReturn(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        DateOnly.ParseExact(reader.GetString(2), PeriodFormat, CultureInfo.InvariantCulture),
        TextOrNull(reader, 3),
        reader.GetInt64(4),
        reader.GetString(5),
        reader.GetBoolean(6),
        reader.GetString(7),
        Time(reader, 8),
        TimeOrNull(reader, 9),
        checked((int)reader.GetInt64(10)),
        TextOrNull(reader, 11) is { } payDay ? DateOnly.ParseExact(payDay, PeriodFormat, CultureInfo.InvariantCulture) : null,
        TextOrNull(reader, 12),
        TimeOrNull(reader, 13));
}
