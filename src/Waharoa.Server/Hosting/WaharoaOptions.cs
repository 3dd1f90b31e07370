using System.Net;

namespace Waharoa.Server.Hosting;

/// <summary>Options of a Waharoa server. Every default is IR's documented value.</summary>
public sealed class WaharoaOptions
{
    /// <summary>The data folder: database, certificates, keys and demo credentials. Default <c>./.waharoa</c>.</summary>
    public string DataDirectory { get; set; } = ".waharoa";

    /// <summary>The address both endpoints listen on. Default 127.0.0.1.</summary>
    public IPAddress ListenAddress { get; set; } = IPAddress.Loopback;

    /// <summary>Port of the desktop endpoint (one-way TLS; IR uses 443). Default 4443.</summary>
    public int DesktopPort { get; set; } = 4443;

    /// <summary>Port of the cloud endpoint (mutual TLS). Default 4046, as IR's.</summary>
    public int CloudPort { get; set; } = 4046;

    /// <summary>
    /// A PostgreSQL connection string (Npgsql's form: <c>Host=…;Database=…;Username=…;Password=…</c>). Unset: the
    /// embedded SQLite database in the data folder. Several instances may share one PostgreSQL database.
    /// </summary>
    public string? Postgres { get; set; }

    /// <summary>
    /// A Redis configuration string (StackExchange.Redis's form: <c>host:port,password=…</c>), optional: shares
    /// throttle counters across instances and fans revocations and key rotations out to them.
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>Whether to seed demo clients and users on first start. Default true.</summary>
    public bool SeedDemoData { get; set; } = true;

    /// <summary>Lifetime of an xIAMS authorisation code. Default 15 minutes.</summary>
    public TimeSpan AuthorizationCodeLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Lifetime of an xIAMS access token. Default 8 hours.</summary>
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Lifetime of an xIAMS refresh token. Default 6 months (183 days).</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(183);

    /// <summary>A myIR logon session ends after this long without use. Default 15 minutes.</summary>
    public TimeSpan LogonIdleTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Failed logons within <see cref="LockoutWindow"/> that lock a logon. Default 5.</summary>
    public int LockoutThreshold { get; set; } = 5;

    /// <summary>The window in which <see cref="LockoutThreshold"/> failures lock a logon. Default 15 minutes.</summary>
    public TimeSpan LockoutWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a locked logon stays locked. Default 15 minutes.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Largest token request body accepted. Default 64 KiB.</summary>
    public int MaxTokenRequestBytes { get; set; } = 64 * 1024;

    /// <summary>The <c>iss</c> of xIAMS tokens. Default <c>InlandRevenue</c>.</summary>
    public string XiamsIssuer { get; set; } = "InlandRevenue";

    /// <summary>The only scope IR grants. Default <c>MYIR.Services</c>.</summary>
    public string Scope { get; set; } = "MYIR.Services";

    /// <summary>A JSON configuration file (routes to your own upstreams in YARP's <c>ReverseProxy</c> section); optional.</summary>
    public string? ConfigurationFile { get; set; }

    /// <summary>
    /// Seed files (YAML or JSON) of test data to apply at start, after the demo data: clients, users, customers,
    /// accounts, delegations, client lists. Each content is applied once.
    /// </summary>
    public IList<string> SeedFiles { get; } = [];

    /// <summary>The START IAM dialect (<c>/gateway3/oauth/…</c>): lifetimes, issuer, Content-Length rule.</summary>
    public Start.StartOptions Start { get; } = new();

    /// <summary>The gateway in front of the services: environment profile, timeouts, throttling, allowlists.</summary>
    public Gateway.GatewayOptions Gateway { get; } = new();

    /// <summary>Throws when an option is out of range.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(DataDirectory))
        {
            throw new ArgumentException("The data folder must be named.");
        }

        foreach (var (name, port) in new[] { ("desktop", DesktopPort), ("cloud", CloudPort) })
        {
            if (port is < 0 or > 65535)
            {
                throw new ArgumentException($"The {name} port must be between 0 and 65535.");
            }
        }

        if (DesktopPort == CloudPort && DesktopPort != 0)
        {
            throw new ArgumentException("The desktop and cloud endpoints need different ports.");
        }

        foreach (var (name, value) in new[]
        {
            ("authorisation code lifetime", AuthorizationCodeLifetime),
            ("access token lifetime", AccessTokenLifetime),
            ("refresh token lifetime", RefreshTokenLifetime),
            ("logon idle timeout", LogonIdleTimeout),
            ("lockout window", LockoutWindow),
            ("lockout duration", LockoutDuration),
            ("START authorisation code lifetime", Start.AuthorizationCodeLifetime),
            ("START access token lifetime", Start.AccessTokenLifetime),
            ("START refresh token lifetime", Start.RefreshTokenLifetime),
        })
        {
            if (value <= TimeSpan.Zero)
            {
                throw new ArgumentException($"The {name} must be positive.");
            }
        }

        foreach (var (name, policy) in new[] { ("cloud", Gateway.Cloud), ("desktop", Gateway.Desktop) })
        {
            if (!(policy.RatePerSecond > 0) || policy.Burst < 1 || policy.MaxConcurrentRequests < 1)
            {
                throw new ArgumentException($"The {name} endpoint's throttling needs a positive RatePerSecond, and a Burst and MaxConcurrentRequests of at least 1.");
            }

            foreach (var network in policy.AllowedNetworks)
            {
                if (!System.Net.IPNetwork.TryParse(network, out _))
                {
                    throw new ArgumentException($"The {name} endpoint's AllowedNetworks entry '{network}' is not a CIDR network such as 10.0.0.0/8.");
                }
            }
        }

        if (Gateway.UpstreamTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("The gateway's UpstreamTimeout must be positive.");
        }

        if (LockoutThreshold < 1 || MaxTokenRequestBytes < 1024)
        {
            throw new ArgumentException("The lockout threshold must be at least 1 and the token request limit at least 1 KiB.");
        }
    }
}
