using Waharoa.Clients;
using Waharoa.OAuth;
using Waharoa.Server.Observability;
using Waharoa.Server.OAuth;

namespace Waharoa.Server.Xiams;

/// <summary>
/// The <c>oracle-idm:/oauth/grant-type/resource-access-token/jwt</c> grant: <c>validate</c> a token (any dialect's
/// access token, or an xIAMS refresh token: one with claims to return) and <c>delete</c> one (any dialect's, the
/// client's own, active), over the record every dialect shares.
/// </summary>
internal sealed class XiamsResourceAccess(IssuedTokens issued, Revocations revocations, XiamsDialect dialect, OAuthOptions oauth, WaharoaMetrics metrics)
{
    public async Task<object> HandleAsync(IFormCollection form, DspClient client, CancellationToken cancellationToken)
    {
        var action = form["oracle_token_action"];
        if (action.Count == 0)
        {
            return XiamsErrors.MissingParameter("oracle_token_action");
        }

        return action.ToString() switch
        {
            "validate" => await ValidateAsync(form, client, cancellationToken),
            "delete" => await DeleteAsync(form, client, cancellationToken),
            _ => XiamsErrors.InvalidTokenAction(action.ToString()),
        };
    }

    private async Task<object> ValidateAsync(IFormCollection form, DspClient client, CancellationToken cancellationToken)
    {
        if (XiamsForm.Missing(form, "scope", "assertion", "oracle_token_attrs_retrieval") is { } missing)
        {
            return missing;
        }

        if (!string.Equals(form["scope"].ToString(), oauth.Scope, StringComparison.OrdinalIgnoreCase))
        {
            return XiamsErrors.ValidateScopeInvalid;
        }

        var check = await issued.CheckAsync(form["assertion"].ToString(), kind: null, client.ClientId, dialect.Policy, cancellationToken);
        var claims = check.Token?.Jwt;
        metrics.TokenChecked(XiamsDialect.DialectName, claims is not null);
        return claims is not null ? new XiamsResponses.Validated(claims, form["oracle_token_attrs_retrieval"].ToString())
            : check.Refusal == GrantRefusal.ConsentWithdrawn ? XiamsErrors.ConsentWithdrawn
            : XiamsErrors.ValidationFailed;
    }

    private async Task<object> DeleteAsync(IFormCollection form, DspClient client, CancellationToken cancellationToken)
    {
        if (XiamsForm.Missing(form, "assertion") is { } missing)
        {
            return missing;
        }

        var found = await issued.FindAsync(form["assertion"].ToString(), cancellationToken);
        if (!await revocations.RevokePresentedAsync(found, client, dialect.Policy))
        {
            return XiamsErrors.CannotTerminate;
        }

        metrics.TokenRevoked(XiamsDialect.DialectName);
        return XiamsResponses.Successful.Instance;
    }
}
