using Waharoa.Clients;
using Waharoa.OAuth;
using Waharoa.Server.Observability;
using Waharoa.Storage;

namespace Waharoa.Server.Start;

/// <summary>
/// <c>POST /gateway3/oauth/introspect</c> (RFC 7662): a token of any dialect, the client's own and active, is
/// <c>{"active":true,…}</c> with its client, user, scope, subject and times; anything else is <c>{"active":false}</c>.
/// </summary>
internal sealed class StartIntrospection(StartRequests requests, IssuedTokens issued, IUserStore users, WaharoaMetrics metrics)
{
    public async Task HandleAsync(HttpContext context)
    {
        var (form, client, refusal) = await requests.ReadAsync(context, StartApi.Introspect);
        refusal ??= string.IsNullOrEmpty(form?["token"].ToString()) ? StartErrors.MissingParameter("token")
            : form["token_type_hint"] == "refresh_token" && client!.Kind == ClientKind.Native ? StartErrors.RefreshNotAllowed
            : null;
        if (refusal is not null)
        {
            await StartJson.WriteErrorAsync(context.Response, refusal);
            return;
        }

        var found = await issued.FindActiveAsync(form!["token"].ToString(), kind: null, client!.ClientId, context.RequestAborted);
        metrics.TokenChecked(StartDialect.DialectName, found is not null);
        if (found is null)
        {
            await StartJson.WriteAsync(context.Response, StatusCodes.Status200OK, w => w.WriteBoolean("active", false));
            return;
        }

        var status = found.Status;
        var subject = await users.GetSubjectAsync(status.Grant.Logon, context.RequestAborted);
        await StartJson.WriteAsync(context.Response, StatusCodes.Status200OK, w =>
        {
            w.WriteBoolean("active", true);
            w.WriteString("client_id", status.Grant.ClientId);
            w.WriteString("username", status.Grant.Logon);
            w.WriteString("scope", status.Grant.Scope);
            w.WriteString("sub", subject);
            w.WriteNumber("exp", status.Token.ExpiresAt.ToUnixTimeSeconds());
            w.WriteNumber("iat", status.Token.IssuedAt.ToUnixTimeSeconds());
        });
    }
}
