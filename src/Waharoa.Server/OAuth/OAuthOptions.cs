namespace Waharoa.Server.OAuth;

/// <summary>What both OAuth dialects share on the wire. Every default is IR's.</summary>
public sealed class OAuthOptions
{
    /// <summary>The only scope IR grants. Default <c>MYIR.Services</c>.</summary>
    public string Scope { get; set; } = "MYIR.Services";

    /// <summary>Largest token, introspection or revocation request body accepted. Default 64 KiB.</summary>
    public int MaxTokenRequestBytes { get; set; } = 64 * 1024;

    /// <summary>Failed client authentications of one client id from one address, within <see cref="ClientLockoutWindow"/>, that lock that address out. Default 10.</summary>
    public int ClientLockoutThreshold { get; set; } = 10;

    /// <summary>The window in which <see cref="ClientLockoutThreshold"/> failures lock an address out. Default 15 minutes.</summary>
    public TimeSpan ClientLockoutWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long an address stays locked out of a client id. Default 15 minutes.</summary>
    public TimeSpan ClientLockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Throws when an option is out of range.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Scope))
        {
            throw new ArgumentException("The scope must be named.");
        }

        if (ClientLockoutThreshold < 1 || ClientLockoutWindow <= TimeSpan.Zero || ClientLockoutDuration <= TimeSpan.Zero)
        {
            throw new ArgumentException("The client lockout needs a threshold of at least 1 and a positive window and duration.");
        }

        if (MaxTokenRequestBytes < 1024)
        {
            throw new ArgumentException("The token request limit must be at least 1 KiB.");
        }
    }
}
