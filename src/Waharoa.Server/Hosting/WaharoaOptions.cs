using Waharoa.Server.Calls;
using Waharoa.Server.Control;
using System.Net;
using Microsoft.Extensions.Configuration;
using Waharoa.Server.Authorization;
using Waharoa.Server.Coordination;
using Waharoa.Server.Data;
using Waharoa.Server.Endpoints;
using Waharoa.Server.Gateway;
using Waharoa.Server.OAuth;
using Waharoa.Server.Observability;
using Waharoa.Server.Sandbox;
using Waharoa.Server.Start;
using Waharoa.Server.Tls;
using Waharoa.Server.Xiams;

namespace Waharoa.Server.Hosting;

/// <summary>Options of a Waharoa server: where it runs, and each feature's own options. Every default is IR's documented value.</summary>
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

    /// <summary>The control API: its own listener (default port 4480) for test controls.</summary>
    public ControlOptions Control { get; } = new();

    /// <summary>
    /// A PostgreSQL connection string (Npgsql's form: <c>Host=…;Database=…;Username=…;Password=…</c>). Unset: the
    /// embedded SQLite database in the data folder. Several instances may share one PostgreSQL database.
    /// </summary>
    public string? Postgres { get; set; }

    /// <summary>How the store keeps its secrets: the key-encryption key, TLS to PostgreSQL (configuration <c>Waharoa:Store</c>).</summary>
    public StoreSecurityOptions Store { get; set; } = new();

    /// <summary>The Redis the instances share, optional: <see cref="CoordinationOptions.Redis"/>.</summary>
    public string? Redis
    {
        get => Coordination.Redis;
        set => Coordination.Redis = value;
    }

    /// <summary>
    /// Whether to create the demo clients and users on first start. Their credentials are published (in the README and
    /// <c>demo.json</c>), so by default (null) they are created only when listening on a loopback address; true creates
    /// them on any address (<c>--demo</c>), false never does. The production profile never creates them.
    /// </summary>
    public bool? SeedDemoData { get; set; }

    /// <summary>True when this start creates the demo data (see <see cref="SeedDemoData"/>).</summary>
    public bool CreatesDemoData =>
        Gateway.Environment != GatewayEnvironment.Production && (SeedDemoData ?? IPAddress.IsLoopback(ListenAddress));

    /// <summary>A JSON configuration file (routes to your own upstreams in YARP's <c>ReverseProxy</c> section); optional.</summary>
    public string? ConfigurationFile { get; set; }

    /// <summary>
    /// Seed files (YAML or JSON) of test data to apply at start, after the demo data: clients, users, customers,
    /// accounts, delegations, client lists. Each content is applied once.
    /// </summary>
    public IList<string> SeedFiles { get; } = [];

    /// <summary>What both OAuth dialects share: the scope, the token request size limit.</summary>
    public OAuthOptions OAuth { get; } = new();

    /// <summary>The myIR logon and consent pages: logon idle timeout, lockout.</summary>
    public AuthorizationOptions Authorization { get; } = new();

    /// <summary>The xIAMS dialect (<c>/ms_oauth/…</c>): lifetimes, issuer.</summary>
    public XiamsOptions Xiams { get; } = new();

    /// <summary>The START IAM dialect (<c>/gateway3/oauth/…</c>): lifetimes, issuer, Content-Length rule.</summary>
    public StartOptions Start { get; } = new();

    /// <summary>The gateway in front of the services: environment profile, timeouts, throttling, allowlists.</summary>
    public GatewayOptions Gateway { get; } = new();

    /// <summary>The TLS both endpoints speak: IR's policy by default.</summary>
    public TlsOptions Tls { get; } = new();

    /// <summary>The sandbox services behind the gateway.</summary>
    public SandboxOptions Sandbox { get; } = new();

    /// <summary>What instances on one store share: Redis.</summary>
    public CoordinationOptions Coordination { get; } = new();

    /// <summary>Health and metrics.</summary>
    public ObservabilityOptions Observability { get; } = new();

    /// <summary>Recording of the calls DSP clients make: on or off, how many kept per client, how much of each body.</summary>
    public CallsOptions Calls { get; } = new();

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

        Control.Validate();
        if (Control.Enabled && Control.Port != 0 && (Control.Port == DesktopPort || Control.Port == CloudPort))
        {
            throw new ArgumentException("The control API needs a port of its own, not the desktop or cloud endpoint's.");
        }

        if (SeedDemoData == true && Gateway.Environment == GatewayEnvironment.Production)
        {
            throw new ArgumentException("The demo data's credentials are published: it is never created under the production environment profile (drop --demo).");
        }

        OAuth.Validate();
        Authorization.Validate();
        Xiams.Validate();
        Start.Validate();
        Gateway.Validate();
        Sandbox.Validate();
        Calls.Validate();
    }

    /// <summary>
    /// Takes the values a configuration's <c>Waharoa</c> section gives: each feature's in its own section (<c>Xiams</c>,
    /// <c>Start</c>, <c>Gateway</c>, <c>OAuth</c>, <c>Authorization</c>, …); the settings of the xIAMS dialect (its issuer
    /// as <c>XiamsIssuer</c>), the OAuth wire and the pages may also stand directly in the section, as earlier releases
    /// read them, and the feature's own section wins.
    /// </summary>
    public void Bind(IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        try
        {
            section.Bind(OAuth);
            section.Bind(Authorization);
            Xiams.AuthorizationCodeLifetime = section.GetValue(nameof(Xiams.AuthorizationCodeLifetime), Xiams.AuthorizationCodeLifetime);
            Xiams.AccessTokenLifetime = section.GetValue(nameof(Xiams.AccessTokenLifetime), Xiams.AccessTokenLifetime);
            Xiams.RefreshTokenLifetime = section.GetValue(nameof(Xiams.RefreshTokenLifetime), Xiams.RefreshTokenLifetime);
            Xiams.Issuer = section["XiamsIssuer"] ?? Xiams.Issuer;
            section.Bind(this);
        }
        catch (InvalidOperationException ex)
        {
            throw new ArgumentException($"The configuration's Waharoa section: {ex.Message}", ex);
        }
    }
}
