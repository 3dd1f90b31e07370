using System.CommandLine;
using System.Security.Cryptography.X509Certificates;
using Waharoa.Certificates;
using Waharoa.Clients;
using Waharoa.Security;
using Waharoa.Server.Hosting;
using Waharoa.Server.Tls;

namespace Waharoa.Cli;

/// <summary><c>waharoa clients add|list|remove</c>: DSP clients.</summary>
internal static class ClientsCommand
{
    public static Command Create()
    {
        var command = new Command("clients", "Manage DSP clients");
        command.Subcommands.Add(Add());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Remove());
        return command;
    }

    private static Command Add()
    {
        var data = CommonOptions.Store();
        var id = new Option<string>("--client-id") { Description = "The client_id", Required = true };
        var name = new Option<string?>("--name") { Description = "Name shown on the consent page (default: the client_id)" };
        var secret = new Option<string?>("--secret") { Description = "The client secret (default: a new random one, printed once)" };
        var kind = new Option<string>("--kind") { Description = "cloud (mutual TLS, refresh tokens) or native (desktop app)", DefaultValueFactory = _ => "cloud" };
        kind.AcceptOnlyFromAmong("cloud", "native");
        var redirects = new Option<string[]>("--redirect-uri") { Description = "A redirect URI (repeat for several); matched exactly", Required = true, AllowMultipleArgumentsPerToken = false };
        var certificate = new Option<FileInfo?>("--certificate") { Description = "PEM certificate to enrol for a cloud client" };
        var commonName = new Option<string?>("--common-name")
        {
            Description = "Enrol a cloud client by the Common Name of its certificates, as IR does (default: the CN of --certificate, or the client_id with --issue-certificate)",
        };
        var pin = new Option<bool>("--pin-certificate") { Description = "Accept only the --certificate given (its thumbprint), not any trusted certificate with its CN" };
        var issue = new Option<bool>("--issue-certificate") { Description = "Have the development CA issue a client certificate into certs/clients/" };
        var signing = new Option<FileInfo[]>("--signing-certificate")
        {
            Description = "A PEM certificate the DSP signs M2M JWTs with (repeat for several; self-signed allowed); default: its TLS certificate",
            AllowMultipleArgumentsPerToken = false,
        };
        var services = new Option<string[]>("--service") { Description = "A gateway web service the client is enrolled for (repeat; default * = every service)" };
        var platforms = new Option<string[]>("--software-platform")
        {
            Description = "A software platform value IR assigned the DSP at onboarding (repeat for several); SOAP requests naming any other are refused with status 5. Default: any platform",
        };
        var add = data.Command("add", "Register a DSP client", id, name, secret, kind, redirects, certificate, commonName, pin, issue, signing, services, platforms);
        add.SetAction(async (parse, cancellationToken) =>
        {
            var (folder, store) = await StoreAccess.OpenAsync(parse, data, cancellationToken);
            await using var closing = store;
            var clientId = parse.GetValue(id)!;
            var clientKind = parse.GetValue(kind) == "native" ? ClientKind.Native : ClientKind.Cloud;
            var uris = parse.GetValue(redirects) ?? [];
            foreach (var uri in uris)
            {
                if (RedirectUriRule.Problem(uri) is { } problem)
                {
                    await Console.Error.WriteLineAsync($"error: {problem}.");
                    return 2;
                }
            }

            var platformValues = parse.GetValue(platforms) ?? [];
            if (platformValues.Select(SoftwarePlatformRule.Problem).FirstOrDefault(p => p is not null) is { } platformProblem)
            {
                await Console.Error.WriteLineAsync($"error: {platformProblem}.");
                return 2;
            }

            if (parse.GetValue(secret) is { } chosen && ClientSecretRule.Problem(chosen) is { } weak)
            {
                await Console.Error.WriteLineAsync($"error: {weak}.");
                return 2;
            }

            string? thumbprint = null;
            var cn = parse.GetValue(commonName);
            var certificateFile = parse.GetValue(certificate);
            if (parse.GetValue(pin) && certificateFile is null)
            {
                await Console.Error.WriteLineAsync("error: --pin-certificate pins the --certificate FILE given.");
                return 2;
            }

            if (clientKind == ClientKind.Cloud)
            {
                if (certificateFile is not null)
                {
                    using var enrolled = CertificateFiles.Load(certificateFile.FullName);
                    thumbprint = parse.GetValue(pin) ? CertificateFiles.Sha256Thumbprint(enrolled) : null;
                    cn ??= CertificateFiles.CommonName(enrolled);
                }
                else if (cn is not null && !parse.GetValue(issue))
                {
                    // Enrolled by its CN alone: the certificate comes later, from a trusted CA.
                }
                else if (parse.GetValue(issue))
                {
                    X509Certificate2 issued;
                    if (store.IsShared)
                    {
                        // From the development CA every instance trusts, kept in the database; the folder's own is left alone.
                        try
                        {
                            issued = await SharedFolderFiles.IssueClientCertificateAsync(store, folder, clientId, TimeProvider.System, cancellationToken);
                        }
                        catch (InvalidOperationException ex)
                        {
                            await Console.Error.WriteLineAsync($"error: {ex.Message}");
                            return 1;
                        }
                    }
                    else
                    {
                        using var certificates = ServerCertificates.LoadOrCreate(folder, TimeProvider.System);
                        issued = certificates.Authority.IssueClientCertificate(clientId);
                        CertificateFiles.Write(issued, folder.ClientCertificate(clientId), folder.ClientKey(clientId));
                    }

                    using var issuedCertificate = issued;
                    cn ??= CertificateFiles.CommonName(issued);
                    Console.WriteLine($"certificate: {folder.ClientCertificate(clientId)}");
                    Console.WriteLine($"key:         {folder.ClientKey(clientId)}");
                }
                else
                {
                    await Console.Error.WriteLineAsync("error: a cloud client needs --certificate FILE, --common-name CN or --issue-certificate.");
                    return 2;
                }
            }

            var signingPems = new List<string>();
            foreach (var file in parse.GetValue(signing) ?? [])
            {
                try
                {
                    using var signer = CertificateFiles.Load(file.FullName);
                    signingPems.Add(signer.ExportCertificatePem());
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
                {
                    await Console.Error.WriteLineAsync($"error: cannot read a PEM signing certificate at {file.FullName}: {ex.Message}");
                    return 2;
                }
            }

            var clientSecret = parse.GetValue(secret) ?? SecretHasher.NewSecret();
            var client = new DspClient(clientId, parse.GetValue(name) ?? clientId, clientKind, SecretHasher.Hash(clientSecret), uris, thumbprint, TimeProvider.System.GetUtcNow())
            {
                Services = parse.GetValue(services) is { Length: > 0 } serviceNames ? serviceNames : ["*"],
                SigningCertificates = signingPems,
                SoftwarePlatforms = [.. platformValues.Distinct(StringComparer.Ordinal)],
                CertificateCommonName = clientKind == ClientKind.Cloud ? cn : null,
            };
            if (!await store.AddClientAsync(client, cancellationToken))
            {
                await Console.Error.WriteLineAsync($"error: a client with id '{clientId}' already exists.");
                return 1;
            }

            Console.WriteLine($"client_id:     {clientId}");
            Console.WriteLine($"client_secret: {clientSecret}");
            return 0;
        });
        return add;
    }

    private static Command List()
    {
        var data = CommonOptions.Store();
        var list = data.Command("list", "List DSP clients");
        list.SetAction(async (parse, cancellationToken) =>
        {
            var (_, store) = await StoreAccess.OpenAsync(parse, data, cancellationToken);
            await using var closing = store;
            foreach (var client in await store.ListClientsAsync(cancellationToken))
            {
                Console.WriteLine($"{client.ClientId}\t{client.Kind.ToString().ToLowerInvariant()}\t{string.Join(" ", client.RedirectUris)}\t{client.CertificateThumbprint ?? (client.CertificateCommonName is { } listedCn ? "CN=" + listedCn : "-")}\t{string.Join(",", client.Services)}\t{client.Name}");
            }

            return 0;
        });
        return list;
    }

    private static Command Remove()
    {
        var data = CommonOptions.Store();
        var id = new Argument<string>("client-id") { Description = "The client_id to remove" };
        var redis = CommonOptions.Redis();
        var remove = data.Command("remove", "Remove a DSP client and revoke every token it holds", id, redis);
        remove.SetAction(async (parse, cancellationToken) =>
        {
            var (_, store) = await StoreAccess.OpenAsync(parse, data, cancellationToken);
            await using var closing = store;
            var clientId = parse.GetValue(id)!;
            var (revocations, announcement) = InstanceAnnouncement.Revocations(store, CommonOptions.ValueOrEnvironment(parse, redis), "running instances refuse its tokens within a second");
            if (!await revocations.RemoveClientAsync(clientId, cancellationToken))
            {
                await Console.Error.WriteLineAsync($"error: no client '{clientId}'.");
                return 1;
            }

            Console.WriteLine($"removed {clientId}");
            await announcement.PrintAsync();
            return 0;
        });
        return remove;
    }
}
