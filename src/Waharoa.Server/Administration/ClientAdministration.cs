using Waharoa.Clients;
using Waharoa.Customers;
using Waharoa.OAuth;
using Waharoa.Security;
using Waharoa.Storage;

namespace Waharoa.Server.Administration;

/// <summary>
/// Every change an operator makes to DSP clients, whoever asks: the control API (and so the console) and the CLI with no
/// server running both call this, so what is checked and what is stored is the same. Secrets are stored only as their
/// hash; a new one is in the answer that made it and nowhere else.
/// </summary>
internal sealed partial class ClientAdministration(IClientStore clients, TimeProvider time)
{
    /// <summary>The longest client_id taken.</summary>
    public const int MaxClientIdLength = 128;

    /// <summary>Every client, enabled or disabled, ordered by id.</summary>
    public async Task<IReadOnlyList<ClientView>> ListAsync(CancellationToken cancellationToken) =>
        [.. (await clients.ListClientsAsync(cancellationToken)).Select(ClientView.Of)];

    /// <summary>One client, or <see cref="ClientProblem.NotFound"/>.</summary>
    public async Task<ClientOutcome<ClientView>> GetAsync(string clientId, CancellationToken cancellationToken) =>
        await clients.FindRegisteredClientAsync(clientId, cancellationToken) is { } client ? new(ClientView.Of(client)) : new(ClientProblem.NotFound(clientId));

    /// <summary>Registers a client; its secret (chosen or new) is in the answer, once.</summary>
    public async Task<ClientOutcome<ClientWithSecret>> AddAsync(NewClientRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (ClientIdProblem(request.ClientId) is { } idProblem)
        {
            return new(idProblem);
        }

        if (KindOf(request.Kind ?? "cloud") is not { } kind)
        {
            return new(UnknownKind(request.Kind));
        }

        if (request.Secret is not null && ClientSecretRule.Problem(request.Secret) is { } weak)
        {
            return new(ClientProblem.Invalid("weak_secret", weak + "."));
        }

        var client = new DspClient(request.ClientId!, string.IsNullOrWhiteSpace(request.Name) ? request.ClientId! : request.Name.Trim(), kind, string.Empty, [], null, time.GetUtcNow())
        {
            Services = ["*"],
        };
        var (changed, problem) = Apply(client, new ClientChangeRequest(null, null, request.RedirectUris ?? [], request.Services, request.CustomerIrd, request.SoftwarePlatforms));
        if (problem is not null)
        {
            return new(problem);
        }

        if (kind == ClientKind.Cloud)
        {
            if (request.CertificatePem is not null)
            {
                (changed, problem) = EnrolTls(changed!, request.CertificatePem, request.PinCertificate);
                if (problem is not null)
                {
                    return new(problem);
                }
            }
            else if (request.PinCertificate)
            {
                return new(ClientProblem.Invalid("pin_needs_certificate", "Pinning pins the certificate given: send certificatePem with pinCertificate."));
            }

            if (request.CommonName is not null)
            {
                if (CommonNameProblem(request.CommonName) is { } cnProblem)
                {
                    return new(cnProblem);
                }

                changed = changed! with { CertificateCommonName = request.CommonName };
            }

            foreach (var pem in request.SigningCertificatePems ?? [])
            {
                (changed, problem) = EnrolSigning(changed!, pem);
                if (problem is not null)
                {
                    return new(problem);
                }
            }
        }
        else if (request.CertificatePem is not null || request.CommonName is not null || request.PinCertificate || request.SigningCertificatePems is { Count: > 0 })
        {
            return new(NotCloud(request.ClientId!));
        }

        var secret = request.Secret ?? SecretHasher.NewSecret();
        changed = changed! with { SecretHash = SecretHasher.Hash(secret) };
        if (!await clients.AddClientAsync(changed, cancellationToken))
        {
            return new(ClientProblem.Taken(request.ClientId));
        }

        return new(new ClientWithSecret(ClientView.Of(changed), secret));
    }

    /// <summary>Changes what <paramref name="request"/> names (a null field stays as it was).</summary>
    public Task<ClientOutcome<ClientView>> EditAsync(string clientId, ClientChangeRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ChangeAsync(clientId, client => Apply(client, request), cancellationToken);
    }

    /// <summary>Gives the client a new random secret, in the answer once; the old one stops working at once.</summary>
    public async Task<ClientOutcome<ClientWithSecret>> RotateSecretAsync(string clientId, CancellationToken cancellationToken)
    {
        var secret = SecretHasher.NewSecret();
        var changed = await ChangeAsync(clientId, client => (client with { SecretHash = SecretHasher.Hash(secret) }, null), cancellationToken);
        return changed.Problem is { } problem ? new(problem) : new(new ClientWithSecret(changed.Value!, secret));
    }

    /// <summary>Disables (refused everywhere as an unknown client is) or enables a client.</summary>
    public async Task<ClientOutcome<ClientView>> SetDisabledAsync(string clientId, bool disabled, CancellationToken cancellationToken)
    {
        if (!await clients.SetClientDisabledAsync(clientId, disabled, cancellationToken))
        {
            return new(ClientProblem.NotFound(clientId));
        }

        return await GetAsync(clientId, cancellationToken);
    }

    /// <summary>Removes a client and revokes every token it holds, through <paramref name="revocations"/> (which tells the running instances).</summary>
    public static async Task<ClientProblem?> RemoveAsync(string clientId, Revocations revocations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(revocations);
        return await revocations.RemoveClientAsync(clientId, cancellationToken) ? null : ClientProblem.NotFound(clientId);
    }

    private async Task<ClientOutcome<ClientView>> ChangeAsync(string clientId, Func<DspClient, (DspClient? Changed, ClientProblem? Problem)> change, CancellationToken cancellationToken)
    {
        if (await clients.FindRegisteredClientAsync(clientId, cancellationToken) is not { } client)
        {
            return new(ClientProblem.NotFound(clientId));
        }

        var (changed, problem) = change(client);
        if (problem is not null)
        {
            return new(problem);
        }

        return await clients.UpdateClientAsync(changed!, cancellationToken) ? new(ClientView.Of(changed!)) : new(ClientProblem.NotFound(clientId));
    }

    private static (DspClient? Changed, ClientProblem? Problem) Apply(DspClient client, ClientChangeRequest request)
    {
        var changed = client;
        if (request.Name is not null)
        {
            if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200 || request.Name.Any(char.IsControl))
            {
                return (null, ClientProblem.Invalid("invalid_name", "name must be 1 to 200 characters, without control characters."));
            }

            changed = changed with { Name = request.Name.Trim() };
        }

        if (request.Kind is not null)
        {
            if (KindOf(request.Kind) is not { } kind)
            {
                return (null, UnknownKind(request.Kind));
            }

            // A desktop client calls the desktop endpoint: no client certificate is asked of it.
            changed = kind == ClientKind.Native
                ? changed with { Kind = kind, CertificateThumbprint = null, CertificateCommonName = null, SigningCertificates = [] }
                : changed with { Kind = kind };
        }

        if (request.RedirectUris is not null)
        {
            var uris = request.RedirectUris.Select(u => u?.Trim() ?? string.Empty).Where(u => u.Length > 0).Distinct(StringComparer.Ordinal).ToArray();
            if (uris.Length == 0)
            {
                return (null, ClientProblem.Invalid("redirect_uri_required", "A client needs at least one redirect URI (matched exactly)."));
            }

            if (uris.Select(RedirectUriRule.Problem).FirstOrDefault(p => p is not null) is { } uriProblem)
            {
                return (null, ClientProblem.Invalid("invalid_redirect_uri", uriProblem + "."));
            }

            changed = changed with { RedirectUris = uris };
        }

        if (request.Services is not null)
        {
            var services = request.Services.Select(s => s?.Trim() ?? string.Empty).Where(s => s.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
            if (services.Any(s => s.Length > 64 || !s.All(c => char.IsAsciiLetterOrDigit(c) || c is '*' or '-' or '_' or '.')))
            {
                return (null, ClientProblem.Invalid("invalid_service", "A service is a gateway web service name (letters, digits, - _ .) or * for every service."));
            }

            changed = changed with { Services = services.Length == 0 ? ["*"] : services };
        }

        if (request.CustomerIrd is not null)
        {
            if (request.CustomerIrd.Trim().Length == 0)
            {
                changed = changed with { CustomerIrd = null };
            }
            else if (IrdNumber.Normalise(request.CustomerIrd) is { } ird)
            {
                changed = changed with { CustomerIrd = ird };
            }
            else
            {
                return (null, ClientProblem.Invalid("invalid_ird", $"'{request.CustomerIrd}' is not a valid IRD number (8 or 9 digits with a correct check digit)."));
            }
        }

        if (request.SoftwarePlatforms is not null)
        {
            var platforms = request.SoftwarePlatforms.Where(p => !string.IsNullOrWhiteSpace(p)).Distinct(StringComparer.Ordinal).ToArray();
            if (platforms.Select(SoftwarePlatformRule.Problem).FirstOrDefault(p => p is not null) is { } platformProblem)
            {
                return (null, ClientProblem.Invalid("invalid_software_platform", platformProblem + "."));
            }

            changed = changed with { SoftwarePlatforms = platforms };
        }

        return (changed, null);
    }

    private static ClientProblem? ClientIdProblem(string? clientId) =>
        string.IsNullOrWhiteSpace(clientId) ? ClientProblem.Invalid("client_id_required", "Name the client: {\"clientId\": \"…\"}.")
        : clientId.Length > MaxClientIdLength || clientId.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
            ? ClientProblem.Invalid("invalid_client_id", $"A client_id is 1 to {MaxClientIdLength} characters, without spaces or control characters.")
        : null;

    private static ClientProblem? CommonNameProblem(string cn) =>
        string.IsNullOrWhiteSpace(cn) || cn.Length > 64 || cn.Any(char.IsControl)
            ? ClientProblem.Invalid("invalid_common_name", "commonName must be 1 to 64 characters, without control characters.")
            : null;

    private static ClientKind? KindOf(string kind) => kind switch
    {
        "cloud" => ClientKind.Cloud,
        "native" => ClientKind.Native,
        _ => null,
    };

    private static ClientProblem UnknownKind(string? kind) =>
        ClientProblem.Invalid("unknown_kind", $"Unknown kind '{kind}': use cloud (mutual TLS, refresh tokens) or native (desktop app).");

    private static ClientProblem NotCloud(string clientId) =>
        ClientProblem.Invalid("not_a_cloud_client", $"Client '{clientId}' is a desktop (native) client: it calls the desktop endpoint, which takes no client certificate and no M2M JWT.");
}
