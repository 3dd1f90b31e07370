using Waharoa.Sandbox;

namespace Waharoa.Storage;

/// <summary>The sandbox's customers of IR (people, organisations, agencies) and their tax accounts.</summary>
public interface ICustomerStore
{
    /// <summary>The customer with IRD number <paramref name="ird"/>, or null.</summary>
    ValueTask<Customer?> FindCustomerAsync(string ird, CancellationToken cancellationToken);

    /// <summary>The customer with customer identifier (CST) <paramref name="customerId"/>, or null.</summary>
    ValueTask<Customer?> FindCustomerByIdAsync(string customerId, CancellationToken cancellationToken);

    /// <summary>Adds or replaces a customer (and any other customer that held its customer identifier).</summary>
    Task PutCustomerAsync(Customer customer, CancellationToken cancellationToken);

    /// <summary>Every customer, ordered by IRD number.</summary>
    Task<IReadOnlyList<Customer>> ListCustomersAsync(CancellationToken cancellationToken);

    /// <summary>The account with <paramref name="accountId"/>, or null.</summary>
    ValueTask<TaxAccount?> FindAccountAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>The accounts of the customer <paramref name="customerIrd"/>, by account ID.</summary>
    Task<IReadOnlyList<TaxAccount>> ListAccountsAsync(string customerIrd, CancellationToken cancellationToken);

    /// <summary>Adds or replaces an account.</summary>
    Task PutAccountAsync(TaxAccount account, CancellationToken cancellationToken);
}
