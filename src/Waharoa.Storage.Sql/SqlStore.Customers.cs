using System.Data.Common;
using System.Text.Json.Nodes;
using Waharoa.Sandbox;

namespace Waharoa.Storage.Sql;

public abstract partial class SqlStore
{
    private const string CustomerColumns = "ird, name, customer_id, intermediary, tax_preparer";
    private const string AccountColumns = "account_id, customer_ird, account_type, details, eligible";

    /// <inheritdoc />
    public ValueTask<Customer?> FindCustomerAsync(string ird, CancellationToken cancellationToken) =>
        new(SingleAsync($"SELECT {CustomerColumns} FROM customers WHERE ird = @ird", ReadCustomer, cancellationToken, ("@ird", ird)));

    /// <inheritdoc />
    public ValueTask<Customer?> FindCustomerByIdAsync(string customerId, CancellationToken cancellationToken) =>
        new(SingleAsync($"SELECT {CustomerColumns} FROM customers WHERE customer_id = @cst", ReadCustomer, cancellationToken, ("@cst", customerId)));

    /// <inheritdoc />
    public Task PutCustomerAsync(Customer customer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(customer);
        return WriteAsync(
            async (s, ct) =>
            {
                // A customer identifier is unique: whoever held it is replaced too, as an insert-or-replace would.
                await s.ExecuteAsync("DELETE FROM customers WHERE customer_id = @cst AND ird <> @ird", ct, ("@cst", customer.CustomerId), ("@ird", customer.Ird)).ConfigureAwait(false);
                return await s.ExecuteAsync(
                    $"""
                    INSERT INTO customers ({CustomerColumns}) VALUES (@ird, @name, @cst, @intermediary, @preparer)
                    ON CONFLICT (ird) DO UPDATE SET name = excluded.name, customer_id = excluded.customer_id,
                        intermediary = excluded.intermediary, tax_preparer = excluded.tax_preparer
                    """,
                    ct,
                    ("@ird", customer.Ird),
                    ("@name", customer.Name),
                    ("@cst", customer.CustomerId),
                    ("@intermediary", customer.Intermediary),
                    ("@preparer", customer.TaxPreparer)).ConfigureAwait(false);
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Customer>> ListCustomersAsync(CancellationToken cancellationToken) =>
        ListAsync($"SELECT {CustomerColumns} FROM customers ORDER BY ird", ReadCustomer, cancellationToken);

    /// <inheritdoc />
    public ValueTask<TaxAccount?> FindAccountAsync(string accountId, CancellationToken cancellationToken) =>
        new(SingleAsync($"SELECT {AccountColumns} FROM accounts WHERE account_id = @id", ReadAccount, cancellationToken, ("@id", accountId)));

    /// <inheritdoc />
    public Task<IReadOnlyList<TaxAccount>> ListAccountsAsync(string customerIrd, CancellationToken cancellationToken) =>
        ListAsync($"SELECT {AccountColumns} FROM accounts WHERE customer_ird = @ird ORDER BY account_id", ReadAccount, cancellationToken, ("@ird", customerIrd));

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
            ("@id", account.AccountId),
            ("@ird", account.CustomerIrd),
            ("@type", account.AccountType),
            ("@details", account.Details?.ToJsonString()),
            ("@eligible", account.EligibleForAccountApi));
    }

    private static Customer ReadCustomer(DbDataReader reader) => new(reader.GetString(0), reader.GetString(1))
    {
        CustomerId = TextOrNull(reader, 2),
        Intermediary = reader.GetBoolean(3),
        TaxPreparer = reader.GetBoolean(4),
    };

    private static TaxAccount ReadAccount(DbDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), TextOrNull(reader, 3) is { } details ? JsonNode.Parse(details)?.AsObject() : null)
        {
            EligibleForAccountApi = reader.GetBoolean(4),
        };
}
