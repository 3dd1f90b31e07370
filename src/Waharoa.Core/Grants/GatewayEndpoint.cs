namespace Waharoa.Grants;

/// <summary>The gateway endpoint a request arrived on.</summary>
public enum GatewayEndpoint
{
    /// <summary>One-way TLS, for desktop and native applications (IR's port 443).</summary>
    Desktop,

    /// <summary>Mutual TLS, for cloud DSPs (IR's port 4046).</summary>
    Cloud,
}
