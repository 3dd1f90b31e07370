using System.Data.Common;
using System.Text;
using Waharoa.Calls;

namespace Waharoa.Storage.Sql;

/// <summary>Recorded calls (schema 13, table recorded_calls), kept per client up to a bound.</summary>
public abstract partial class SqlStore
{
    private const string CallColumns =
        "id, at, duration_us, client_id, endpoint, area, service, operation, grant_type, authentication, logon, ird_number, method, path, status, ir_code, "
        + "reason, scenario, flags, request_headers, request_body, response_headers, response_body";

    // The same columns with the headers and bodies left empty: a list of summaries reads no content.
    private const string SummaryColumns =
        "id, at, duration_us, client_id, endpoint, area, service, operation, grant_type, authentication, logon, ird_number, method, path, status, ir_code, "
        + "reason, scenario, flags, '' AS request_headers, '' AS request_body, '' AS response_headers, '' AS response_body";

    // Bound by position (SqlSession.ExecuteEachAsync): CallValues adds the values in this order.
    private const string InsertCall =
        """
        INSERT INTO recorded_calls (at, duration_us, client_key, client_id, endpoint, area, service, operation, grant_type, authentication, logon, ird_number,
            method, path, status, ir_code, reason, scenario, flags, request_headers, request_body, response_headers, response_body)
        VALUES (@at, @duration, @key, @client, @endpoint, @area, @service, @operation, @grant, @authentication, @logon, @ird,
            @method, @path, @status, @code, @reason, @scenario, @flags, @reqh, @reqb, @resh, @resb)
        """;

    // The client's newest call: while its writers' turn is held, the one just stored (numbers rise in the order calls are
    // stored, which the prune relies on too).
    private const string NewestCall = "SELECT id FROM recorded_calls WHERE client_key = @key ORDER BY id DESC LIMIT 1";

    // The client's calls beyond the newest @keep: everything at or below the id of the (@keep + 1)th newest.
    private const string PruneCalls =
        """
        DELETE FROM recorded_calls WHERE client_key = @key
            AND id <= (SELECT id FROM recorded_calls WHERE client_key = @key ORDER BY id DESC LIMIT 1 OFFSET @keep)
        """;

    /// <inheritdoc />
    public Task<long> AddCallAsync(RecordedCall call, int keepPerClient, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        return StoreCallsAsync([call], keepPerClient, newestOf: ClientKey(call.ClientId), cancellationToken);
    }

    /// <inheritdoc />
    public Task AddCallsAsync(IReadOnlyList<RecordedCall> calls, int keepPerClient, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(calls);
        return StoreCallsAsync(calls, keepPerClient, newestOf: null, cancellationToken);
    }

    // Stores the calls and prunes each client's beyond the bound; the id of the newest call of client key newestOf, if given.
    private Task<long> StoreCallsAsync(IReadOnlyList<RecordedCall> calls, int keepPerClient, string? newestOf, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(keepPerClient);
        return WriteAsync(
            async (s, ct) =>
            {
                // Writers of one client's calls take turns (PostgreSQL's READ COMMITTED would let two prunes each miss the
                // other's row), in the order of their keys so that two batches cannot wait on each other.
                var keys = calls.Select(c => ClientKey(c.ClientId)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                foreach (var key in keys)
                {
                    await s.ExecuteAsync(
                        """
                        INSERT INTO recorded_call_writers (client_key, writes) VALUES (@key, 1)
                        ON CONFLICT (client_key) DO UPDATE SET writes = recorded_call_writers.writes + 1
                        """,
                        ct,
                        ("@key", key)).ConfigureAwait(false);
                }

                await s.ExecuteEachAsync(InsertCall, calls, CallValues, ct).ConfigureAwait(false);
                var newest = newestOf is null ? 0 : await s.SingleAsync(NewestCall, r => r.GetInt64(0), ct, ("@key", newestOf)).ConfigureAwait(false);
                foreach (var key in keys)
                {
                    await s.ExecuteAsync(PruneCalls, ct, ("@key", key), ("@keep", (long)keepPerClient)).ConfigureAwait(false);
                }

                return newest;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<RecordedCall>> ListCallsAsync(CallQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var columns = query.WithoutContent ? SummaryColumns : CallColumns;
        var sql = new StringBuilder($"SELECT {columns} FROM recorded_calls WHERE 1 = 1");
        var parameters = new List<(string, object?)>();
        void Where(string condition, string name, object? value)
        {
            sql.Append(" AND ").Append(condition);
            parameters.Add((name, value));
        }

        if (query.ClientId is not null)
        {
            Where("client_key = @key", "@key", ClientKey(query.ClientId));
        }

        if (query.From is { } from)
        {
            Where("at >= @from", "@from", UnixMs(from));
        }

        if (query.To is { } to)
        {
            Where("at < @to", "@to", UnixMs(to));
        }

        if (query.BeforeId is { } before)
        {
            Where("id < @before", "@before", before);
        }

        if (query.AfterId is { } after)
        {
            Where("id > @after", "@after", after);
        }

        if (query.Endpoint is not null)
        {
            Where("endpoint = @endpoint", "@endpoint", query.Endpoint);
        }

        if (query.Area is not null)
        {
            Where("area = @area", "@area", query.Area);
        }

        if (query.Service is not null)
        {
            Where("service = @service", "@service", query.Service);
        }

        if (query.IrdNumber is not null)
        {
            Where("ird_number = @ird", "@ird", query.IrdNumber);
        }

        if (query.Status is { Refused: true })
        {
            sql.Append(" AND (status >= 400 OR status = 0 OR reason IS NOT NULL)");
        }
        else if (query.Status is { } status)
        {
            Where("status >= @min", "@min", (long)status.Min);
            Where("status <= @max", "@max", (long)status.Max);
        }

        sql.Append(query.OldestFirst ? " ORDER BY id ASC LIMIT @limit" : " ORDER BY id DESC LIMIT @limit");
        parameters.Add(("@limit", (long)Math.Max(0, query.Limit)));
        return ListAsync(sql.ToString(), ReadCall, cancellationToken, [.. parameters]);
    }

    /// <inheritdoc />
    public Task<RecordedCall?> GetCallAsync(long id, CancellationToken cancellationToken) =>
        SingleAsync($"SELECT {CallColumns} FROM recorded_calls WHERE id = @id", ReadCall, cancellationToken, ("@id", id));

    // Calls of no known client are kept (and bounded) together.
    private static string ClientKey(string? clientId) => clientId ?? "";

    private static void CallValues(RecordedCall call, SqlRowStatement row)
    {
        row.Add(UnixMs(call.At));
        row.Add((long)Math.Round(call.DurationMs * 1000));
        row.Add(ClientKey(call.ClientId));
        row.Add(call.ClientId);
        row.Add(call.Endpoint);
        row.Add(call.Area);
        row.Add(call.Service);
        row.Add(call.Operation);
        row.Add(call.GrantType);
        row.Add(call.Authentication);
        row.Add(call.Logon);
        row.Add(call.IrdNumber);
        row.Add(call.Method);
        row.Add(call.Path);
        row.Add(call.Status);
        row.Add(call.IrCode);
        row.Add(call.Reason);
        row.Add(call.Scenario);
        row.Add(string.Join(',', call.Flags));
        row.Add(call.RequestHeaders);
        row.Add(call.RequestBody);
        row.Add(call.ResponseHeaders);
        row.Add(call.ResponseBody);
    }

    private static RecordedCall ReadCall(DbDataReader r) => new(
        r.GetInt64(0),
        Time(r, 1),
        r.GetInt64(2) / 1000.0,
        TextOrNull(r, 3),
        r.GetString(4),
        r.GetString(5),
        TextOrNull(r, 6),
        TextOrNull(r, 7),
        TextOrNull(r, 8),
        TextOrNull(r, 9),
        TextOrNull(r, 10),
        TextOrNull(r, 11),
        r.GetString(12),
        r.GetString(13),
        (int)r.GetInt64(14),
        TextOrNull(r, 15),
        TextOrNull(r, 16),
        TextOrNull(r, 17),
        r.GetString(18).Split(',', StringSplitOptions.RemoveEmptyEntries),
        r.GetString(19),
        r.GetString(20),
        r.GetString(21),
        r.GetString(22));
}
