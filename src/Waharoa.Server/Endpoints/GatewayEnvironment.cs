namespace Waharoa.Server.Endpoints;

/// <summary>IR's environments; only non-production ones firewall callers by IP address.</summary>
public enum GatewayEnvironment
{
    /// <summary>IR's mock services (sandbox).</summary>
    Mock,

    /// <summary>IR's test environment.</summary>
    Test,

    /// <summary>Production: no IP address restrictions.</summary>
    Production,
}
