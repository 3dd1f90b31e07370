using System.Text.Json;
using Waharoa.Sandbox;

namespace Waharoa.Server.Sandbox.AccountApi;

/// <summary>The <c>Account</c> object of <c>account_POST_Response200</c>, built from a sandbox account.</summary>
internal static class AccountJson
{
    /// <summary>Sandbox accounts are identified by account ID (<c>ACC</c>); see <see cref="AccountRetrieveEndpoint"/>.</summary>
    public const string AccountIdType = "ACC";

    /// <summary>
    /// Values for required fields an account's details leave out (an account added with no details at all), so the
    /// response always meets the schema: IR's own sample messages give every account these values.
    /// </summary>
    private static readonly (string Name, string Value)[] RequiredDefaults =
    [
        ("FilingFrequency", "ITN03C"),
        ("Status", "ACT"),
        ("Commence", "2010-01-01"),
        ("Cease", "9999-12-31"),
    ];

    /// <summary>
    /// Writes <c>"Account": {ID, IDType, AccountType, …details…}</c>: the details in the order the seed gives them,
    /// with their JSON types, so a seed that copies a sample reproduces it exactly.
    /// </summary>
    public static void Write(Utf8JsonWriter writer, TaxAccount account)
    {
        writer.WriteStartObject("Account");
        writer.WriteString("ID", account.AccountId);
        writer.WriteString("IDType", AccountIdType);
        writer.WriteString("AccountType", account.AccountType);
        if (account.Details is { } details)
        {
            foreach (var (name, value) in details)
            {
                if (name is "ID" or "IDType" or "AccountType")
                {
                    continue;
                }

                writer.WritePropertyName(name);
                if (value is null)
                {
                    writer.WriteNullValue();
                }
                else
                {
                    value.WriteTo(writer);
                }
            }
        }

        foreach (var (name, value) in RequiredDefaults)
        {
            if (account.Details?.ContainsKey(name) != true)
            {
                writer.WriteString(name, value);
            }
        }

        writer.WriteEndObject();
    }

    /// <summary>IR lists a customer's accounts by their sequence suffix (<c>REB001, INC003, AIL023</c> in the list sample).</summary>
    public static IEnumerable<TaxAccount> InListOrder(IEnumerable<TaxAccount> accounts) =>
        accounts.OrderBy(a => a.AccountId.Length >= 15 ? a.AccountId[12..] : string.Empty, StringComparer.Ordinal)
            .ThenBy(a => a.AccountId, StringComparer.Ordinal);
}
