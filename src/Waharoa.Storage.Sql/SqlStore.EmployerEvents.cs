using System.Globalization;
using System.Text.Json.Nodes;
using Waharoa.Employment;

namespace Waharoa.Storage.Sql;

// The employer events the Employment service's Event operation reads, in the order they were stored.
public abstract partial class SqlStore
{
    /// <inheritdoc />
    public Task<IReadOnlyList<EmployerEvent>> ListEmployerEventsAsync(string accountId, CancellationToken cancellationToken) =>
        ListAsync(
            "SELECT account_id, event_id, event_type, employee_ird, created, fields FROM employer_events WHERE account_id = @account ORDER BY seq",
            r => new EmployerEvent(
                r.GetString(0), r.GetInt64(1), r.GetString(2), TextOrNull(r, 3), DateTime.ParseExact(r.GetString(4), EventTimeFormat, CultureInfo.InvariantCulture),
                JsonNode.Parse(r.GetString(5))!.AsObject()),
            cancellationToken,
            ("@account", accountId));

    /// <inheritdoc />
    public Task PutEmployerEventAsync(EmployerEvent employerEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(employerEvent);
        return ExecuteAsync(
            """
            INSERT INTO employer_events (account_id, event_id, event_type, employee_ird, created, fields) VALUES (@account, @event, @type, @employee, @created, @fields)
            ON CONFLICT (account_id, event_id) DO UPDATE SET event_type = excluded.event_type, employee_ird = excluded.employee_ird,
                created = excluded.created, fields = excluded.fields
            """,
            cancellationToken,
            ("@account", employerEvent.AccountId),
            ("@event", employerEvent.EventId),
            ("@type", employerEvent.Type),
            ("@employee", employerEvent.EmployeeIrd),
            ("@created", employerEvent.Created.ToString(EventTimeFormat, CultureInfo.InvariantCulture)),
            ("@fields", employerEvent.Fields.ToJsonString()));
    }

    private const string EventTimeFormat = "yyyy-MM-ddTHH:mm:ss";
}
