using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Waharoa.Certificates;
using Waharoa.Clients;

namespace Waharoa.Server.Administration;

/// <summary>An answer or why not.</summary>
public readonly record struct ClientOutcome<T>(T? Value, ClientProblem? Problem)
{
    /// <summary>A success.</summary>
    public ClientOutcome(T value)
        : this(value, null)
    {
    }

    /// <summary>A refusal.</summary>
    public ClientOutcome(ClientProblem problem)
        : this(default, problem)
    {
    }
}

/// <summary>Why a client change was refused: what the operator did wrong, in a code and in words.</summary>
/// <param name="Status">The HTTP status the control API answers with (400, 404 or 409).</param>
/// <param name="Error">A snake_case code.</param>
/// <param name="Message">What is wrong, in words for the operator.</param>
public sealed record ClientProblem(int Status, string Error, string Message)
{
    /// <summary>Bad input (400).</summary>
    public static ClientProblem Invalid(string error, string message) => new(400, error, message);

    /// <summary>A conflict with what is stored (409).</summary>
    public static ClientProblem Conflict(string error, string message) => new(409, error, message);

    /// <summary>The client id is registered already (409).</summary>
    public static ClientProblem Taken(string? clientId) => Conflict("client_id_taken", $"A client with id '{clientId}' already exists.");

    /// <summary>No such client (404).</summary>
    public static ClientProblem NotFound(string clientId) => new(404, "unknown_client", $"There is no client '{clientId}' (waharoa clients list shows them).");
}

/// <summary>A client to register.</summary>
/// <param name="ClientId">Its client_id.</param>
/// <param name="Name">Shown on the consent page (default: the client_id).</param>
/// <param name="Kind">cloud (mutual TLS, refresh tokens; the default) or native (desktop app).</param>
/// <param name="RedirectUris">Its redirect URIs, matched exactly (at least one).</param>
/// <param name="Services">The gateway web services it is enrolled for (default * = every one).</param>
/// <param name="CustomerIrd">The IRD number of the DSP's own customer (whom an M2M call without startLogon acts as).</param>
/// <param name="SoftwarePlatforms">The software platform values IR assigned it (default: any).</param>
/// <param name="Secret">Its secret (default: a new random one, in the answer once).</param>
/// <param name="CertificatePem">A cloud client's TLS certificate (PEM), enrolled by its CN unless <paramref name="PinCertificate"/>.</param>
/// <param name="CommonName">The CN a cloud client's certificates carry, enrolled without a certificate.</param>
/// <param name="PinCertificate">Accept only <paramref name="CertificatePem"/> (its thumbprint), not any trusted certificate with its CN.</param>
/// <param name="SigningCertificatePems">Certificates (PEM) it signs M2M JWTs with (default: its TLS certificate).</param>
public sealed record NewClientRequest(
    string? ClientId,
    string? Name = null,
    string? Kind = null,
    IReadOnlyList<string>? RedirectUris = null,
    IReadOnlyList<string>? Services = null,
    string? CustomerIrd = null,
    IReadOnlyList<string>? SoftwarePlatforms = null,
    string? Secret = null,
    string? CertificatePem = null,
    string? CommonName = null,
    bool PinCertificate = false,
    IReadOnlyList<string>? SigningCertificatePems = null);

/// <summary>What to change of a client; a field left out (null) stays as it is.</summary>
/// <param name="Name">Shown on the consent page.</param>
/// <param name="Kind">cloud or native (native drops its certificates).</param>
/// <param name="RedirectUris">Its redirect URIs, all of them, matched exactly.</param>
/// <param name="Services">The gateway web services it is enrolled for (empty: every one).</param>
/// <param name="CustomerIrd">The DSP's own customer's IRD number; empty to remove it.</param>
/// <param name="SoftwarePlatforms">The software platform values IR assigned it (empty: any).</param>
public sealed record ClientChangeRequest(
    string? Name = null,
    string? Kind = null,
    IReadOnlyList<string>? RedirectUris = null,
    IReadOnlyList<string>? Services = null,
    string? CustomerIrd = null,
    IReadOnlyList<string>? SoftwarePlatforms = null);

/// <summary>A certificate to enrol for a cloud client.</summary>
/// <param name="Pem">The certificate, PEM.</param>
/// <param name="Use">tls (its TLS client certificate; the default) or signing (one it signs M2M JWTs with).</param>
/// <param name="Pin">For tls: accept only this certificate (its thumbprint) rather than any trusted one with its CN.</param>
public sealed record CertificateEnrolRequest(string? Pem, string? Use = "tls", bool Pin = false);

/// <summary>A certificate the test CA issues for a client and enrols.</summary>
/// <param name="Use">tls (the default) or signing.</param>
/// <param name="Key">ecc (ECDSA P-256, the default) or rsa (RSA 2048).</param>
/// <param name="Days">How long it is valid (1 to 1461; default 365).</param>
/// <param name="Pkcs12Password">The PKCS#12's password (default empty).</param>
public sealed record CertificateForClientRequest(string? Use = "tls", string? Key = "ecc", int? Days = null, string? Pkcs12Password = null);

/// <summary>A client as its operator sees it: never its secret or the secret's hash.</summary>
/// <param name="ClientId">Its client_id.</param>
/// <param name="Name">Shown on the consent page.</param>
/// <param name="Kind">cloud or native.</param>
/// <param name="RedirectUris">Its redirect URIs, matched exactly.</param>
/// <param name="Services">The gateway web services it is enrolled for (* = every one).</param>
/// <param name="CustomerIrd">The DSP's own customer's IRD number, if any.</param>
/// <param name="SoftwarePlatforms">The software platform values it may name (none: any).</param>
/// <param name="CertificateCommonName">The CN its TLS certificates are enrolled by, if any.</param>
/// <param name="CertificateThumbprint">The SHA-256 thumbprint it is pinned to, if any (wins over the CN).</param>
/// <param name="SigningCertificates">The certificates it signs M2M JWTs with.</param>
/// <param name="Disabled">True when refused everywhere, as an unknown client is.</param>
/// <param name="CreatedAt">When it was registered.</param>
public sealed record ClientView(
    string ClientId,
    string Name,
    ClientKind Kind,
    IReadOnlyList<string> RedirectUris,
    IReadOnlyList<string> Services,
    string? CustomerIrd,
    IReadOnlyList<string> SoftwarePlatforms,
    string? CertificateCommonName,
    string? CertificateThumbprint,
    IReadOnlyList<SigningCertificateView> SigningCertificates,
    bool Disabled,
    DateTimeOffset CreatedAt)
{
    /// <summary>The view of <paramref name="client"/>.</summary>
    public static ClientView Of(DspClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new(
            client.ClientId,
            client.Name,
            client.Kind,
            client.RedirectUris,
            client.Services,
            client.CustomerIrd,
            client.SoftwarePlatforms,
            client.CertificateCommonName,
            client.CertificateThumbprint,
            [.. client.SigningCertificates.Select(SigningCertificateView.Of)],
            client.Disabled,
            client.CreatedAt);
    }
}

/// <summary>An enrolled signing certificate.</summary>
/// <param name="Subject">Its subject.</param>
/// <param name="Thumbprint">Its SHA-256 thumbprint: the sub of the M2M JWTs it signs.</param>
/// <param name="NotAfter">Its end.</param>
/// <param name="Pem">The certificate, PEM.</param>
public sealed record SigningCertificateView(string Subject, string Thumbprint, DateTimeOffset? NotAfter, string Pem)
{
    /// <summary>The view of the PEM certificate <paramref name="pem"/> (as stored; one that cannot be read shows its text only).</summary>
    public static SigningCertificateView Of(string pem)
    {
        try
        {
            using var certificate = X509Certificate2.CreateFromPem(pem);
            return new(certificate.Subject, CertificateFiles.Sha256Thumbprint(certificate), new DateTimeOffset(certificate.NotAfter.ToUniversalTime()), pem);
        }
        catch (CryptographicException)
        {
            return new("(unreadable)", string.Empty, null, pem);
        }
    }
}

/// <summary>A client and its secret, shown this once: only its hash is kept.</summary>
public sealed record ClientWithSecret(ClientView Client, string ClientSecret);
