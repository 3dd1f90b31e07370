using Waharoa.Server.Hosting;
using Waharoa.Storage;

namespace Waharoa.Server.Authorization;

/// <summary>Locks a logon for <see cref="WaharoaOptions.LockoutDuration"/> once it has failed <see cref="WaharoaOptions.LockoutThreshold"/> times within <see cref="WaharoaOptions.LockoutWindow"/>.</summary>
internal sealed class LogonLockout(IUserStore users, TimeProvider time, WaharoaOptions options)
{
    /// <summary>When the lock on <paramref name="logon"/> ends, or null when it is not locked.</summary>
    public async Task<DateTimeOffset?> LockedUntilAsync(string logon, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var failures = await users.FailedLogonsSinceAsync(logon, now - options.LockoutWindow - options.LockoutDuration, cancellationToken);
        return LockedUntil(failures, now, options.LockoutThreshold, options.LockoutWindow, options.LockoutDuration);
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
        users.RecordFailedLogonAsync(logon, time.GetUtcNow(), cancellationToken);

    public Task ClearAsync(string logon, CancellationToken cancellationToken) =>
        users.ClearFailedLogonsAsync(logon, cancellationToken);
}
