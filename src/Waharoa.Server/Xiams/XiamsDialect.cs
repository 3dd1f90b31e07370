using Waharoa.OAuth;
using Waharoa.Server.Authorization;

namespace Waharoa.Server.Xiams;

/// <summary>xIAMS in the shared logon and consent flow: its codes are RS512 JWTs with <c>oracle.oauth.tk_context</c> <c>azc</c>.</summary>
internal sealed class XiamsDialect(CodeExchange codes, XiamsTokenFactory tokens, XiamsOptions options) : IAuthorizationDialect
{
    public const string DialectName = "xiams";

    /// <summary>xIAMS's rules, as the OAuth core applies them.</summary>
    public DialectPolicy Policy { get; } = options.Policy();

    public string Name => DialectName;

    public async Task<string> IssueCodeAsync(AuthorizationRequest request, string logon, CancellationToken cancellationToken)
    {
        var code = await codes.IssueAsync(
            Guid.NewGuid().ToString(), new CodeRequest(request.ClientId, logon, request.RedirectUri, request.Scope, null), Policy, cancellationToken);
        return tokens.CreateCode(code);
    }
}
