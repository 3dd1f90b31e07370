namespace Waharoa.Server.Authorization;

/// <summary>The myIR logon and consent pages. Every default is IR's.</summary>
public sealed class AuthorizationOptions
{
    /// <summary>A myIR logon session ends after this long without use. Default 15 minutes.</summary>
    public TimeSpan LogonIdleTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A myIR logon session ends this long after the logon, however much it is used. Default 8 hours.</summary>
    public TimeSpan LogonAbsoluteLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Failed logons within <see cref="LockoutWindow"/> that lock a logon. Default 5.</summary>
    public int LockoutThreshold { get; set; } = 5;

    /// <summary>Failed logons from one address within <see cref="LockoutWindow"/>, whatever logons they name, that lock logons from it. Default 20.</summary>
    public int AddressLockoutThreshold { get; set; } = 20;

    /// <summary>The window in which <see cref="LockoutThreshold"/> failures lock a logon. Default 15 minutes.</summary>
    public TimeSpan LockoutWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a locked logon stays locked. Default 15 minutes.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Throws when an option is out of range.</summary>
    public void Validate()
    {
        foreach (var (name, value) in new[] { ("logon idle timeout", LogonIdleTimeout), ("logon absolute lifetime", LogonAbsoluteLifetime), ("lockout window", LockoutWindow), ("lockout duration", LockoutDuration) })
        {
            if (value <= TimeSpan.Zero)
            {
                throw new ArgumentException($"The {name} must be positive.");
            }
        }

        if (LockoutThreshold < 1 || AddressLockoutThreshold < 1)
        {
            throw new ArgumentException("The lockout thresholds must be at least 1.");
        }
    }
}
