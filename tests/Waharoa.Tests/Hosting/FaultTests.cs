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
        await using var host = await WaharoaTestHost.StartAsync(services: s => s.AddSingleton<ICodeStore, FailingCodeStore>());
        using var desktop = host.CreateDesktopClient();
        var now = DateTimeOffset.UtcNow;
        var signedCode = host.Server.Services.GetRequiredService<XiamsTokenFactory>()
            .CreateCode(new AuthorizationCode(Guid.NewGuid().ToString(), host.NativeClient.ClientId, host.User.Logon, host.NativeClient.RedirectUri, "MYIR.Services", now, now.AddMinutes(5)));

        var (status, body, response) = await TokenCalls.ExchangeCodeAsync(desktop, host.NativeClient, signedCode, host.NativeClient.RedirectUri);

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Equal(InternalError, body.GetRawText());
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Consent_StoreFails_Returns500InternalErrorJsonNotAnHtmlPage()
    {
        await using var host = await WaharoaTestHost.StartAsync(services: s => s.AddSingleton<ICodeStore, FailingCodeStore>());
        using var session = new MyIrSession(host);
        await session.GetAsync(XiamsUrls.AuthorizeUrl(host.NativeClient.ClientId, host.NativeClient.RedirectUri));
        await session.LogonAsync(host.User.Logon, host.User.Password);

        using var response = await session.DecideAsync(authorise: true);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(InternalError, session.LastPage);
    }

    private sealed class FailingCodeStore : ICodeStore
    {
        public Task AddCodeAsync(AuthorizationCode code, CancellationToken cancellationToken) => throw new InvalidOperationException("disk on fire");

        public Task<StoredCode?> FindCodeAsync(string codeId, CancellationToken cancellationToken) => throw new InvalidOperationException("disk on fire");

        public Task<CodeUse> UseCodeAsync(string codeId, DateTimeOffset now, Grant grant, IReadOnlyList<IssuedToken> tokens, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("disk on fire");
    }
}
