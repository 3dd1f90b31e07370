using System.Globalization;
using Waharoa.Customers;
using Waharoa.Employment;
using Waharoa.Sandbox;

namespace Waharoa.Server.Seeding;

internal sealed partial class SeedLoader
{
    /// <summary>An EMP account's employment lines, checked as the Employment service's Create checks them.</summary>
    private void PlanEmployees(List<Func<CancellationToken, Task>> steps, SeedAccount account, TaxAccount taxAccount, string at, DateTimeOffset now)
    {
        if (account.Employees.Count == 0 && account.Events.Count == 0)
        {
            return;
        }

        if (taxAccount.AccountType != "EMP")
        {
            throw new SeedException($"{at}.{(account.Employees.Count > 0 ? "employees" : "events")}: only an EMP account has employees and events, not {taxAccount.AccountType}");
        }

        var lines = new List<EmploymentLine>();
        foreach (var (employee, k) in account.Employees.Select((e, k) => (e, k)))
        {
            var where = $"{at}.employees[{k}]";
            // Each line a millisecond after the one before: the ledger lists lines in the order they were started.
            var line = ReadEmployee(employee, where, taxAccount, now.AddMilliseconds(k));
            if (lines.FirstOrDefault(l => l.Valid && line.Valid && l.IsEmployee(line.EmployeeIrd, line.NameOnEiLine) && l.Overlaps(line.StartDate, line.FinishDate)) is { } other)
            {
                throw new SeedException($"{where}: overlaps the line of {other.EmployeeIrd} starting {other.StartDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "(no start)"}; an employee's lines with an employer must not overlap");
            }

            lines.Add(line);
            steps.Add(ct => employment.PutEmploymentLineAsync(line, ct));
        }

        var ids = new HashSet<long>();
        foreach (var (fields, k) in account.Events.Select((e, k) => (e, k)))
        {
            var where = $"{at}.events[{k}]";
            var employerEvent = ReadEvent(fields, where, taxAccount.AccountId);
            if (!ids.Add(employerEvent.EventId))
            {
                throw new SeedException($"{where}.eventID: {employerEvent.EventId} is used twice for this account");
            }

            steps.Add(ct => employment.PutEmployerEventAsync(employerEvent, ct));
        }
    }

    /// <summary>An event from IR, its fields by IR's element names, kept as text in the schema's order.</summary>
    private static EmployerEvent ReadEvent(System.Text.Json.Nodes.JsonObject fields, string where, string accountId)
    {
        if (fields.Select(f => f.Key).FirstOrDefault(key => !EmployerEvents.Fields.Contains(key)) is { } unknown)
        {
            throw new SeedException($"{where}.{unknown}: not a field of IR's Event (one of {string.Join(", ", EmployerEvents.Fields)})");
        }

        string? Text(string key) => fields[key] is { } node ? node.ToString() : null;
        if (!long.TryParse(Text("eventID"), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            throw new SeedException($"{where}.eventID: a whole number is required");
        }

        var type = Text("type");
        if (type is null || !EmployerEvents.Types.Contains(type))
        {
            throw new SeedException($"{where}.type: one of IR's event types ({string.Join(", ", EmployerEvents.Types)})");
        }

        if (!DateTime.TryParseExact(Text("created"), "yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var created))
        {
            throw new SeedException($"{where}.created: '{Text("created")}' is not a time as IR writes it (YYYY-MM-DDThh:mm:ss)");
        }

        var ordered = new System.Text.Json.Nodes.JsonObject(
            EmployerEvents.Fields.Where(fields.ContainsKey).Select(f => KeyValuePair.Create(f, (System.Text.Json.Nodes.JsonNode?)Text(f))));
        return new EmployerEvent(accountId, id, type, Text("employeeIRD"), created, ordered);
    }

    private static EmploymentLine ReadEmployee(SeedEmployee employee, string where, TaxAccount taxAccount, DateTimeOffset now)
    {
        var text = Required(employee.Ird, where + ".ird").Replace("-", string.Empty, StringComparison.Ordinal).Trim();
        var ird = text == EmploymentLine.UnknownIrd
            ? text
            : IrdNumber.Normalise(text) ?? (!employee.IrdCheck && text.Length is 8 or 9 && text.All(char.IsAsciiDigit) ? text.PadLeft(9, '0') : null)
            ?? throw new SeedException($"{where}.ird: '{employee.Ird}' is not a valid IRD number (modulus-11 check; ird_check: false accepts it)");

        var name = employee.Name ?? throw new SeedException($"{where}.name is required (first, and optionally title, surname, middle)");
        var first = Required(name.First, where + ".name.first");
        var nameOnEiLine = employee.NameOnEiLine ?? string.Join(' ', new[] { first, name.Surname }.Where(p => !string.IsNullOrWhiteSpace(p)));
        if (nameOnEiLine.Length is 0 or > 255)
        {
            throw new SeedException($"{where}.name_on_ei_line: 1 to 255 characters");
        }

        var codes = employee.TaxCodes.Select(c => c.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant()).ToArray();
        // Up to four; none is allowed here, as IR's own records hold an employee without a tax code (its EI Prepop sample).
        if (codes.Length > 4 || !codes.All(TaxCodes.Accepted.Contains))
        {
            throw new SeedException($"{where}.tax_codes: up to four of {string.Join(", ", TaxCodes.Accepted.Order(StringComparer.Ordinal))}");
        }

        if (codes.Count(TaxCodes.Primary.Contains) > 1)
        {
            throw new SeedException($"{where}.tax_codes: two primary tax codes (IR's code 109)");
        }

        var start = SeedDate(employee.Start, where + ".start");
        var finish = SeedDate(employee.Finish, where + ".finish");
        if (start is { } s && finish is { } f && f < s)
        {
            throw new SeedException($"{where}.finish: before the start (IR's code 107)");
        }

        var details = employee.Details ?? [];
        if (details.Select(d => d.Key).FirstOrDefault(key => !EmploymentDetails.Keys.Contains(key)) is { } unknown)
        {
            throw new SeedException($"{where}.details.{unknown}: not a detail the Employment service keeps (one of {string.Join(", ", EmploymentDetails.Keys)})");
        }

        // Employees without an IRD number are told apart by their name on EI lines, so it is part of their lines' identifiers.
        var employeeKey = ird == EmploymentLine.UnknownIrd ? $"{ird}/{nameOnEiLine.ToUpperInvariant()}" : ird;
        var lineId = $"seed:{taxAccount.AccountId}:{employeeKey}:{start?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-"}";
        return new EmploymentLine(lineId, taxAccount.AccountId, taxAccount.CustomerIrd, ird, nameOnEiLine, new EmployeeName(name.Title, first, name.Surname, name.Middle),
            codes, start, finish, SeedDate(employee.DateOfBirth, where + ".date_of_birth"), details.DeepClone().AsObject(), employee.Valid, now, now);
    }

    private static DateOnly? SeedDate(string? value, string where) =>
        value is null ? null
        : DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date
        : throw new SeedException($"{where}: '{value}' is not a date (YYYY-MM-DD)");
}
