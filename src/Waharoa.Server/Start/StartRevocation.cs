using Waharoa.OAuth;
using Waharoa.Server.Observability;

namespace Waharoa.Server.Start;

/// <summary>
/// <c>POST /gateway3/oauth/revoke</c> (RFC 7009): a refresh token takes its whole set, an access token itself; an
/// unknown, spent or other client's token changes nothing and gets the same empty 200 (§2.2).
/// </summary>
internal sealed class StartRevocation(StartRequests requests, IssuedTokens issued, Revocations revocations, StartDialect dialect, WaharoaMetrics metrics)
{
    public async Task HandleAsync(HttpContext context)
    {
        var (form, client, refusal) = await requests.ReadAsync(context, StartApi.Revoke);
        refusal ??= string.IsNullOrEmpty(form?["token"].ToString()) ? StartErrors.MissingParameter("token") : null;
        if (refusal is not null)
        {
            await StartJson.WriteErrorAsync(context.Response, refusal);
            return;
        }

        var found = await issued.FindAsync(form!["token"].ToString(), context.RequestAborted);
        if (await revocations.RevokePresentedAsync(found, client!, dialect.Policy))
        {
            metrics.TokenRevoked(StartDialect.DialectName);
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentLength = 0;
    }
}
