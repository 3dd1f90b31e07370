using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Waharoa.Certificates;
using Waharoa.Clients;
using Waharoa.Server.Tls;
using Waharoa.Storage;

namespace Waharoa.Server.Control;

/// <summary>
/// <c>POST /control/certificates</c>: the test CA. Issues a DSP certificate for a client, of a kind that IR accepts or
/// refuses (valid, expired, not yet valid, from an untrusted CA, with a wrong CN, a renewal), from the development CA this
/// instance trusts (on a shared store, the store's), dated by this instance's clock. It enrols nothing: which certificates
/// the client is enrolled with stays as it was, and the answer says what IR would do with the certificate.
/// </summary>
internal static class CertificateControl
{
    /// <summary>IR's signing certificates may be valid "up to 4 years" (build pack §2.4); the test CA holds every certificate to it.</summary>
    public const int MaxDays = 1461;

    private static readonly string[] Kinds = ["valid", "expired", "not-yet-valid", "untrusted-ca", "wrong-cn", "renewal"];

    internal static RouteGroupBuilder MapCertificateControl(this RouteGroupBuilder group)
    {
        group.MapPost("/certificates", async (HttpContext context, ServerCertificates certificates, IClientStore clients, TimeProvider time) =>
        {
            CertificateIssueRequest? request;
            try
            {
                request = await JsonSerializer.DeserializeAsync<CertificateIssueRequest>(context.Request.Body, ControlJson.Options, context.RequestAborted);
            }
            catch (JsonException ex)
            {
                return ControlApi.Error(StatusCodes.Status400BadRequest, "invalid_json", $"The body is not a certificate request: {ex.Message}");
            }

            if (request is null || string.IsNullOrWhiteSpace(request.ClientId))
            {
                return ControlApi.Error(StatusCodes.Status400BadRequest, "client_id_required", "Name the client the certificate is for: {\"clientId\": \"…\"}.");
            }

            if (Problem(request) is { } problem)
            {
                return ControlApi.Error(StatusCodes.Status400BadRequest, problem.Error, problem.Message);
            }

            var client = await clients.FindClientAsync(request.ClientId, context.RequestAborted);
            if (client is null)
            {
                return ControlApi.Error(StatusCodes.Status400BadRequest, "unknown_client", $"There is no client '{request.ClientId}' (waharoa clients list shows them).");
            }

            if (client.Kind != ClientKind.Cloud)
            {
                return ControlApi.Error(StatusCodes.Status400BadRequest, "not_a_cloud_client",
                    $"Client '{client.ClientId}' is a desktop (native) client: it calls the desktop endpoint, which takes no client certificate and no M2M JWT.");
            }

            try
            {
                return Results.Json(Issue(request, client, certificates, time), ControlJson.Options);
            }
            catch (ArgumentException ex)
            {
                return ControlApi.Error(StatusCodes.Status409Conflict, "outside_ca_validity", ex.Message);
            }
            catch (CryptographicException ex)
            {
                return ControlApi.Error(StatusCodes.Status400BadRequest, "unusable_common_name", $"No certificate can carry that common name: {ex.Message}");
            }
        })
        .WithName("IssueCertificate")
        .WithSummary("Issue a test DSP certificate (valid, expired, not-yet-valid, untrusted-ca, wrong-cn or renewal; RSA or ECC; TLS or M2M signing), as PEM and PKCS#12.")
        .WithDescription("The certificate and its key come back in the answer; nothing is enrolled. 'trusted' says whether its issuer is a CA the cloud endpoint trusts; "
            + "'note' says what IR would do with it for this client.")
        .Accepts<CertificateIssueRequest>("application/json")
        .Produces<IssuedCertificateView>()
        .Produces<ControlError>(StatusCodes.Status400BadRequest)
        .Produces<ControlError>(StatusCodes.Status409Conflict);
        return group;
    }

    /// <summary>What is wrong with <paramref name="request"/>, or null.</summary>
    internal static (string Error, string Message)? Problem(CertificateIssueRequest request)
    {
        if (!Kinds.Contains(request.Kind, StringComparer.Ordinal))
        {
            return ("unknown_kind", $"Unknown kind '{request.Kind}': use one of {string.Join(", ", Kinds)}.");
        }

        if (request.Key is not ("rsa" or "ecc"))
        {
            return ("unknown_key", $"Unknown key '{request.Key}': use rsa (RSA 2048) or ecc (ECDSA P-256).");
        }

        if (request.Use is not ("tls" or "signing"))
        {
            return ("unknown_use", $"Unknown use '{request.Use}': use tls (a client-auth TLS certificate) or signing (an M2M JWT signing certificate).");
        }

        if (request.Days is < 1 or > MaxDays)
        {
            return ("invalid_days", $"days must be from 1 to {MaxDays} (IR's limit of 4 years).");
        }

        if (request.Cn is not null && request.Kind != "wrong-cn")
        {
            return ("cn_only_for_wrong_cn", "cn chooses the Common Name of a wrong-cn certificate; the other kinds carry the client's enrolled one.");
        }

        if (request.Cn is not null && (string.IsNullOrWhiteSpace(request.Cn) || request.Cn.Length > 64 || request.Cn.Any(c => char.IsControl(c) || c is ',' or '=' or '+' or '"' or '\\' or '<' or '>' or ';')))
        {
            return ("invalid_cn", "cn must be 1 to 64 characters, without control characters or any of , = + \" \\ < > ;.");
        }

        return null;
    }

    /// <summary>Issues the certificate <paramref name="request"/> asks for <paramref name="client"/>, dated by <paramref name="time"/>; enrols nothing.</summary>
    internal static IssuedCertificateView Issue(CertificateIssueRequest request, DspClient client, ServerCertificates certificates, TimeProvider time)
    {
        var now = time.GetUtcNow();
        var validity = TimeSpan.FromDays(request.Days ?? 365);
        var enrolledCn = client.CertificateCommonName ?? client.ClientId;
        var cn = request.Kind == "wrong-cn" ? request.Cn ?? "Not " + enrolledCn : enrolledCn;
        var (notBefore, notAfter) = request.Kind switch
        {
            "expired" => (now - TimeSpan.FromHours(1) - validity, now - TimeSpan.FromHours(1)),
            "not-yet-valid" => (now + TimeSpan.FromDays(1), now + TimeSpan.FromDays(1) + validity),
            "renewal" => (now - TimeSpan.FromMinutes(1), now - TimeSpan.FromMinutes(1) + validity),
            _ => (now - TimeSpan.FromHours(1), now - TimeSpan.FromHours(1) + validity),
        };

        // A certificate IR would have refused for its dates keeps them even when the CA is younger than they ask.
        var authority = certificates.Authority;
        var caStart = new DateTimeOffset(authority.Certificate.NotBefore.ToUniversalTime());
        var caEnd = new DateTimeOffset(authority.Certificate.NotAfter.ToUniversalTime());
        if (request.Kind != "untrusted-ca")
        {
            notBefore = notBefore < caStart && caStart < now ? caStart : notBefore;
            notAfter = notAfter > caEnd && caEnd > now ? caEnd : notAfter;
        }

        var subject = TestCertificateAuthority.DspSubject(cn);
        var ecc = request.Key == "ecc";
        var signing = request.Use == "signing";
        X509Certificate2 issued;
        if (request.Kind == "untrusted-ca")
        {
            // A CA made for this certificate and then thrown away: no instance trusts it, and none ever can.
            using var untrusted = TestCertificateAuthority.Create("Waharoa Untrusted Test CA", time);
            issued = untrusted.IssueDspCertificate(subject, ecc, signing, notBefore, notAfter);
        }
        else
        {
            issued = authority.IssueDspCertificate(subject, ecc, signing, notBefore, notAfter);
        }

        using (issued)
        {
            using AsymmetricAlgorithm key = (AsymmetricAlgorithm?)issued.GetECDsaPrivateKey() ?? issued.GetRSAPrivateKey()!;
            var password = request.Pkcs12Password ?? string.Empty;
            var trusted = ChainsToTrustedCa(issued, certificates);
            return new IssuedCertificateView(
                issued.Subject,
                issued.Issuer,
                new DateTimeOffset(issued.NotBefore.ToUniversalTime()),
                new DateTimeOffset(issued.NotAfter.ToUniversalTime()),
                CertificateFiles.Sha256Thumbprint(issued),
                issued.SerialNumber,
                issued.ExportCertificatePem(),
                key.ExportPkcs8PrivateKeyPem(),
                Convert.ToBase64String(issued.ExportPkcs12(Pkcs12ExportPbeParameters.Pbes2Aes256Sha256, password)),
                trusted,
                Note(request, client, cn, issued, trusted, now));
        }
    }

    /// <summary>Whether <paramref name="certificate"/>'s issuer is a CA the cloud endpoint trusts, whatever its dates.</summary>
    private static bool ChainsToTrustedCa(X509Certificate2 certificate, ServerCertificates certificates)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(certificates.TrustedClientCas);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.IgnoreNotTimeValid;
        return chain.Build(certificate);
    }

    /// <summary>What IR would do with the certificate, for this client, as Waharoa's endpoints do it.</summary>
    private static string Note(CertificateIssueRequest request, DspClient client, string cn, X509Certificate2 issued, bool trusted, DateTimeOffset now)
    {
        var notBefore = new DateTimeOffset(issued.NotBefore.ToUniversalTime());
        var notAfter = new DateTimeOffset(issued.NotAfter.ToUniversalTime());
        if (request.Use == "signing")
        {
            var dates = notAfter <= now ? $" It expired at {notAfter:u} (server time {now:u}): M2M JWTs signed with it are refused (EV1020) even once enrolled."
                : notBefore > now ? $" It is valid only from {notBefore:u}: a JWT whose iat is before that is refused (EV1020)."
                : string.Empty;
            var enrolled = client.SigningCertificates.Count == 0
                ? $"Client '{client.ClientId}' has no signing certificate enrolled, so it signs with its TLS certificate: JWTs signed with this one are refused (EV1020)"
                : $"Client '{client.ClientId}' has {client.SigningCertificates.Count} signing certificate(s) enrolled, and this new one is not among them: JWTs signed with it are refused (EV1020)";
            return "An M2M signing certificate (sub = its SHA-256 thumbprint). IR takes signing certificates exchanged at onboarding, self-signed allowed, "
                + "whatever CA issued them; issuing one does not enrol it. " + enrolled
                + " until it is enrolled (waharoa clients add --signing-certificate, or a seed file's signing_certificates)." + dates;
        }

        if (!trusted)
        {
            return "IR refuses it in the TLS handshake: its issuer is not a CA the cloud endpoint trusts.";
        }

        if (notAfter <= now)
        {
            return $"IR refuses it in the TLS handshake: it expired at {notAfter:u} (server time {now:u}).";
        }

        if (notBefore > now)
        {
            return $"IR refuses it in the TLS handshake: it is valid only from {notBefore:u} (server time {now:u}).";
        }

        if (request.Kind == "wrong-cn")
        {
            return $"The TLS handshake succeeds (a trusted CA), but the CN '{cn}' is not the one client '{client.ClientId}' is enrolled by: "
                + "the gateway answers EV1020 (HTTP 401, or the route's AuthenticationFailureStatus: 400 on the Account API) and the token endpoints answer 401 invalid_client, as IR does for a certificate whose CN it has not had exchanged.";
        }

        if (client.CertificateThumbprint is { } pinned)
        {
            return $"Trusted, but client '{client.ClientId}' is pinned to the certificate with thumbprint {pinned}: this one is refused (gateway EV1020, "
                + "token endpoints invalid_client) until the client is enrolled with it or by its CN.";
        }

        return request.Kind == "renewal"
            ? $"IR accepts it without re-enrolment: a new key and certificate with the CN '{cn}' that client '{client.ClientId}' is enrolled by, from a trusted CA."
            : $"IR accepts it: client '{client.ClientId}' is enrolled by the CN '{cn}', and a trusted CA issued it.";
    }
}

/// <summary>A request for a test DSP certificate.</summary>
/// <param name="ClientId">The cloud client it is for.</param>
/// <param name="Kind">valid, expired, not-yet-valid, untrusted-ca, wrong-cn or renewal.</param>
/// <param name="Key">rsa (RSA 2048) or ecc (ECDSA P-256, the default).</param>
/// <param name="Use">tls (client-auth TLS, the default) or signing (M2M JWT signing).</param>
/// <param name="Days">How long it is valid (1 to 1461; default 365).</param>
/// <param name="Cn">The Common Name of a wrong-cn certificate (default "Not " and the enrolled CN).</param>
/// <param name="Pkcs12Password">The PKCS#12 file's password (default empty).</param>
public sealed record CertificateIssueRequest(
    string ClientId, string Kind = "valid", string Key = "ecc", string Use = "tls", int? Days = null, string? Cn = null, string? Pkcs12Password = null);

/// <summary>An issued test certificate, its key, and what IR would do with it.</summary>
/// <param name="Subject">Its subject distinguished name.</param>
/// <param name="Issuer">Its issuer's distinguished name.</param>
/// <param name="NotBefore">Its start, on the server's clock.</param>
/// <param name="NotAfter">Its end.</param>
/// <param name="Thumbprint">Its SHA-256 thumbprint (upper-case hex): what an M2M JWT's sub names, and what a pinned client is enrolled by.</param>
/// <param name="SerialNumber">Its serial number (hex).</param>
/// <param name="CertificatePem">The certificate, PEM.</param>
/// <param name="PrivateKeyPem">Its private key, PKCS#8 PEM, unencrypted.</param>
/// <param name="Pkcs12">The certificate and key as PKCS#12 (PBES2, AES-256), base64.</param>
/// <param name="Trusted">True when its issuer is a CA the cloud endpoint trusts (whatever its dates).</param>
/// <param name="Note">What IR would do with it for the client.</param>
public sealed record IssuedCertificateView(
    string Subject,
    string Issuer,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    string Thumbprint,
    string SerialNumber,
    string CertificatePem,
    string PrivateKeyPem,
    string Pkcs12,
    bool Trusted,
    string Note);
