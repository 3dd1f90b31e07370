using System.Net;
using Waharoa.Storage;

namespace Waharoa.Server.Authorization;

/// <summary>Locks a logon for <see cref="AuthorizationOptions.LockoutDuration"/> once it has failed <see cref="AuthorizationOptions.LockoutThreshold"/> times within <see cref="AuthorizationOptions.LockoutWindow"/>.</summary>
internal sealed class LogonLockout(ILogonFailureStore failures, TimeProvider time, AuthorizationOptions options)
{
    /// <summary>When the lock on <paramref name="logon"/> ends, or null when it is not locked.</summary>
    public async Task<DateTimeOffset?> LockedUntilAsync(string logon, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var recent = await failures.FailedLogonsSinceAsync(LogonKey(logon), now - options.LockoutWindow - options.LockoutDuration, cancellationToken);
        return LockedUntil(recent, now, options.LockoutThreshold, options.LockoutWindow, options.LockoutDuration);
    }

    /// <summary>
    /// The end of the latest lock that <paramref name="failures"/> (oldest first) imposes and that is still in force at
    /// <paramref name="now"/>: a lock starts at the failure that completes a run of <paramref name="threshold"/> failures
    /// within <paramref name="window"/>.
    /// </summary>
    public static DateTimeOffset? LockedUntil(IReadOnlyList<DateTimeOffset> failures, DateTimeOffset now, int threshold, TimeSpan window, TimeSpan duration)
    {
        DateTimeOffset? until = null;
        for (var last = threshold - 1; last < failures.Count; last++)
        {
            if (failures[last] - failures[last - threshold + 1] <= window)
            {
                var end = failures[last] + duration;
                if (end > now && (until is null || end > until))
                {
                    until = end;
                }
            }
        }

        return until;
    }

    public Task RecordFailureAsync(string logon, CancellationToken cancellationToken) =>
        failures.RecordFailedLogonAsync(LogonKey(logon), time.GetUtcNow(), cancellationToken);

    /// <summary>
    /// When the lock on logons from <paramref name="address"/> ends (after <see cref="AuthorizationOptions.AddressLockoutThreshold"/>
    /// failures from it within the window, whatever logons they named: password spraying), or null when it is not locked.
    /// </summary>
    public async Task<DateTimeOffset?> AddressLockedUntilAsync(IPAddress? address, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var recent = await failures.FailedLogonsSinceAsync(AddressKey(address), now - options.LockoutWindow - options.LockoutDuration, cancellationToken);
        return LockedUntil(recent, now, options.AddressLockoutThreshold, options.LockoutWindow, options.LockoutDuration);
    }

    public Task RecordAddressFailureAsync(IPAddress? address, CancellationToken cancellationToken) =>
        failures.RecordFailedLogonAsync(AddressKey(address), time.GetUtcNow(), cancellationToken);

    // Failures count against keys of three kinds that never meet, whatever text a logon or client id holds: "logon:",
    // "address:" here, and "client:" (ClientAuthenticationLockout).
    private static string LogonKey(string logon) => "logon:" + logon;

    private static string AddressKey(IPAddress? address) => $"address:{address?.MapToIPv6()}";

    public Task ClearAsync(string logon, CancellationToken cancellationToken) =>
        failures.ClearFailedLogonsAsync(LogonKey(logon), cancellationToken);
}
