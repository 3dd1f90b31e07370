using Waharoa.Grants;
using Waharoa.Server.Authorization;
using Waharoa.Server.Hosting;
using Waharoa.Storage;

namespace Waharoa.Server.Xiams;

/// <summary>xIAMS codes: RS512 JWTs with <c>oracle.oauth.tk_context</c> <c>azc</c>, recorded so each works once.</summary>
internal sealed class XiamsDialect(XiamsTokenFactory tokens, IGrantStore grants, TimeProvider time, WaharoaOptions options) : IAuthorizationDialect
{
    public const string DialectName = "xiams";

    public string Name => DialectName;

    public async Task<string> IssueCodeAsync(AuthorizationRequest request, string logon, GatewayEndpoint endpoint, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var code = new AuthorizationCode(
            Guid.NewGuid().ToString(), request.ClientId, logon, request.RedirectUri, request.Scope, now, now + options.AuthorizationCodeLifetime);
        await grants.AddCodeAsync(code, cancellationToken);
        return tokens.CreateCode(code.CodeId, code.ClientId, logon, code.RedirectUri, code.Scope, code.IssuedAt, code.ExpiresAt);
    }
}
