using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Serialization;
using Waharoa.Sandbox;

namespace Waharoa.Storage.Sql;

public abstract partial class SqlStore
{
    private static readonly JsonSerializerOptions ListAccessJson = new() { Converters = { new JsonStringEnumConverter() } };

    /// <inheritdoc />
    public Task<IReadOnlyList<CustomerOwnership>> ListOwnershipsAsync(string logon, CancellationToken cancellationToken) =>
        ListAsync("SELECT logon, customer_ird FROM ownerships WHERE {SameLogon} ORDER BY customer_ird", r => new CustomerOwnership(r.GetString(0), r.GetString(1)), cancellationToken, ("@logon", logon));

    /// <inheritdoc />
    /// <remarks>The logon keeps the case it was first recorded in.</remarks>
    public Task PutOwnershipAsync(CustomerOwnership ownership, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ownership);
        return ExecuteAsync(
            "INSERT INTO ownerships (logon, customer_ird) VALUES (@logon, @ird) ON CONFLICT DO NOTHING", cancellationToken, ("@logon", ownership.Logon), ("@ird", ownership.CustomerIrd));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<CustomerDelegation>> ListDelegationsAsync(string logon, CancellationToken cancellationToken) =>
        ListAsync(
            "SELECT logon, customer_ird, access FROM delegations WHERE {SameLogon} ORDER BY customer_ird",
            r => new CustomerDelegation(r.GetString(0), r.GetString(1), Enum.Parse<AccessLevel>(r.GetString(2))),
            cancellationToken,
            ("@logon", logon));

    /// <inheritdoc />
    /// <remarks>A replacement takes the case of its logon, as a new row would.</remarks>
    public Task PutDelegationAsync(CustomerDelegation delegation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delegation);
        return ExecuteAsync(
            """
            INSERT INTO delegations (logon, customer_ird, access) VALUES (@logon, @ird, @access)
            ON CONFLICT ({LogonKey}, customer_ird) DO UPDATE SET logon = excluded.logon, access = excluded.access
            """,
            cancellationToken,
            ("@logon", delegation.Logon),
            ("@ird", delegation.CustomerIrd),
            ("@access", delegation.Access.ToString()));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<AgencyStaff>> ListAgencyMembershipsAsync(string logon, CancellationToken cancellationToken) =>
        ListAsync("SELECT logon, agency_ird, role, access, list_access FROM agency_staff WHERE {SameLogon} ORDER BY agency_ird", ReadAgencyStaff, cancellationToken, ("@logon", logon));

    /// <inheritdoc />
    /// <remarks>A replacement takes the case of its logon, as a new row would.</remarks>
    public Task PutAgencyStaffAsync(AgencyStaff staff, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        return ExecuteAsync(
            """
            INSERT INTO agency_staff (logon, agency_ird, role, access, list_access) VALUES (@logon, @ird, @role, @access, @lists)
            ON CONFLICT ({LogonKey}, agency_ird) DO UPDATE SET logon = excluded.logon, role = excluded.role,
                access = excluded.access, list_access = excluded.list_access
            """,
            cancellationToken,
            ("@logon", staff.Logon),
            ("@ird", staff.AgencyIrd),
            ("@role", staff.Role.ToString()),
            ("@access", staff.Access.ToString()),
            ("@lists", JsonSerializer.Serialize(staff.ListAccess, ListAccessJson)));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<CustomerOwnership>> ListAllOwnershipsAsync(CancellationToken cancellationToken) =>
        ListAsync("SELECT logon, customer_ird FROM ownerships ORDER BY {LogonKey}, customer_ird", r => new CustomerOwnership(r.GetString(0), r.GetString(1)), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<CustomerDelegation>> ListAllDelegationsAsync(CancellationToken cancellationToken) =>
        ListAsync(
            "SELECT logon, customer_ird, access FROM delegations ORDER BY {LogonKey}, customer_ird",
            r => new CustomerDelegation(r.GetString(0), r.GetString(1), Enum.Parse<AccessLevel>(r.GetString(2))),
            cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<AgencyStaff>> ListAllAgencyStaffAsync(CancellationToken cancellationToken) =>
        ListAsync("SELECT logon, agency_ird, role, access, list_access FROM agency_staff ORDER BY {LogonKey}, agency_ird", ReadAgencyStaff, cancellationToken);

    /// <inheritdoc />
    public Task<bool> RemoveOwnershipAsync(string logon, string customerIrd, CancellationToken cancellationToken) =>
        ChangesOneAsync("DELETE FROM ownerships WHERE {SameLogon} AND customer_ird = @ird", cancellationToken, ("@logon", logon), ("@ird", customerIrd));

    /// <inheritdoc />
    public Task<bool> RemoveDelegationAsync(string logon, string customerIrd, CancellationToken cancellationToken) =>
        ChangesOneAsync("DELETE FROM delegations WHERE {SameLogon} AND customer_ird = @ird", cancellationToken, ("@logon", logon), ("@ird", customerIrd));

    /// <inheritdoc />
    public Task<bool> RemoveAgencyStaffAsync(string logon, string agencyIrd, CancellationToken cancellationToken) =>
        ChangesOneAsync("DELETE FROM agency_staff WHERE {SameLogon} AND agency_ird = @ird", cancellationToken, ("@logon", logon), ("@ird", agencyIrd));

    private static AgencyStaff ReadAgencyStaff(DbDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), Enum.Parse<AgencyRole>(reader.GetString(2)), Enum.Parse<AccessLevel>(reader.GetString(3)))
        {
            ListAccess = JsonSerializer.Deserialize<Dictionary<string, AccessLevel>>(reader.GetString(4), ListAccessJson) ?? [],
        };
}
