using System.Text.Json.Serialization;

namespace Waharoa.Server.Demo;

/// <summary>The demo clients and users, as written to <c>demo.json</c> for scripts.</summary>
public sealed record DemoCredentials(
    [property: JsonPropertyName("clients")] IReadOnlyList<DemoClient> Clients,
    [property: JsonPropertyName("users")] IReadOnlyList<DemoUser> Users,
    [property: JsonPropertyName("ca_certificate")] string CaCertificate);

/// <summary>A demo DSP client.</summary>
public sealed record DemoClient(
    [property: JsonPropertyName("client_id")] string ClientId,
    [property: JsonPropertyName("client_secret")] string ClientSecret,
    [property: JsonPropertyName("redirect_uri")] string RedirectUri,
    [property: JsonPropertyName("redirect_uris")] IReadOnlyList<string> RedirectUris,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("certificate")] string? Certificate,
    [property: JsonPropertyName("certificate_key")] string? CertificateKey);

/// <summary>A demo myIR user.</summary>
public sealed record DemoUser(
    [property: JsonPropertyName("logon")] string Logon,
    [property: JsonPropertyName("password")] string Password);
