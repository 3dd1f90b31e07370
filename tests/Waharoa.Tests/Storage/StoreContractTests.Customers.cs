using System.Text.Json.Nodes;
using Waharoa.Sandbox;

namespace Waharoa.Tests.Storage;

public abstract partial class StoreContractTests
{
    [Fact]
    public async Task PutCustomer_New_FoundByIrdAndByCustomerId()
    {
        var customer = new Customer("049091850", "Kahu Agency") { CustomerId = "CST-1", Intermediary = true, TaxPreparer = true };

        await Store.PutCustomerAsync(customer, default);

        Assert.Equal(customer, await Store.FindCustomerAsync("049091850", default));
        Assert.Equal(customer, await Store.FindCustomerByIdAsync("CST-1", default));
        Assert.Null(await Store.FindCustomerAsync("136410132", default));
        Assert.Null(await Store.FindCustomerByIdAsync("CST-2", default));
    }

    [Fact]
    public async Task PutCustomer_Again_Replaces()
    {
        await Store.PutCustomerAsync(new Customer("049091850", "Old name") { CustomerId = "CST-1", Intermediary = true }, default);
        var replacement = new Customer("049091850", "New name");

        await Store.PutCustomerAsync(replacement, default);

        Assert.Equal(replacement, await Store.FindCustomerAsync("049091850", default));
        Assert.Null(await Store.FindCustomerByIdAsync("CST-1", default));
    }

    [Fact]
    public async Task PutCustomer_CustomerIdOfAnother_ReplacesThatCustomer()
    {
        await Store.PutCustomerAsync(new Customer("049091850", "First") { CustomerId = "CST-1" }, default);
        var taker = new Customer("136410132", "Second") { CustomerId = "CST-1" };

        await Store.PutCustomerAsync(taker, default);

        Assert.Equal(taker, await Store.FindCustomerByIdAsync("CST-1", default));
        Assert.Null(await Store.FindCustomerAsync("049091850", default));
    }

    [Fact]
    public async Task PutAccount_DetailsAndEligibility_RoundTripAndReplace()
    {
        var details = JsonNode.Parse("""{"FilingFrequency":"2","Balance":12.5,"Nested":{"A":[1,2]}}""")!.AsObject();
        await Store.PutAccountAsync(new TaxAccount("136410132GST001", "136410132", "GST", details), default);
        await Store.PutAccountAsync(new TaxAccount("136410132KSS001", "136410132", "KSS", null) { EligibleForAccountApi = false }, default);

        var gst = await Store.FindAccountAsync("136410132GST001", default);
        var kss = await Store.FindAccountAsync("136410132KSS001", default);

        Assert.Equal(details.ToJsonString(), gst!.Details!.ToJsonString());
        Assert.True(gst.EligibleForAccountApi);
        Assert.Null(kss!.Details);
        Assert.False(kss.EligibleForAccountApi);

        await Store.PutAccountAsync(new TaxAccount("136410132GST001", "136410132", "GST", null), default);
        Assert.Null((await Store.FindAccountAsync("136410132GST001", default))!.Details);
        Assert.Null(await Store.FindAccountAsync("136410132INC001", default));
    }

    [Fact]
    public async Task ListAccounts_OnlyThatCustomer_ByAccountId()
    {
        foreach (var id in new[] { "136410132INC001", "136410132EMP001", "049091850GST001", "136410132GST001" })
        {
            await Store.PutAccountAsync(new TaxAccount(id, id[..9], id[9..12], null), default);
        }

        var accounts = await Store.ListAccountsAsync("136410132", default);

        Assert.Equal(["136410132EMP001", "136410132GST001", "136410132INC001"], accounts.Select(a => a.AccountId));
    }
}
