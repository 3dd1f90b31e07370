using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Waharoa.Sandbox;

namespace Waharoa.Storage.Sqlite;

public sealed partial class SqliteStore
{
    private const string LinkColumns = "list_id, client_ird, account_type, redirect_mail, redirect_disbursements, status";

    /// <inheritdoc />
    public ValueTask<Customer?> FindCustomerAsync(string ird, CancellationToken cancellationToken) =>
        SingleAsync("SELECT ird, name, customer_id, intermediary, tax_preparer FROM customers WHERE ird = $v", ird, ReadCustomer, cancellationToken);

    /// <inheritdoc />
    public ValueTask<Customer?> FindCustomerByIdAsync(string customerId, CancellationToken cancellationToken) =>
        SingleAsync("SELECT ird, name, customer_id, intermediary, tax_preparer FROM customers WHERE customer_id = $v", customerId, ReadCustomer, cancellationToken);

    /// <inheritdoc />
    public Task PutCustomerAsync(Customer customer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return ExecuteAsync(
            "INSERT OR REPLACE INTO customers (ird, name, customer_id, intermediary, tax_preparer) VALUES ($ird, $name, $cst, $int, $prep)",
            cancellationToken,
            ("$ird", customer.Ird),
            ("$name", customer.Name),
            ("$cst", customer.CustomerId),
            ("$int", customer.Intermediary ? 1 : 0),
            ("$prep", customer.TaxPreparer ? 1 : 0));
    }

    /// <inheritdoc />
    public ValueTask<TaxAccount?> FindAccountAsync(string accountId, CancellationToken cancellationToken) =>
        SingleAsync("SELECT account_id, customer_ird, account_type, details, eligible FROM accounts WHERE account_id = $v", accountId, ReadAccount, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<TaxAccount>> ListAccountsAsync(string customerIrd, CancellationToken cancellationToken) =>
        ManyAsync("SELECT account_id, customer_ird, account_type, details, eligible FROM accounts WHERE customer_ird = $v ORDER BY account_id", customerIrd, ReadAccount, cancellationToken);

    /// <inheritdoc />
    public Task PutAccountAsync(TaxAccount account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        return ExecuteAsync(
            "INSERT OR REPLACE INTO accounts (account_id, customer_ird, account_type, details, eligible) VALUES ($id, $ird, $type, $details, $eligible)",
            cancellationToken,
            ("$id", account.AccountId),
            ("$ird", account.CustomerIrd),
            ("$type", account.AccountType),
            ("$details", account.Details?.ToJsonString()),
            ("$eligible", account.EligibleForAccountApi ? 1 : 0));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<CustomerOwnership>> ListOwnershipsAsync(string logon, CancellationToken cancellationToken) =>
        ManyAsync("SELECT logon, customer_ird FROM ownerships WHERE logon = $v ORDER BY customer_ird", logon,
            r => new CustomerOwnership(r.GetString(0), r.GetString(1)), cancellationToken);

    /// <inheritdoc />
    public Task PutOwnershipAsync(CustomerOwnership ownership, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ownership);
        return ExecuteAsync("INSERT OR IGNORE INTO ownerships (logon, customer_ird) VALUES ($logon, $ird)", cancellationToken,
            ("$logon", ownership.Logon), ("$ird", ownership.CustomerIrd));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<CustomerDelegation>> ListDelegationsAsync(string logon, CancellationToken cancellationToken) =>
        ManyAsync("SELECT logon, customer_ird, access FROM delegations WHERE logon = $v ORDER BY customer_ird", logon,
            r => new CustomerDelegation(r.GetString(0), r.GetString(1), Enum.Parse<AccessLevel>(r.GetString(2))), cancellationToken);

    /// <inheritdoc />
    public Task PutDelegationAsync(CustomerDelegation delegation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delegation);
        return ExecuteAsync("INSERT OR REPLACE INTO delegations (logon, customer_ird, access) VALUES ($logon, $ird, $access)", cancellationToken,
            ("$logon", delegation.Logon), ("$ird", delegation.CustomerIrd), ("$access", delegation.Access.ToString()));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<AgencyStaff>> ListAgencyMembershipsAsync(string logon, CancellationToken cancellationToken) =>
        ManyAsync("SELECT logon, agency_ird, role, access, list_access FROM agency_staff WHERE logon = $v ORDER BY agency_ird", logon,
            r => new AgencyStaff(r.GetString(0), r.GetString(1), Enum.Parse<AgencyRole>(r.GetString(2)), Enum.Parse<AccessLevel>(r.GetString(3)))
            {
                ListAccess = JsonSerializer.Deserialize<Dictionary<string, AccessLevel>>(r.GetString(4), SandboxJson) ?? [],
            },
            cancellationToken);

    /// <inheritdoc />
    public Task PutAgencyStaffAsync(AgencyStaff staff, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(staff);
        return ExecuteAsync(
            "INSERT OR REPLACE INTO agency_staff (logon, agency_ird, role, access, list_access) VALUES ($logon, $ird, $role, $access, $lists)",
            cancellationToken,
            ("$logon", staff.Logon),
            ("$ird", staff.AgencyIrd),
            ("$role", staff.Role.ToString()),
            ("$access", staff.Access.ToString()),
            ("$lists", JsonSerializer.Serialize(staff.ListAccess, SandboxJson)));
    }

    /// <inheritdoc />
    public ValueTask<ClientList?> FindClientListAsync(string listId, CancellationToken cancellationToken) =>
        SingleAsync("SELECT list_id, id_type, list_type, agency_ird, refund_account FROM client_lists WHERE list_id = $v", listId, ReadClientList, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ClientList>> ListClientListsAsync(string agencyIrd, CancellationToken cancellationToken) =>
        ManyAsync("SELECT list_id, id_type, list_type, agency_ird, refund_account FROM client_lists WHERE agency_ird = $v ORDER BY list_id", agencyIrd, ReadClientList, cancellationToken);

    /// <inheritdoc />
    public Task PutClientListAsync(ClientList list, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(list);
        return ExecuteAsync(
            "INSERT OR REPLACE INTO client_lists (list_id, id_type, list_type, agency_ird, refund_account) VALUES ($id, $type, $ltype, $ird, $refund)",
            cancellationToken,
            ("$id", list.ListId),
            ("$type", list.IdType),
            ("$ltype", list.Type.ToString()),
            ("$ird", list.AgencyIrd),
            ("$refund", list.HasRefundAccount ? 1 : 0));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ClientLink>> ListLinksAsync(string listId, CancellationToken cancellationToken) =>
        ManyAsync($"SELECT {LinkColumns} FROM client_links WHERE list_id = $v ORDER BY seq", listId, ReadLink, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ClientLink>> ListLinksToClientAsync(string clientIrd, CancellationToken cancellationToken) =>
        ManyAsync($"SELECT {LinkColumns} FROM client_links WHERE client_ird = $v ORDER BY seq", clientIrd, ReadLink, cancellationToken);

    /// <inheritdoc />
    public async Task<bool> AddLinkAsync(ClientLink link, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(link);
        await using var connection = await OpenWriterAsync(cancellationToken).ConfigureAwait(false);
        await using var command = InsertLink(connection, link, null);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async Task<bool> RemoveLinkAsync(string listId, string clientIrd, string? accountType, CancellationToken cancellationToken)
    {
        await using var connection = await OpenWriterAsync(cancellationToken).ConfigureAwait(false);
        await using var command = DeleteLink(connection, listId, clientIrd, accountType, null);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async Task<bool> ReplaceLinkAsync(ClientLink current, ClientLink replacement, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(replacement);
        await using var connection = await OpenWriterAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var delete = DeleteLink(connection, current.ListId, current.ClientIrd, current.AccountType, transaction);
        if (await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
        {
            return false;
        }

        await using var insert = InsertLink(connection, replacement, transaction);
        if (await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
        {
            return false;
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc />
    public async Task<bool> WasSeedAppliedAsync(string contentHash, CancellationToken cancellationToken) =>
        await SingleAsync("SELECT content_hash FROM applied_seeds WHERE content_hash = $v", contentHash, r => r.GetString(0), cancellationToken).ConfigureAwait(false) is not null;

    /// <inheritdoc />
    public Task MarkSeedAppliedAsync(string contentHash, string source, DateTimeOffset at, CancellationToken cancellationToken) =>
        ExecuteAsync("INSERT OR REPLACE INTO applied_seeds (content_hash, source, applied_at) VALUES ($hash, $source, $at)", cancellationToken,
            ("$hash", contentHash), ("$source", source), ("$at", ToUnixMs(at)));

    private static readonly JsonSerializerOptions SandboxJson = new() { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    private static SqliteCommand InsertLink(SqliteConnection connection, ClientLink link, SqliteTransaction? transaction)
    {
        var command = Command(
            connection,
            $"INSERT OR IGNORE INTO client_links ({LinkColumns}) VALUES ($list, $client, $type, $mail, $disb, $status)",
            ("$list", link.ListId),
            ("$client", link.ClientIrd),
            ("$type", link.AccountType ?? string.Empty),
            ("$mail", link.RedirectMail ? 1 : 0),
            ("$disb", link.RedirectDisbursements ? 1 : 0),
            ("$status", link.Status.ToString()));
        command.Transaction = transaction;
        return command;
    }

    private static SqliteCommand DeleteLink(SqliteConnection connection, string listId, string clientIrd, string? accountType, SqliteTransaction? transaction)
    {
        var command = Command(
            connection,
            "DELETE FROM client_links WHERE list_id = $list AND client_ird = $client AND account_type = $type",
            ("$list", listId),
            ("$client", clientIrd),
            ("$type", accountType ?? string.Empty));
        command.Transaction = transaction;
        return command;
    }

    private async ValueTask<T?> SingleAsync<T>(string sql, string value, Func<SqliteDataReader, T> read, CancellationToken cancellationToken)
        where T : class
    {
        await using var connection = await OpenWriterAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, sql, ("$v", value));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? read(reader) : null;
    }

    private async Task<IReadOnlyList<T>> ManyAsync<T>(string sql, string value, Func<SqliteDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, sql, ("$v", value));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var items = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            items.Add(read(reader));
        }

        return items;
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, sql, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static Customer ReadCustomer(SqliteDataReader r) => new(r.GetString(0), r.GetString(1))
    {
        CustomerId = r.IsDBNull(2) ? null : r.GetString(2),
        Intermediary = r.GetInt64(3) == 1,
        TaxPreparer = r.GetInt64(4) == 1,
    };

    private static TaxAccount ReadAccount(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : JsonNode.Parse(r.GetString(3))?.AsObject())
    {
        EligibleForAccountApi = r.GetInt64(4) == 1,
    };

    private static ClientList ReadClientList(SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), Enum.Parse<ClientListType>(r.GetString(2)), r.GetString(3), r.GetInt64(4) == 1);

    private static ClientLink ReadLink(SqliteDataReader r) => new(
        r.GetString(0),
        r.GetString(1),
        r.GetString(2).Length == 0 ? null : r.GetString(2),
        r.GetInt64(3) == 1,
        r.GetInt64(4) == 1,
        Enum.Parse<LinkStatus>(r.GetString(5)));
}
