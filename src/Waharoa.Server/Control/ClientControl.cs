using System.Text.Json;
using Waharoa.OAuth;
using Waharoa.Server.Administration;
using Waharoa.Server.Tls;
using Waharoa.Storage;

namespace Waharoa.Server.Control;

/// <summary>
/// <c>/control/clients</c>: the DSP clients, as their operator manages them (list, add, edit, rotate the secret, enrol or
/// issue certificates, disable, enable, remove). A thin adapter over <see cref="ClientAdministration"/>, which the CLI calls
/// too when no server is running. No answer carries a secret's hash; a new secret is in the answer that made it, once.
/// </summary>
internal static class ClientControl
{
    internal static RouteGroupBuilder MapClientControl(this RouteGroupBuilder group)
    {
        group.MapGet("/clients", async (IClientStore clients, TimeProvider time, CancellationToken ct) =>
            Results.Json(await new ClientAdministration(clients, time).ListAsync(ct), ControlJson.Options))
            .WithName("ListClients")
            .WithSummary("Every DSP client, enabled or disabled, ordered by client_id.")
            .Produces<List<ClientView>>();

        group.MapPost("/clients", async (HttpContext context, IClientStore clients, TimeProvider time, CancellationToken ct) =>
            await WithBodyAsync<NewClientRequest>(context, "{\"clientId\": \"…\", \"kind\": \"cloud\", \"redirectUris\": [\"https://…\"]}", async request =>
                Answer(await new ClientAdministration(clients, time).AddAsync(request, ct), StatusCodes.Status201Created)))
            .WithName("AddClient")
            .WithSummary("Register a DSP client; its secret (chosen, or a new random one) is in this answer only.")
            .Accepts<NewClientRequest>("application/json")
            .Produces<ClientWithSecret>(StatusCodes.Status201Created)
            .Produces<ControlError>(StatusCodes.Status400BadRequest)
            .Produces<ControlError>(StatusCodes.Status409Conflict);

        group.MapGet("/clients/{clientId}", async (string clientId, IClientStore clients, TimeProvider time, CancellationToken ct) =>
            Answer(await new ClientAdministration(clients, time).GetAsync(clientId, ct)))
            .WithName("GetClient")
            .WithSummary("One DSP client.")
            .Produces<ClientView>()
            .Produces<ControlError>(StatusCodes.Status404NotFound);

        group.MapPatch("/clients/{clientId}", async (string clientId, HttpContext context, IClientStore clients, TimeProvider time, CancellationToken ct) =>
            await WithBodyAsync<ClientChangeRequest>(context, "{\"name\": \"…\", \"redirectUris\": [\"https://…\"]}", async request =>
                Answer(await new ClientAdministration(clients, time).EditAsync(clientId, request, ct))))
            .WithName("EditClient")
            .WithSummary("Change a client's name, kind, redirect URIs, services, customer IRD or software platforms; what the body leaves out stays.")
            .Accepts<ClientChangeRequest>("application/json")
            .Produces<ClientView>()
            .Produces<ControlError>(StatusCodes.Status400BadRequest)
            .Produces<ControlError>(StatusCodes.Status404NotFound);

        group.MapDelete("/clients/{clientId}", async (string clientId, Revocations revocations, CancellationToken ct) =>
            await ClientAdministration.RemoveAsync(clientId, revocations, ct) is { } problem ? Error(problem) : Results.NoContent())
            .WithName("RemoveClient")
            .WithSummary("Remove a client and revoke every token it holds (every instance refuses them within a second).")
            .Produces(StatusCodes.Status204NoContent)
            .Produces<ControlError>(StatusCodes.Status404NotFound);

        group.MapPost("/clients/{clientId}/secret", async (string clientId, IClientStore clients, TimeProvider time, CancellationToken ct) =>
            Answer(await new ClientAdministration(clients, time).RotateSecretAsync(clientId, ct)))
            .WithName("RotateClientSecret")
            .WithSummary("Give the client a new random secret, in this answer only; the old one stops working at once.")
            .Produces<ClientWithSecret>()
            .Produces<ControlError>(StatusCodes.Status404NotFound);

        group.MapPost("/clients/{clientId}/certificates", async (string clientId, HttpContext context, IClientStore clients, TimeProvider time, CancellationToken ct) =>
            await WithBodyAsync<CertificateEnrolRequest>(context, "{\"pem\": \"-----BEGIN CERTIFICATE-----…\", \"use\": \"tls\", \"pin\": false}", async request =>
                Answer(await new ClientAdministration(clients, time).EnrolCertificateAsync(clientId, request, ct))))
            .WithName("EnrolClientCertificate")
            .WithSummary("Enrol a PEM certificate for a cloud client: its TLS certificate (by its CN as IR does, or pinned by thumbprint) or one it signs M2M JWTs with.")
            .Accepts<CertificateEnrolRequest>("application/json")
            .Produces<ClientView>()
            .Produces<ControlError>(StatusCodes.Status400BadRequest)
            .Produces<ControlError>(StatusCodes.Status404NotFound);

        group.MapPost("/clients/{clientId}/certificates/issue", async (string clientId, HttpContext context, IClientStore clients, ServerCertificates certificates, TimeProvider time, CancellationToken ct) =>
            await WithBodyAsync<CertificateForClientRequest>(context, "{\"use\": \"tls\", \"key\": \"ecc\"}", async request =>
                Answer(await new ClientAdministration(clients, time).IssueCertificateAsync(clientId, request, certificates, ct)), emptyAs: new CertificateForClientRequest()))
            .WithName("IssueClientCertificate")
            .WithSummary("Issue a TLS or signing certificate for a cloud client from the test CA and enrol it; the certificate, its key and a PKCS#12 of both are in the answer.")
            .Accepts<CertificateForClientRequest>("application/json")
            .Produces<IssuedCertificateView>()
            .Produces<ControlError>(StatusCodes.Status400BadRequest)
            .Produces<ControlError>(StatusCodes.Status404NotFound)
            .Produces<ControlError>(StatusCodes.Status409Conflict);

        group.MapPost("/clients/{clientId}/disable", async (string clientId, IClientStore clients, TimeProvider time, CancellationToken ct) =>
            Answer(await new ClientAdministration(clients, time).SetDisabledAsync(clientId, disabled: true, ct)))
            .WithName("DisableClient")
            .WithSummary("Disable a client: the OAuth endpoints and the gateway refuse it as they refuse an unknown client, until it is enabled.")
            .Produces<ClientView>()
            .Produces<ControlError>(StatusCodes.Status404NotFound);

        group.MapPost("/clients/{clientId}/enable", async (string clientId, IClientStore clients, TimeProvider time, CancellationToken ct) =>
            Answer(await new ClientAdministration(clients, time).SetDisabledAsync(clientId, disabled: false, ct)))
            .WithName("EnableClient")
            .WithSummary("Enable a disabled client again.")
            .Produces<ClientView>()
            .Produces<ControlError>(StatusCodes.Status404NotFound);
        return group;
    }

    private static IResult Answer<T>(ClientOutcome<T> outcome, int status = StatusCodes.Status200OK) =>
        outcome.Problem is { } problem ? Error(problem) : Results.Json(outcome.Value, ControlJson.Options, statusCode: status);

    private static IResult Error(ClientProblem problem) => ControlApi.Error(problem.Status, problem.Error, problem.Message);

    /// <summary>What <paramref name="then"/> answers for the body read as <typeparamref name="T"/>, or a clear 400 when it is not one.</summary>
    private static async Task<IResult> WithBodyAsync<T>(HttpContext context, string example, Func<T, Task<IResult>> then, T? emptyAs = null)
        where T : class
    {
        T? request;
        try
        {
            request = context.Request.ContentLength == 0 && emptyAs is not null
                ? emptyAs
                : await JsonSerializer.DeserializeAsync<T>(context.Request.Body, ControlJson.Options, context.RequestAborted);
        }
        catch (JsonException ex)
        {
            return ControlApi.Error(StatusCodes.Status400BadRequest, "invalid_json", $"The body is not what this call takes ({example}): {ex.Message.Split(" Path:")[0]}");
        }

        return request is null
            ? ControlApi.Error(StatusCodes.Status400BadRequest, "invalid_json", $"The body must be a JSON object: {example}.")
            : await then(request);
    }
}
