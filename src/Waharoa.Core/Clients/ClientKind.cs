namespace Waharoa.Clients;

/// <summary>How a DSP client connects to the gateway.</summary>
public enum ClientKind
{
    /// <summary>A cloud-hosted client: mutual TLS on the cloud endpoint, refresh tokens issued.</summary>
    Cloud,

    /// <summary>A native (desktop) application: one-way TLS on the desktop endpoint, no refresh tokens.</summary>
    Native,
}
