using Waharoa.Customers;
using Waharoa.Delegation;
using Waharoa.Sandbox;
using Waharoa.Storage;

namespace Waharoa.Server.Sandbox.AccountApi;

/// <summary>
/// <c>POST list</c>: the accounts of a customer named by IRD number or customer identifier (CST). Checks, in order:
/// the request (EV1100; EV2234 for an IRD number failing its check digit), the customer (CST404), the delegation
/// model (EV1022). A linked intermediary sees only the accounts of the types it is linked to.
/// </summary>
internal static class AccountListEndpoint
{
    public static async Task HandleAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        var (values, refusal) = await RequestReader.ReadAsync(context.Request, RequestField.ListRequest, cancellationToken);
        if (refusal is not null)
        {
            await AccountApiResponses.WriteRefusalAsync(context.Response, refusal, cancellationToken);
            return;
        }

        var customerId = values!["CustomerID"];
        var store = context.RequestServices.GetRequiredService<ICustomerStore>();
        Customer? customer;
        if (values["CustomerIDType"] == "IRD")
        {
            if (customerId.Length != 9 || !customerId.All(char.IsAsciiDigit))
            {
                await AccountApiResponses.WriteRefusalAsync(context.Response, AccountApiErrors.InvalidFields(["CustomerID"]), cancellationToken);
                return;
            }

            if (!IrdNumber.IsValid(customerId))
            {
                await AccountApiResponses.WriteRefusalAsync(context.Response, AccountApiErrors.CheckDigit, cancellationToken);
                return;
            }

            customer = await store.FindCustomerAsync(customerId, cancellationToken);
        }
        else
        {
            customer = await store.FindCustomerByIdAsync(customerId, cancellationToken);
        }

        if (customer is null)
        {
            await AccountApiResponses.WriteRefusalAsync(context.Response, AccountApiErrors.NotFound, cancellationToken);
            return;
        }

        var caller = SandboxCall.From(context.Request).Caller;
        var reach = await context.RequestServices.GetRequiredService<DelegationModel>().ReachCustomerAsync(caller, customer.Ird, cancellationToken);
        if (!reach.Allowed)
        {
            await AccountApiResponses.WriteRefusalAsync(context.Response, AccountApiErrors.AccessDenied, cancellationToken);
            return;
        }

        var accounts = AccountJson.InListOrder((await store.ListAccountsAsync(customer.Ird, cancellationToken)).Where(a => reach.Reaches(a.AccountType))).ToList();
        await AccountApiResponses.WriteAsync(context.Response, StatusCodes.Status200OK, w =>
        {
            w.WriteStartArray("Accounts");
            foreach (var account in accounts)
            {
                w.WriteStartObject();
                w.WriteString("ID", account.AccountId);
                w.WriteString("IDType", AccountJson.AccountIdType);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }, cancellationToken);
    }
}
