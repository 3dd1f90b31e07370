using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Features;
using Waharoa.Clients;
using Waharoa.Server.Calls;
using Waharoa.Storage;
using Waharoa.Users;

namespace Waharoa.Server.Authorization;

/// <summary>
/// The logon and consent flow shared by both dialects: after a dialect has validated its authorize
/// request, this decides between the logon page, the consent page and the redirect with a code.
/// </summary>
internal sealed partial class AuthorizationFlow(
    IClientStore clients,
    IUserStore users,
    IConsentStore consents,
    LogonSessions sessions,
    LogonLockout lockout,
    IAntiforgery antiforgery,
    IDataProtectionProvider protection,
    IEnumerable<IAuthorizationDialect> dialects,
    TimeProvider time,
    ILogger<AuthorizationFlow> logger)
{
    public const string WrongPasswordMessage = "The myIR user ID or password you entered is incorrect. Please try again.";
    public const string LockedMessage = "This myIR logon is locked because of too many failed attempts. Try again in 15 minutes.";
    public const string AddressLockedMessage = "Too many failed logons from your network. Try again in 15 minutes.";

    private static readonly TimeSpan RequestLifetime = TimeSpan.FromHours(1);

    /// <summary>The most a logon or consent form may carry: its fields, the protected request and the anti-forgery token.</summary>
    public const int MaxFormBytes = 16 * 1024;

    // A fixed hash to verify against when the logon is unknown, so both cases cost the same.
    private static readonly string DummyPasswordHash = UserPasswordHasher.Hash(Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)));

    private ITimeLimitedDataProtector Protector => protection.CreateProtector("Waharoa.Authorization.Request").ToTimeLimitedDataProtector();

    /// <summary>Continues a validated authorize request: logon page, consent page, or the redirect with a code.</summary>
    public async Task<IResult> ContinueAsync(HttpContext context, AuthorizationRequest request, DspClient client, bool forceLogon)
    {
        if (forceLogon)
        {
            await sessions.EndAsync(context);
            return LogonPage(context, request, client, null, null);
        }

        var session = await sessions.CurrentAsync(context);
        return session is null
            ? LogonPage(context, request, client, null, null)
            : await AfterLogonAsync(context, request, client, session.Logon);
    }

    /// <summary>POST of the logon form.</summary>
    public async Task<IResult> LogonAsync(HttpContext context)
    {
        if (await ReadFormAsync(context) is not { } posted)
        {
            return RefusedForm(context);
        }

        var (form, request, client) = posted;
        var logon = form["logon"].ToString().Trim();
        var notes = context.CallNotes();
        (notes.ClientId, notes.Service, notes.Operation, notes.Logon) = (client.ClientId, request.Dialect, "logon", logon.Length is > 0 and <= 100 ? logon : null);
        var password = form["password"].ToString();
        if (logon.Length is 0 or > 100 || password.Length is 0 or > 200)
        {
            return LogonPage(context, request, client, logon, WrongPasswordMessage);
        }

        var address = context.Connection.RemoteIpAddress;
        if (await lockout.AddressLockedUntilAsync(address, context.RequestAborted) is not null)
        {
            Log.AddressLocked(logger, client.ClientId);
            notes.Reason = "Logon refused: too many failed logons from this address.";
            return LogonPage(context, request, client, logon, AddressLockedMessage);
        }

        if (await lockout.LockedUntilAsync(logon, context.RequestAborted) is not null)
        {
            Log.LogonLocked(logger, client.ClientId);
            notes.Reason = "Logon refused: the logon is locked after repeated failures.";
            return LogonPage(context, request, client, logon, LockedMessage);
        }

        var user = await users.FindUserAsync(logon, context.RequestAborted);
        var valid = UserPasswordHasher.Verify(user?.PasswordHash ?? DummyPasswordHash, password) && user is not null;
        if (!valid)
        {
            await lockout.RecordFailureAsync(logon, context.RequestAborted);
            await lockout.RecordAddressFailureAsync(address, context.RequestAborted);
            Log.LogonFailed(logger, client.ClientId);
            notes.Reason = "Logon failed: wrong logon or password.";
            var locked = await lockout.LockedUntilAsync(logon, context.RequestAborted) is not null;
            return LogonPage(context, request, client, logon, locked ? LockedMessage : WrongPasswordMessage);
        }

        await lockout.ClearAsync(user!.Logon, context.RequestAborted);
        await sessions.StartAsync(context, user.Logon);
        return await AfterLogonAsync(context, request, client, user.Logon);
    }

    /// <summary>POST of the consent form.</summary>
    public async Task<IResult> ConsentAsync(HttpContext context)
    {
        if (await ReadFormAsync(context) is not { } posted)
        {
            return RefusedForm(context);
        }

        var (form, request, client) = posted;
        var notes = context.CallNotes();
        (notes.ClientId, notes.Service, notes.Operation) = (client.ClientId, request.Dialect, "consent");
        var session = await sessions.CurrentAsync(context);
        notes.Logon = session?.Logon;
        if (session is null)
        {
            return LogonPage(context, request, client, null, null);
        }

        if (!string.Equals(form["decision"].ToString(), "authorise", StringComparison.Ordinal))
        {
            Log.ConsentDenied(logger, client.ClientId);
            notes.Reason = "The user denied consent.";
            return Results.Redirect(RedirectUris.WithQuery(request.RedirectUri, ("error", "access_denied"), ("state", request.State)));
        }

        await consents.GrantConsentAsync(session.Logon, client.ClientId, time.GetUtcNow(), context.RequestAborted);
        return await RedirectWithCodeAsync(context, request, session.Logon);
    }

    private async Task<IResult> AfterLogonAsync(HttpContext context, AuthorizationRequest request, DspClient client, string logon)
    {
        var policy = dialects.Single(d => d.Name == request.Dialect).Policy;
        if (!policy.ConsentHolds(await consents.FindConsentAsync(logon, client.ClientId, context.RequestAborted), time.GetUtcNow()))
        {
            return ConsentPage(context, request, client, logon);
        }

        return await RedirectWithCodeAsync(context, request, logon);
    }

    private async Task<IResult> RedirectWithCodeAsync(HttpContext context, AuthorizationRequest request, string logon)
    {
        var dialect = dialects.Single(d => d.Name == request.Dialect);
        var code = await dialect.IssueCodeAsync(request, logon, context.RequestAborted);
        Log.CodeIssued(logger, request.ClientId);
        return Results.Redirect(RedirectUris.WithQuery(request.RedirectUri, ("code", code), ("state", request.State)));
    }

    private IResult LogonPage(HttpContext context, AuthorizationRequest request, DspClient client, string? logon, string? message) =>
        AuthorizationPages.Logon(antiforgery.GetAndStoreTokens(context), Protect(request), client.Name, logon, message);

    private IResult ConsentPage(HttpContext context, AuthorizationRequest request, DspClient client, string logon) =>
        AuthorizationPages.Consent(antiforgery.GetAndStoreTokens(context), Protect(request), client.Name, logon);

    private static IResult RefusedForm(HttpContext context) => context.Request.ContentLength > MaxFormBytes
        ? AuthorizationPages.Error(StatusCodes.Status413PayloadTooLarge, "invalid_request", "This form is larger than any this page sends. Start again from your application.")
        : AuthorizationPages.Error(StatusCodes.Status400BadRequest, "invalid_request", "This form has expired or was not sent by this page. Start again from your application.");

    private string Protect(AuthorizationRequest request) =>
        Protector.Protect(JsonSerializer.Serialize(request), RequestLifetime);

    private async Task<(IFormCollection Form, AuthorizationRequest Request, DspClient Client)?> ReadFormAsync(HttpContext context)
    {
        if (!context.Request.HasFormContentType || context.Request.ContentLength > MaxFormBytes)
        {
            return null;
        }

        // A chunked body has no length to check first: Kestrel stops reading it at the limit.
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxFormBytes;
        }

        try
        {
            await antiforgery.ValidateRequestAsync(context);
            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var request = JsonSerializer.Deserialize<AuthorizationRequest>(Protector.Unprotect(form["request"].ToString()));
            if (request is null || await clients.FindClientAsync(request.ClientId, context.RequestAborted) is not { } client
                || !client.HasRedirectUri(request.RedirectUri))
            {
                return null;
            }

            return (form, request, client);
        }
        catch (Exception ex) when (ex is AntiforgeryValidationException or CryptographicException or JsonException or InvalidDataException or BadHttpRequestException)
        {
            Log.FormRejected(logger, ex.GetType().Name);
            return null;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1001, LogLevel.Information, "Logon failed for a user of client {ClientId}")]
        public static partial void LogonFailed(ILogger logger, string clientId);

        [LoggerMessage(1002, LogLevel.Warning, "Logon refused: locked after repeated failures (client {ClientId})")]
        public static partial void LogonLocked(ILogger logger, string clientId);

        [LoggerMessage(1003, LogLevel.Information, "Consent denied for client {ClientId}")]
        public static partial void ConsentDenied(ILogger logger, string clientId);

        [LoggerMessage(1004, LogLevel.Information, "Authorisation code issued to client {ClientId}")]
        public static partial void CodeIssued(ILogger logger, string clientId);

        [LoggerMessage(1006, LogLevel.Warning, "Logon refused: too many failures from this address (client {ClientId})")]
        public static partial void AddressLocked(ILogger logger, string clientId);

        [LoggerMessage(1005, LogLevel.Information, "Logon or consent form rejected ({Reason})")]
        public static partial void FormRejected(ILogger logger, string reason);
    }
}
