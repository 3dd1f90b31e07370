using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Waharoa.Grants;
using Waharoa.Server.Xiams;
using Waharoa.Storage;
using Waharoa.Testing;

namespace Waharoa.Tests.Hosting;

/// <summary>An unexpected fault is IR's 500 <c>InternalError</c> JSON: never a stack trace, never an HTML page.</summary>
public sealed class FaultTests
{
    private const string InternalError = "{\"error\":\"InternalError\",\"error_description\":\"An internal and unexpected error occurred\"}";

    [Fact]
    public async Task Token_StoreFails_Returns500InternalErrorJsonWithoutStackTrace()
    {
        await using var host = await WaharoaTestHost.StartAsync(services: s => s.AddSingleton<IGrantStore, FailingGrantStore>());
        using var desktop = host.CreateDesktopClient();
        var now = DateTimeOffset.UtcNow;
        var signedCode = host.Server.Services.GetRequiredService<XiamsTokenFactory>()
            .CreateCode(Guid.NewGuid().ToString(), host.NativeClient.ClientId, host.User.Logon, host.NativeClient.RedirectUri, "MYIR.Services", now, now.AddMinutes(5));

        var (status, body, response) = await TokenCalls.ExchangeCodeAsync(desktop, host.NativeClient, signedCode, host.NativeClient.RedirectUri);

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Equal(InternalError, body.GetRawText());
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Consent_StoreFails_Returns500InternalErrorJsonNotAnHtmlPage()
    {
        await using var host = await WaharoaTestHost.StartAsync(services: s => s.AddSingleton<IGrantStore, FailingGrantStore>());
        using var session = new MyIrSession(host);
        await session.GetAsync(XiamsUrls.AuthorizeUrl(host.NativeClient.ClientId, host.NativeClient.RedirectUri));
        await session.LogonAsync(host.User.Logon, host.User.Password);

        using var response = await session.DecideAsync(authorise: true);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(InternalError, session.LastPage);
    }

    private sealed class FailingGrantStore : IGrantStore
    {
        public Task AddCodeAsync(AuthorizationCode code, CancellationToken cancellationToken) => throw new InvalidOperationException("disk on fire");

        public Task<(CodeRedemption Outcome, AuthorizationCode? Code)> RedeemCodeAsync(string codeId, DateTimeOffset now, Func<AuthorizationCode, (Grant Grant, IReadOnlyList<IssuedToken> Tokens)?> issue, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("disk on fire");

        public Task AddTokensAsync(IReadOnlyList<IssuedToken> tokens, CancellationToken cancellationToken) => throw new InvalidOperationException("disk on fire");

        public Task<TokenStatus?> FindTokenAsync(string jti, CancellationToken cancellationToken) => throw new InvalidOperationException("disk on fire");

        public Task<bool> RevokeTokenAsync(string jti, DateTimeOffset at, CancellationToken cancellationToken) => throw new InvalidOperationException("disk on fire");

        public Task<bool> RotateRefreshTokenAsync(string usedJti, DateTimeOffset now, IReadOnlyList<IssuedToken> tokens, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("disk on fire");

        public Task<bool> RevokeGrantAsync(string grantId, DateTimeOffset at, CancellationToken cancellationToken) => throw new InvalidOperationException("disk on fire");
    }
}
