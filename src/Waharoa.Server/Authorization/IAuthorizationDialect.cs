using Waharoa.OAuth;

namespace Waharoa.Server.Authorization;

/// <summary>What a protocol dialect adds to the shared logon and consent flow: the form of its codes.</summary>
internal interface IAuthorizationDialect
{
    /// <summary>The dialect's name, as in <see cref="AuthorizationRequest.Dialect"/>.</summary>
    string Name { get; }

    /// <summary>The dialect's rules, among them how long consent lasts.</summary>
    DialectPolicy Policy { get; }

    /// <summary>Issues and stores an authorisation code for <paramref name="logon"/>, returning its wire value.</summary>
    Task<string> IssueCodeAsync(AuthorizationRequest request, string logon, CancellationToken cancellationToken);
}
