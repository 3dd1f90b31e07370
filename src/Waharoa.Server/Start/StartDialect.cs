using Waharoa.Grants;
using Waharoa.Server.Authorization;
using Waharoa.Server.Hosting;
using Waharoa.Storage;

namespace Waharoa.Server.Start;

/// <summary>START codes: 100 opaque characters, stored by hash with their PKCE challenge, each working once.</summary>
internal sealed class StartDialect(IGrantStore grants, TimeProvider time, WaharoaOptions options) : IAuthorizationDialect
{
    public const string DialectName = "start";

    public string Name => DialectName;

    public async Task<string> IssueCodeAsync(AuthorizationRequest request, string logon, GatewayEndpoint endpoint, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var value = StartOpaque.NewCode();
        await grants.AddCodeAsync(
            new AuthorizationCode(StartOpaque.Hash(value), request.ClientId, logon, request.RedirectUri, request.Scope, now, now + options.Start.AuthorizationCodeLifetime)
            {
                CodeChallenge = request.CodeChallenge,
            },
            cancellationToken);
        return value;
    }
}
