using Waharoa.OAuth;
using Waharoa.Server.Authorization;

namespace Waharoa.Server.Start;

/// <summary>START in the shared logon and consent flow: its codes are 100 opaque characters, stored by hash with their PKCE challenge.</summary>
internal sealed class StartDialect(CodeExchange codes, StartOptions options) : IAuthorizationDialect
{
    public const string DialectName = "start";

    /// <summary>START's rules, as the OAuth core applies them.</summary>
    public DialectPolicy Policy { get; } = options.Policy();

    public string Name => DialectName;

    public async Task<string> IssueCodeAsync(AuthorizationRequest request, string logon, CancellationToken cancellationToken)
    {
        var value = StartOpaque.NewCode();
        await codes.IssueAsync(
            StartOpaque.Hash(value), new CodeRequest(request.ClientId, logon, request.RedirectUri, request.Scope, request.CodeChallenge), Policy, cancellationToken);
        return value;
    }
}
