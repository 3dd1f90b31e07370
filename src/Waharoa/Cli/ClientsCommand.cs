using System.CommandLine;
using System.Security.Cryptography.X509Certificates;
using Waharoa.Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using Waharoa.Server.Administration;
using Waharoa.Server.Control;
using Waharoa.Server.Data;
using Waharoa.Server.Hosting;
using Waharoa.Server.Tls;

namespace Waharoa.Cli;

/// <summary>
/// <c>waharoa clients add|list|remove|edit|rotate-secret|disable|enable</c>: DSP clients, changed through the running
/// server's control API when one runs on the data folder, else in the store directly.
/// </summary>
internal static class ClientsCommand
{
    public static Command Create()
    {
        var command = new Command("clients", "Manage DSP clients");
        command.Subcommands.Add(Add());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Remove());
        command.Subcommands.Add(Edit());
        command.Subcommands.Add(RotateSecret());
        command.Subcommands.Add(SetDisabled(disabled: true));
        command.Subcommands.Add(SetDisabled(disabled: false));
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
            var folder = Folder(parse, data);
            var clientId = parse.GetValue(id)!;
            var clientKind = parse.GetValue(kind)!;
            var cn = parse.GetValue(commonName);
            var certificateFile = parse.GetValue(certificate);
            var issueCertificate = parse.GetValue(issue) && clientKind == "cloud";
            if (parse.GetValue(pin) && certificateFile is null)
            {
                await Console.Error.WriteLineAsync("error: --pin-certificate pins the --certificate FILE given.");
                return 2;
            }

            if (clientKind == "cloud" && certificateFile is null && cn is null && !issueCertificate)
            {
                await Console.Error.WriteLineAsync("error: a cloud client needs --certificate FILE, --common-name CN or --issue-certificate.");
                return 2;
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

            string? certificatePem = null;
            if (clientKind == "cloud" && certificateFile is not null)
            {
                using var enrolled = CertificateFiles.Load(certificateFile.FullName);
                certificatePem = enrolled.ExportCertificatePem();
            }

            var request = new NewClientRequest(
                clientId,
                parse.GetValue(name),
                clientKind,
                parse.GetValue(redirects) ?? [],
                parse.GetValue(services) is { Length: > 0 } serviceNames ? serviceNames : null,
                null,
                parse.GetValue(platforms) ?? [],
                parse.GetValue(secret),
                certificatePem,
                clientKind == "cloud" ? cn : null,
                parse.GetValue(pin) && clientKind == "cloud",
                clientKind == "cloud" ? signingPems : null);

            if (await StoreAccess.TryConnectAsync(parse, data, cancellationToken) is { } api)
            {
                using (api)
                {
                    // The running server registers the client (and its test CA issues the certificate): it serves it at once.
                    return await OverApiAsync(async () =>
                    {
                        var added = (await api.SendAsync(HttpMethod.Post, "/control/clients", request, cancellationToken)).Deserialize<ClientWithSecret>(ControlJson.Options)!;
                        if (issueCertificate)
                        {
                            var issued = (await api.SendAsync(HttpMethod.Post, $"/control/clients/{Uri.EscapeDataString(clientId)}/certificates/issue", new CertificateForClientRequest(), cancellationToken))
                                .Deserialize<IssuedCertificateView>(ControlJson.Options)!;
                            using var written = X509Certificate2.CreateFromPem(issued.CertificatePem, issued.PrivateKeyPem);
                            CertificateFiles.Write(written, folder.ClientCertificate(clientId), folder.ClientKey(clientId));
                            PrintIssued(folder, clientId);
                        }

                        PrintSecret(added);
                        return 0;
                    });
                }
            }

            var (_, store) = await StoreAccess.OpenAsync(parse, data, cancellationToken);
            await using var closing = store;
            X509Certificate2? issued = null;
            if (issueCertificate)
            {
                // Refused before anything is issued: the files of the client that has the id stay as they are.
                if (await store.FindRegisteredClientAsync(clientId, cancellationToken) is not null)
                {
                    var taken = ClientProblem.Taken(clientId);
                    return await RefuseAsync(taken.Status, taken.Message);
                }

                if (store.IsShared)
                {
                    // From the development CA every instance trusts, kept in the database; the folder's own is left alone.
                    try
                    {
                        issued = await SharedFolderFiles.IssueClientCertificateAsync(store, clientId, TimeProvider.System, cancellationToken);
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
                }

                request = request with { CommonName = cn ?? CertificateFiles.CommonName(issued) };
            }

            using var issuedCertificate = issued;
            var outcome = await new ClientAdministration(store, TimeProvider.System).AddAsync(request, cancellationToken);
            if (outcome.Problem is { } problem)
            {
                // Refused (a bad redirect URI, say): the certificate issued for it is not kept.
                return await RefuseAsync(problem.Status, problem.Message);
            }

            if (issued is not null)
            {
                if (store.IsShared)
                {
                    await SharedFolderFiles.KeepClientCertificateAsync(store, folder, clientId, issued, TimeProvider.System, cancellationToken);
                }
                else
                {
                    CertificateFiles.Write(issued, folder.ClientCertificate(clientId), folder.ClientKey(clientId));
                }

                PrintIssued(folder, clientId);
            }

            PrintSecret(outcome.Value!);
            return 0;
        });
        return add;
    }

    private static void PrintIssued(DataFolder folder, string clientId)
    {
        Console.WriteLine($"certificate: {folder.ClientCertificate(clientId)}");
        Console.WriteLine($"key:         {folder.ClientKey(clientId)}");
    }

    private static void PrintSecret(ClientWithSecret added)
    {
        Console.WriteLine($"client_id:     {added.Client.ClientId}");
        Console.WriteLine($"client_secret: {added.ClientSecret}");
    }

    private static Command List()
    {
        var data = CommonOptions.Store();
        var list = data.Command("list", "List DSP clients");
        list.SetAction((parse, cancellationToken) => RunAsync<List<ClientView>>(
            parse,
            data,
            async (clients, ct) => new([.. await clients.ListAsync(ct)]),
            api => api.SendAsync(HttpMethod.Get, "/control/clients", null, cancellationToken),
            clients =>
            {
                foreach (var client in clients)
                {
                    var certificate = client.CertificateThumbprint ?? (client.CertificateCommonName is { } listedCn ? "CN=" + listedCn : "-");
                    Console.WriteLine($"{client.ClientId}\t{client.Kind.ToString().ToLowerInvariant()}\t{string.Join(" ", client.RedirectUris)}\t{certificate}\t{string.Join(",", client.Services)}\t{client.Name}"
                        + (client.Disabled ? "\tdisabled" : string.Empty));
                }
            },
            cancellationToken));
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
            var clientId = parse.GetValue(id)!;
            if (await StoreAccess.TryConnectAsync(parse, data, cancellationToken) is { } api)
            {
                using (api)
                {
                    // The running server tells every instance itself.
                    return await OverApiAsync(async () =>
                    {
                        await api.SendAsync(HttpMethod.Delete, ClientPath(clientId), null, cancellationToken);
                        Console.WriteLine($"removed {clientId}");
                        return 0;
                    });
                }
            }

            var (_, store) = await StoreAccess.OpenAsync(parse, data, cancellationToken);
            await using var closing = store;
            var (revocations, announcement) = InstanceAnnouncement.Revocations(store, CommonOptions.ValueOrEnvironment(parse, redis), "running instances refuse its tokens within a second");
            if (await ClientAdministration.RemoveAsync(clientId, revocations, cancellationToken) is { } problem)
            {
                return await RefuseAsync(problem.Status, $"no client '{clientId}'.");
            }

            Console.WriteLine($"removed {clientId}");
            await announcement.PrintAsync();
            return 0;
        });
        return remove;
    }

    private static Command Edit()
    {
        var data = CommonOptions.Store();
        var id = new Argument<string>("client-id") { Description = "The client_id to change" };
        var name = new Option<string?>("--name") { Description = "Name shown on the consent page" };
        var kind = new Option<string?>("--kind") { Description = "cloud or native (native drops its certificates)" };
        kind.AcceptOnlyFromAmong("cloud", "native");
        var redirects = new Option<string[]>("--redirect-uri") { Description = "A redirect URI (repeat for several); replaces them all", AllowMultipleArgumentsPerToken = false };
        var services = new Option<string[]>("--service") { Description = "A gateway web service (repeat); replaces them all (* = every service)", AllowMultipleArgumentsPerToken = false };
        var customer = new Option<string?>("--customer-ird") { Description = "The IRD number of the DSP's own customer (\"\" removes it)" };
        var platforms = new Option<string[]>("--software-platform") { Description = "A software platform value (repeat); replaces them all", AllowMultipleArgumentsPerToken = false };
        var edit = data.Command("edit", "Change a DSP client's name, kind, redirect URIs, services, customer or software platforms (what is not given stays)", id, name, kind, redirects, services, customer, platforms);
        edit.SetAction((parse, cancellationToken) =>
        {
            var clientId = parse.GetValue(id)!;
            var request = new ClientChangeRequest(
                parse.GetValue(name),
                parse.GetValue(kind),
                parse.GetValue(redirects) is { Length: > 0 } uris ? uris : null,
                parse.GetValue(services) is { Length: > 0 } names ? names : null,
                parse.GetValue(customer),
                parse.GetValue(platforms) is { Length: > 0 } values ? values : null);
            return RunAsync<ClientView>(
                parse,
                data,
                (clients, ct) => clients.EditAsync(clientId, request, ct),
                api => api.SendAsync(HttpMethod.Patch, ClientPath(clientId), request, cancellationToken),
                client => Console.WriteLine($"changed {client.ClientId}"),
                cancellationToken);
        });
        return edit;
    }

    private static Command RotateSecret()
    {
        var data = CommonOptions.Store();
        var id = new Argument<string>("client-id") { Description = "The client_id whose secret to replace" };
        var rotate = data.Command("rotate-secret", "Give a DSP client a new random secret, printed once; the old one stops working at once", id);
        rotate.SetAction((parse, cancellationToken) =>
        {
            var clientId = parse.GetValue(id)!;
            return RunAsync<ClientWithSecret>(
                parse,
                data,
                (clients, ct) => clients.RotateSecretAsync(clientId, ct),
                api => api.SendAsync(HttpMethod.Post, ClientPath(clientId) + "/secret", null, cancellationToken),
                PrintSecret,
                cancellationToken);
        });
        return rotate;
    }

    private static Command SetDisabled(bool disabled)
    {
        var data = CommonOptions.Store();
        var id = new Argument<string>("client-id") { Description = disabled ? "The client_id to disable" : "The client_id to enable" };
        var verb = disabled ? "disable" : "enable";
        var command = data.Command(
            verb,
            disabled ? "Disable a DSP client: the OAuth endpoints and the gateway refuse it as an unknown client until it is enabled" : "Enable a disabled DSP client again",
            id);
        command.SetAction((parse, cancellationToken) =>
        {
            var clientId = parse.GetValue(id)!;
            return RunAsync<ClientView>(
                parse,
                data,
                (clients, ct) => clients.SetDisabledAsync(clientId, disabled, ct),
                api => api.SendAsync(HttpMethod.Post, ClientPath(clientId) + "/" + verb, null, cancellationToken),
                client => Console.WriteLine($"{verb}d {client.ClientId}"),
                cancellationToken);
        });
        return command;
    }

    /// <summary>
    /// One management action: over the running server's control API when one runs on the data folder (it sees the change
    /// at once), else on the store directly (a server running without its control API sees it within a second); both
    /// through <see cref="ClientAdministration"/>.
    /// </summary>
    private static async Task<int> RunAsync<T>(
        ParseResult parse,
        StoreOptions data,
        Func<ClientAdministration, CancellationToken, Task<ClientOutcome<T>>> offline,
        Func<ControlClient, Task<JsonNode?>> online,
        Action<T> print,
        CancellationToken cancellationToken)
    {
        if (await StoreAccess.TryConnectAsync(parse, data, cancellationToken) is { } api)
        {
            using (api)
            {
                return await OverApiAsync(async () =>
                {
                    print((await online(api)).Deserialize<T>(ControlJson.Options)!);
                    return 0;
                });
            }
        }

        var (_, store) = await StoreAccess.OpenAsync(parse, data, cancellationToken);
        await using var closing = store;
        var outcome = await offline(new ClientAdministration(store, TimeProvider.System), cancellationToken);
        if (outcome.Problem is { } problem)
        {
            return await RefuseAsync(problem.Status, problem.Message);
        }

        print(outcome.Value!);
        return 0;
    }

    /// <summary>Runs a call to the control API; its refusal is printed as the store path prints the same refusal.</summary>
    private static async Task<int> OverApiAsync(Func<Task<int>> call)
    {
        try
        {
            return await call();
        }
        catch (ControlCallException ex)
        {
            // "400: message": the API's status, then its words.
            var colon = ex.Message.IndexOf(':', StringComparison.Ordinal);
            var status = colon > 0 && int.TryParse(ex.Message[..colon], System.Globalization.CultureInfo.InvariantCulture, out var code) ? code : 0;
            return await RefuseAsync(status, colon > 0 ? ex.Message[(colon + 1)..].Trim() : ex.Message);
        }
        catch (HttpRequestException ex)
        {
            return await RefuseAsync(0, $"the running server's control API did not answer ({ex.Message}).");
        }
    }

    /// <summary>Prints <paramref name="message"/> as an error: exit code 2 for bad input (400), else 1.</summary>
    private static async Task<int> RefuseAsync(int status, string message)
    {
        await Console.Error.WriteLineAsync($"error: {message}");
        return status == 400 ? 2 : 1;
    }

    private static DataFolder Folder(ParseResult parse, StoreOptions data) => new(Path.GetFullPath(parse.GetValue(data.Data)!));

    private static string ClientPath(string clientId) => "/control/clients/" + Uri.EscapeDataString(clientId);
}
