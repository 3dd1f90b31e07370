using System.Net;
using System.Security.Cryptography;
using System.Text;
using Waharoa.Server.Authorization;
using Waharoa.Storage;

namespace Waharoa.Server.OAuth;

/// <summary>
/// Slows client-secret guessing: after <see cref="OAuthOptions.ClientLockoutThreshold"/> failed authentications of one
/// client id from one source address within <see cref="OAuthOptions.ClientLockoutWindow"/>, that address is answered
/// as for a wrong secret, whatever it sends, for <see cref="OAuthOptions.ClientLockoutDuration"/>. The client's own
/// calls from elsewhere go on. Failures are kept in the store, so every instance counts them.
/// </summary>
internal sealed class ClientAuthenticationLockout(ILogonFailureStore failures, TimeProvider time, OAuthOptions options)
{
    /// <summary>The key failures of <paramref name="clientId"/> from <paramref name="address"/> count against (the id hashed: it is the caller's text).</summary>
    public static string Key(string clientId, IPAddress? address) =>
        $"client:{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(clientId)))[..32]}@{address?.MapToIPv6()}";

    public async Task<bool> IsLockedAsync(string key, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var recent = await failures.FailedLogonsSinceAsync(key, now - options.ClientLockoutWindow - options.ClientLockoutDuration, cancellationToken);
        return LogonLockout.LockedUntil(recent, now, options.ClientLockoutThreshold, options.ClientLockoutWindow, options.ClientLockoutDuration) is not null;
    }

    public Task RecordFailureAsync(string key, CancellationToken cancellationToken) =>
        failures.RecordFailedLogonAsync(key, time.GetUtcNow(), cancellationToken);
}
