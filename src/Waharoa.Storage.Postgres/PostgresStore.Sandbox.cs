using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Waharoa.Sandbox;

namespace Waharoa.Storage.Postgres;

public sealed partial class PostgresStore
{
    private const string CustomerColumns = "ird, name, customer_id, intermediary, tax_preparer";
    private const string AccountColumns = "account_id, customer_ird, account_type, details, eligible";
    private const string ClientListColumns = "list_id, id_type, list_type, agency_ird, refund_account";
    private const string LinkColumns = "list_id, client_ird, account_type, redirect_mail, redirect_disbursements, status";

    private static readonly JsonSerializerOptions SandboxJson = new() { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    /// <inheritdoc />
    public async ValueTask<Customer?> FindCustomerAsync(string ird, CancellationToken cancellationToken) =>
        await SingleAsync($"SELECT {CustomerColumns} FROM customers WHERE ird = @v", ReadCustomer, cancellationToken, ("v", ird)).ConfigureAwait(false);

    /// <inheritdoc />
    public async ValueTask<Customer?> FindCustomerByIdAsync(string customerId, CancellationToken cancellationToken) =>
        await SingleAsync($"SELECT {CustomerColumns} FROM customers WHERE customer_id = @v", ReadCustomer, cancellationToken, ("v", customerId)).ConfigureAwait(false);

    /// <inheritdoc />
    /// <remarks>As SQLite's INSERT OR REPLACE does, a customer that held the same customer identifier is replaced too.</remarks>
    public Task PutCustomerAsync(Customer customer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return ExecuteAsync(
            $"""
            DELETE FROM customers WHERE customer_id = @cst AND ird <> @ird;
            INSERT INTO customers ({CustomerColumns}) VALUES (@ird, @name, @cst, @int, @prep)
            ON CONFLICT (ird) DO UPDATE SET name = excluded.name, customer_id = excluded.customer_id,
                intermediary = excluded.intermediary, tax_preparer = excluded.tax_preparer;
            """,
            cancellationToken,
            ("ird", customer.Ird),
            ("name", customer.Name),
            ("cst", customer.CustomerId),
            ("int", customer.Intermediary),
            ("prep", customer.TaxPreparer));
    }

    /// <inheritdoc />
    public async ValueTask<TaxAccount?> FindAccountAsync(string accountId, CancellationToken cancellationToken) =>
        await SingleAsync($"SELECT {AccountColumns} FROM accounts WHERE account_id = @v", ReadAccount, cancellationToken, ("v", accountId)).ConfigureAwait(false);

    /// <inheritdoc />
    public Task<IReadOnlyList<TaxAccount>> ListAccountsAsync(string customerIrd, CancellationToken cancellationToken) =>
        ManyAsync($"SELECT {AccountColumns} FROM accounts WHERE customer_ird = @v ORDER BY account_id", ReadAccount, cancellationToken, ("v", customerIrd));

    /// <inheritdoc />
    public Task PutAccountAsync(TaxAccount account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        return ExecuteAsync(
            $"""
            INSERT INTO accounts ({AccountColumns}) VALUES (@id, @ird, @type, @details, @eligible)
            ON CONFLICT (account_id) DO UPDATE SET customer_ird = excluded.customer_ird, account_type = excluded.account_type,
                details = excluded.details, eligible = excluded.eligible
            """,
            cancellationToken,
            ("id", account.AccountId),
            ("ird", account.CustomerIrd),
            ("type", account.AccountType),
            ("details", account.Details?.ToJsonString()),
            ("eligible", account.EligibleForAccountApi));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<CustomerOwnership>> ListOwnershipsAsync(string logon, CancellationToken cancellationToken) =>
        ManyAsync(
            $"SELECT logon, customer_ird FROM ownerships WHERE {SameLogon} ORDER BY customer_ird",
            r => new CustomerOwnership(r.GetString(0), r.GetString(1)),
            cancellationToken,
            ("logon", logon));

    /// <inheritdoc />
    public Task PutOwnershipAsync(CustomerOwnership ownership, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ownership);
        return ExecuteAsync(
            "INSERT INTO ownerships (logon, customer_ird) VALUES (@logon, @ird) ON CONFLICT DO NOTHING",
            cancellationToken,
            ("logon", ownership.Logon),
            ("ird", ownership.CustomerIrd));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<CustomerDelegation>> ListDelegationsAsync(string logon, CancellationToken cancellationToken) =>
        ManyAsync(
            $"SELECT logon, customer_ird, access FROM delegations WHERE {SameLogon} ORDER BY customer_ird",
            r => new CustomerDelegation(r.GetString(0), r.GetString(1), Enum.Parse<AccessLevel>(r.GetString(2))),
            cancellationToken,
            ("logon", logon));

    /// <inheritdoc />
    public Task PutDelegationAsync(CustomerDelegation delegation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delegation);
        return ExecuteAsync(
            """
            INSERT INTO delegations (logon, customer_ird, access) VALUES (@logon, @ird, @access)
            ON CONFLICT ((lower(logon)), customer_ird) DO UPDATE SET logon = excluded.logon, access = excluded.access
            """,
            cancellationToken,
            ("logon", delegation.Logon),
            ("ird", delegation.CustomerIrd),
            ("access", delegation.Access.ToString()));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<AgencyStaff>> ListAgencyMembershipsAsync(string logon, CancellationToken cancellationToken) =>
        ManyAsync(
            $"SELECT logon, agency_ird, role, access, list_access FROM agency_staff WHERE {SameLogon} ORDER BY agency_ird",
            r => new AgencyStaff(r.GetString(0), r.GetString(1), Enum.Parse<AgencyRole>(r.GetString(2)), Enum.Parse<AccessLevel>(r.GetString(3)))
            {
                ListAccess = JsonSerializer.Deserialize<Dictionary<string, AccessLevel>>(r.GetString(4), SandboxJson) ?? [],
            },
            cancellationToken,
            ("logon", logon));

    /// <inheritdoc />
    public Task PutAgencyStaffAsync(AgencyStaff staff, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        return ExecuteAsync(
            """
            INSERT INTO agency_staff (logon, agency_ird, role, access, list_access) VALUES (@logon, @ird, @role, @access, @lists)
            ON CONFLICT ((lower(logon)), agency_ird) DO UPDATE SET logon = excluded.logon, role = excluded.role,
                access = excluded.access, list_access = excluded.list_access
            """,
            cancellationToken,
            ("logon", staff.Logon),
            ("ird", staff.AgencyIrd),
            ("role", staff.Role.ToString()),
            ("access", staff.Access.ToString()),
            ("lists", JsonSerializer.Serialize(staff.ListAccess, SandboxJson)));
    }

    /// <inheritdoc />
    public async ValueTask<ClientList?> FindClientListAsync(string listId, CancellationToken cancellationToken) =>
        await SingleAsync($"SELECT {ClientListColumns} FROM client_lists WHERE list_id = @v", ReadClientList, cancellationToken, ("v", listId)).ConfigureAwait(false);

    /// <inheritdoc />
    public Task<IReadOnlyList<ClientList>> ListClientListsAsync(string agencyIrd, CancellationToken cancellationToken) =>
        ManyAsync($"SELECT {ClientListColumns} FROM client_lists WHERE agency_ird = @v ORDER BY list_id", ReadClientList, cancellationToken, ("v", agencyIrd));

    /// <inheritdoc />
    public Task PutClientListAsync(ClientList list, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(list);
        return ExecuteAsync(
            $"""
            INSERT INTO client_lists ({ClientListColumns}) VALUES (@id, @type, @ltype, @ird, @refund)
            ON CONFLICT (list_id) DO UPDATE SET id_type = excluded.id_type, list_type = excluded.list_type,
                agency_ird = excluded.agency_ird, refund_account = excluded.refund_account
            """,
            cancellationToken,
            ("id", list.ListId),
            ("type", list.IdType),
            ("ltype", list.Type.ToString()),
            ("ird", list.AgencyIrd),
            ("refund", list.HasRefundAccount));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ClientLink>> ListLinksAsync(string listId, CancellationToken cancellationToken) =>
        ManyAsync($"SELECT {LinkColumns} FROM client_links WHERE list_id = @v ORDER BY seq", ReadLink, cancellationToken, ("v", listId));

    /// <inheritdoc />
    public Task<IReadOnlyList<ClientLink>> ListLinksToClientAsync(string clientIrd, CancellationToken cancellationToken) =>
        ManyAsync($"SELECT {LinkColumns} FROM client_links WHERE client_ird = @v ORDER BY seq", ReadLink, cancellationToken, ("v", clientIrd));

    /// <inheritdoc />
    public async Task<bool> AddLinkAsync(ClientLink link, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(link);
        await using var command = Command(InsertLinkSql, LinkParameters(link));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async Task<bool> RemoveLinkAsync(string listId, string clientIrd, string? accountType, CancellationToken cancellationToken) =>
        await ExecuteAsync(DeleteLinkSql, cancellationToken, ("list", listId), ("client", clientIrd), ("type", accountType ?? string.Empty)).ConfigureAwait(false) == 1;

    /// <inheritdoc />
    public async Task<bool> ReplaceLinkAsync(ClientLink current, ClientLink replacement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(replacement);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // Leaving without a commit rolls the removal back.
        if (await ExecuteAsync(transaction, DeleteLinkSql, cancellationToken, ("list", current.ListId), ("client", current.ClientIrd), ("type", current.AccountType ?? string.Empty)).ConfigureAwait(false) != 1
            || await ExecuteAsync(transaction, InsertLinkSql, cancellationToken, LinkParameters(replacement)).ConfigureAwait(false) != 1)
        {
            return false;
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc />
    public async Task<bool> WasSeedAppliedAsync(string contentHash, CancellationToken cancellationToken) =>
        await SingleAsync("SELECT content_hash FROM applied_seeds WHERE content_hash = @v", r => r.GetString(0), cancellationToken, ("v", contentHash)).ConfigureAwait(false) is not null;

    /// <inheritdoc />
    public Task MarkSeedAppliedAsync(string contentHash, string source, DateTimeOffset at, CancellationToken cancellationToken) =>
        ExecuteAsync(
            """
            INSERT INTO applied_seeds (content_hash, source, applied_at) VALUES (@hash, @source, @at)
            ON CONFLICT (content_hash) DO UPDATE SET source = excluded.source, applied_at = excluded.applied_at
            """,
            cancellationToken,
            ("hash", contentHash),
            ("source", source),
            ("at", ToUnixMs(at)));

    private const string InsertLinkSql =
        $"INSERT INTO client_links ({LinkColumns}) VALUES (@list, @client, @type, @mail, @disb, @status) ON CONFLICT DO NOTHING";

    private const string DeleteLinkSql =
        "DELETE FROM client_links WHERE list_id = @list AND client_ird = @client AND account_type = @type";

    private static (string, object?)[] LinkParameters(ClientLink link) =>
    [
        ("list", link.ListId),
        ("client", link.ClientIrd),
        ("type", link.AccountType ?? string.Empty),
        ("mail", link.RedirectMail),
        ("disb", link.RedirectDisbursements),
        ("status", link.Status.ToString()),
    ];

    private static Customer ReadCustomer(NpgsqlDataReader r) => new(r.GetString(0), r.GetString(1))
    {
        CustomerId = StringOrNull(r, 2),
        Intermediary = r.GetBoolean(3),
        TaxPreparer = r.GetBoolean(4),
    };

    private static TaxAccount ReadAccount(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : JsonNode.Parse(r.GetString(3))?.AsObject())
    {
        EligibleForAccountApi = r.GetBoolean(4),
    };

    private static ClientList ReadClientList(NpgsqlDataReader r) =>
        new(r.GetString(0), r.GetString(1), Enum.Parse<ClientListType>(r.GetString(2)), r.GetString(3), r.GetBoolean(4));

    private static ClientLink ReadLink(NpgsqlDataReader r) => new(
        r.GetString(0),
        r.GetString(1),
        r.GetString(2).Length == 0 ? null : r.GetString(2),
        r.GetBoolean(3),
        r.GetBoolean(4),
        Enum.Parse<LinkStatus>(r.GetString(5)));
}
