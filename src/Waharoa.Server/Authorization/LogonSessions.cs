using Waharoa.Security;
using Waharoa.Sessions;
using Waharoa.Storage;

namespace Waharoa.Server.Authorization;

/// <summary>
/// The browser's myIR logon session: a random <c>__Host-</c> cookie (secure, whole host, no domain: no other site or
/// subdomain can set or shadow it), stored only as its hash, ended after an idle timeout and in any case after an
/// absolute lifetime.
/// </summary>
internal sealed class LogonSessions(ISessionStore store, TimeProvider time, AuthorizationOptions options)
{
    public const string CookieName = "__Host-myir_session";

    public async Task<LogonSession?> CurrentAsync(HttpContext context)
    {
        if (!context.Request.Cookies.TryGetValue(CookieName, out var handle) || string.IsNullOrEmpty(handle) || handle.Length > 100)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var session = await store.UseSessionAsync(OpaqueHandle.Hash(handle), now, now - options.LogonIdleTimeout, context.RequestAborted);
        if (session is not null && session.CreatedAt + options.LogonAbsoluteLifetime <= now)
        {
            // In use all along, but too old: the user logs on again.
            await store.EndSessionAsync(session.SessionHash, now, context.RequestAborted);
            return null;
        }

        return session;
    }

    public async Task StartAsync(HttpContext context, string logon)
    {
        var handle = OpaqueHandle.New();
        var now = time.GetUtcNow();
        await store.AddSessionAsync(new LogonSession(OpaqueHandle.Hash(handle), logon, now, now), context.RequestAborted);
        context.Response.Cookies.Append(CookieName, handle, new CookieOptions
        {
            HttpOnly = true,
            Secure = true,
            SameSite = SameSiteMode.Lax,
            Path = "/",
            IsEssential = true,
        });
    }

    public async Task EndAsync(HttpContext context)
    {
        if (context.Request.Cookies.TryGetValue(CookieName, out var handle) && !string.IsNullOrEmpty(handle) && handle.Length <= 100)
        {
            await store.EndSessionAsync(OpaqueHandle.Hash(handle), time.GetUtcNow(), context.RequestAborted);
        }

        context.Response.Cookies.Delete(CookieName, new CookieOptions { Secure = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Path = "/" });
    }
}
