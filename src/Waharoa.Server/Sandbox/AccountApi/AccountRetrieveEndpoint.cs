using Waharoa.Delegation;
using Waharoa.Sandbox;
using Waharoa.Storage;

namespace Waharoa.Server.Sandbox.AccountApi;

/// <summary>
/// <c>POST account</c>: one account. Checks, in order: the request (EV1100), the account (CST404), the delegation
/// model (EV1022; a linked intermediary must be linked to the account's type), eligibility (ACT100). The sandbox
/// identifies accounts by account ID (<c>ACC</c>) only: it holds no complying funds or KiwiSaver schemes, so a valid
/// <c>CMPF</c> or <c>KSF</c> request finds no record (CST404).
/// </summary>
internal static class AccountRetrieveEndpoint
{
    public static async Task HandleAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        var (values, refusal) = await RequestReader.ReadAsync(context.Request, RequestField.AccountRequest, cancellationToken);
        if (refusal is not null)
        {
            await AccountApiResponses.WriteRefusalAsync(context.Response, refusal, cancellationToken);
            return;
        }

        var store = context.RequestServices.GetRequiredService<ICustomerStore>();
        var account = values!["AccountIDType"] == AccountJson.AccountIdType
            ? await store.FindAccountAsync(values["AccountID"], cancellationToken)
            : null;
        if (account is null)
        {
            await AccountApiResponses.WriteRefusalAsync(context.Response, AccountApiErrors.NotFound, cancellationToken);
            return;
        }

        var caller = SandboxCall.From(context.Request).Caller;
        var reach = await context.RequestServices.GetRequiredService<DelegationModel>().ReachCustomerAsync(caller, account.CustomerIrd, cancellationToken);
        if (!reach.Reaches(account.AccountType))
        {
            await AccountApiResponses.WriteRefusalAsync(context.Response, AccountApiErrors.AccessDenied, cancellationToken);
            return;
        }

        if (!account.EligibleForAccountApi)
        {
            await AccountApiResponses.WriteRefusalAsync(context.Response, AccountApiErrors.NotEligible, cancellationToken);
            return;
        }

        await AccountApiResponses.WriteAsync(context.Response, StatusCodes.Status200OK, w => AccountJson.Write(w, account), cancellationToken);
    }
}
