using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Waharoa.Server.Administration;
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

            if (TestCertificateIssuance.Problem(request) is { } problem)
            {
                return ControlApi.Error(StatusCodes.Status400BadRequest, problem.Error, problem.Message);
            }

            var client = await clients.FindRegisteredClientAsync(request.ClientId, context.RequestAborted);
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
                return Results.Json(TestCertificateIssuance.Issue(request, client, certificates, time), ControlJson.Options);
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
}
