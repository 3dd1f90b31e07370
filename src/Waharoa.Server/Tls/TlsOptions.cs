using System.Net.Security;

namespace Waharoa.Server.Tls;

/// <summary>The TLS both endpoints speak.</summary>
public sealed class TlsOptions
{
    /// <summary>IR's policy (the default) or a relaxed one for tools that need RSA.</summary>
    public TlsPolicy Policy { get; set; } = TlsPolicy.Ir;

    /// <summary>
    /// IR's six suites (<c>Mutual-Authentication-and-Cipher-Support.md</c>): TLS 1.3's three, and TLS 1.2's three
    /// ECDHE-ECDSA AEAD suites.
    /// </summary>
    public static readonly TlsCipherSuite[] IrCipherSuites =
    [
        TlsCipherSuite.TLS_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_CHACHA20_POLY1305_SHA256,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
        TlsCipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
    ];
}

/// <summary>Which TLS the endpoints speak.</summary>
public enum TlsPolicy
{
    /// <summary>
    /// IR's: an ECC server certificate, TLS 1.2 with IR's three ECDHE-ECDSA suites or TLS 1.3 with its three, nothing
    /// else. A client that could not talk to IR cannot talk to Waharoa.
    /// </summary>
    Ir,

    /// <summary>An RSA server certificate and every TLS 1.2 and 1.3 suite the platform offers, for tools that need RSA.</summary>
    Relaxed,
}
