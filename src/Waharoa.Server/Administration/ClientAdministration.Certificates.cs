using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Waharoa.Certificates;
using Waharoa.Clients;
using Waharoa.Server.Tls;

namespace Waharoa.Server.Administration;

/// <summary>A client's certificates: enrolling a PEM one (for TLS or for signing M2M JWTs), or issuing one from the test CA.</summary>
internal sealed partial class ClientAdministration
{
    /// <summary>Enrols a PEM certificate: for TLS by its Common Name (as IR does) or pinned by its thumbprint; for signing M2M JWTs beside any others.</summary>
    public Task<ClientOutcome<ClientView>> EnrolCertificateAsync(string clientId, CertificateEnrolRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Pem))
        {
            return Task.FromResult(new ClientOutcome<ClientView>(ClientProblem.Invalid("certificate_required", "Send the certificate as PEM: {\"pem\": \"-----BEGIN CERTIFICATE-----…\"}.")));
        }

        if (UseProblem(request.Use) is { } useProblem)
        {
            return Task.FromResult(new ClientOutcome<ClientView>(useProblem));
        }

        return ChangeAsync(
            clientId,
            client => client.Kind != ClientKind.Cloud ? (null, NotCloud(clientId))
                : request.Use == "signing" ? EnrolSigning(client, request.Pem)
                : EnrolTls(client, request.Pem, request.Pin),
            cancellationToken);
    }

    /// <summary>
    /// Issues a certificate for the client from the test CA this server trusts (TLS client or M2M signing) and enrols it:
    /// a pinned client is pinned to the new one, a client enrolled by nothing is enrolled by its CN, a signing certificate
    /// joins the client's. The answer carries the certificate, its key and a PKCS#12 of both.
    /// </summary>
    public async Task<ClientOutcome<IssuedCertificateView>> IssueCertificateAsync(string clientId, CertificateForClientRequest request, ServerCertificates certificates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(certificates);
        var issueRequest = new CertificateIssueRequest(clientId, "valid", request.Key ?? "ecc", request.Use ?? "tls", request.Days, null, request.Pkcs12Password);
        if (TestCertificateIssuance.Problem(issueRequest) is { } invalid)
        {
            return new(ClientProblem.Invalid(invalid.Error, invalid.Message));
        }

        IssuedCertificateView? issued = null;
        var changed = await ChangeAsync(
            clientId,
            client =>
            {
                if (client.Kind != ClientKind.Cloud)
                {
                    return (null, NotCloud(clientId));
                }

                try
                {
                    issued = TestCertificateIssuance.Issue(issueRequest, client, certificates, time);
                }
                catch (ArgumentException ex)
                {
                    return (null, ClientProblem.Conflict("outside_ca_validity", ex.Message));
                }
                catch (CryptographicException ex)
                {
                    return (null, ClientProblem.Invalid("unusable_common_name", $"No certificate can carry the client's common name: {ex.Message}"));
                }

                if (issueRequest.Use == "signing")
                {
                    return EnrolSigning(client, issued.CertificatePem);
                }

                return client.CertificateThumbprint is not null ? EnrolTls(client, issued.CertificatePem, pin: true)
                    : client.CertificateCommonName is null ? EnrolTls(client, issued.CertificatePem, pin: false)
                    : (client, null);
            },
            cancellationToken);
        if (changed.Problem is { } problem)
        {
            return new(problem);
        }

        var note = issueRequest.Use == "signing"
            ? $"Enrolled as a signing certificate of client '{clientId}': its M2M JWTs signed with it (sub {issued!.Thumbprint}) are taken."
            : $"Enrolled for client '{clientId}' ({(changed.Value!.CertificateThumbprint is not null ? "pinned by its thumbprint" : "by its CN '" + changed.Value.CertificateCommonName + "'")}): the cloud endpoint accepts it over mutual TLS.";
        return new(issued! with { Note = note });
    }

    private static (DspClient? Changed, ClientProblem? Problem) EnrolTls(DspClient client, string pem, bool pin)
    {
        if (ReadPem(pem) is not { } certificate)
        {
            return (null, NotPem());
        }

        using (certificate)
        {
            var cn = CertificateFiles.CommonName(certificate);
            if (!pin && cn is null)
            {
                return (null, ClientProblem.Invalid("no_common_name", "The certificate has no Common Name to enrol the client by: pin it by its thumbprint instead (pin: true)."));
            }

            return (client with { CertificateThumbprint = pin ? CertificateFiles.Sha256Thumbprint(certificate) : null, CertificateCommonName = cn ?? client.CertificateCommonName }, null);
        }
    }

    private static (DspClient? Changed, ClientProblem? Problem) EnrolSigning(DspClient client, string pem)
    {
        if (ReadPem(pem) is not { } certificate)
        {
            return (null, NotPem());
        }

        using (certificate)
        {
            var thumbprint = CertificateFiles.Sha256Thumbprint(certificate);
            var known = client.SigningCertificates.Any(p => ThumbprintOf(p) == thumbprint);
            return (known ? client : client with { SigningCertificates = [.. client.SigningCertificates, certificate.ExportCertificatePem()] }, null);
        }
    }

    private static string? ThumbprintOf(string pem)
    {
        using var certificate = ReadPem(pem);
        return certificate is null ? null : CertificateFiles.Sha256Thumbprint(certificate);
    }

    private static X509Certificate2? ReadPem(string pem)
    {
        try
        {
            return X509Certificate2.CreateFromPem(pem);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static ClientProblem NotPem() =>
        ClientProblem.Invalid("invalid_certificate", "That is not a PEM certificate (-----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----).");

    private static ClientProblem? UseProblem(string? use) =>
        use is null or "tls" or "signing" ? null : ClientProblem.Invalid("unknown_use", $"Unknown use '{use}': use tls (the client's TLS certificate) or signing (an M2M JWT signing certificate).");
}
